import Foundation
import Pipeline
import Testing

/// A sweep's download of its data, before any trial starts, bounded by its `--timeout` (and
/// any cancellation) as its trials are.
@Suite struct SweepDownloadStopTests {
  /// Catalog files named by their path, on an empty cache, with a mirror refusing every
  /// connection: any download tried reports its start.
  static let spec = """
    name: catsweep
    dataset:
      train: {file: catvnoncat/train_catvnoncat.h5, features: train_set_x, target: train_set_y}
      test: {file: catvnoncat/test_catvnoncat.h5, features: test_set_x, target: test_set_y}
      preprocessing: [flatten, {scale: 1/255}]
    model: {type: logreg, init: zeros}
    loss: binary_cross_entropy
    optimizer: {type: gd, learning_rate: 0.005, iterations: 10}
    sweep:
      method: grid
      parameters:
        regularization.l2: [0.0, 0.1]

    """

  final class Downloads: @unchecked Sendable {
    private let lock = NSLock()
    private var urls: [String] = []
    func add(_ url: String) { lock.withLock { urls.append(url) } }
    var all: [String] { lock.withLock { urls } }
  }

  // Review s41 §7: the sweep's download never looked at the cancellation, so a `--timeout`
  // spent while it went on (or before) still downloaded every pending file, then checked the
  // data. Once cancelled, no download starts and no trial either.
  @Test func aCancelledSweepDownloadsNothingMore() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("catsweep.yaml")
    try Self.spec.write(to: spec, atomically: true, encoding: .utf8)
    let cache = root.appendingPathComponent("cache")
    let environment = [
      "XDG_CACHE_HOME": cache.path, "HOME": root.path,
      "RUNNER_DATASET_MIRRORS": "http://127.0.0.1:9/",
    ]
    let cancellation = SweepCancellation()
    cancellation.cancel()
    let downloads = Downloads()
    let outcome = try SweepRunner.run(
      specPath: spec.path,
      options: SweepFixture.options(
        root: root.appendingPathComponent("results"), environment: environment,
        cancellation: cancellation)
    ) { event in
      if case .download(let progress?) = event { downloads.add(progress.url) }
    }
    #expect(downloads.all.isEmpty, "\(downloads.all)")
    #expect(outcome.cancelled && outcome.finished.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: cache.path))
  }
}
