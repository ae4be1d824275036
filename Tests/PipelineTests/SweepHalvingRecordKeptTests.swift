import Foundation
import Testing

@testable import Pipeline

/// A successive-halving or Hyperband sweep run again with `--retry-failed` whose failed rung-0
/// trial fails again changes nothing: its `summary.csv` and `rungs.csv` keep every rung while the
/// run passes the rungs (the rung-0 write rolled them back to rung 0 until the loop reached the
/// later rungs, so a report or a kill then showed less than before).
@Suite struct SweepHalvingRecordKeptTests {
  /// 9 learning rates of gradient descent, the last diverging at once (failed in rung 0): rungs
  /// 9×20, 3×60, 1×180 iterations; or as Hyperband (its first bracket is those rungs).
  static func spec(in root: URL, method: String) throws -> String {
    let text = """
      name: halving-diverging
      seed: 4
      dataset:
        generator: {type: linear, samples: 64, weights: [3], bias: 1, noise: 0.1, x_range: [-10, 10]}
        split: {train: 0.6, dev: 0.2, test: 0.2}
      model: {type: linreg, init: zeros}
      loss: mse
      optimizer: {type: gd, learning_rate: 0.001, iterations: 180}
      record_every: 20
      metrics: [mse]
      sweep:
        method: \(method)
        budget: {min: 20, max: 180}
        parameters:
          optimizer.learning_rate: [0.0002, 0.0005, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 5.0]

      """
    let url = root.appendingPathComponent("\(method).yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test(arguments: ["successive_halving", "hyperband"])
  func aRetryThatChangesNothingKeepsEveryRungInTheRecord(_ method: String) throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.spec(in: root, method: method)
    let first = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    // The diverging trial fails in rung 0 (Hyperband: of each bracket that draws it).
    #expect(!first.failed.isEmpty)
    let folder = URL(fileURLWithPath: first.directory)
    // Hyperband's first bracket (2) holds every trial, in the rungs successive halving has.
    let files = ["summary.csv", method == "hyperband" ? "bracket-2/rungs.csv" : "rungs.csv"].map {
      folder.appendingPathComponent($0)
    }
    let before = try files.map { try Data(contentsOf: $0) }
    let summary = try SweepFixture.table(files[0].path)
    #expect(Set(summary.rows.map { $0[summary.columnIndex("rung")!] }).count > 1)

    // At each note (each rung and bracket starting) the record is as it was.
    let lock = NSLock()
    nonisolated(unsafe) var changedAt: [String] = []
    let retry = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root, retryFailed: true)
    ) { event in
      guard case .note(let text) = event else { return }
      let now = files.map { try? Data(contentsOf: $0) }
      if now != before.map(Optional.some) {
        lock.withLock { changedAt.append(String(text.prefix { $0 != "\n" })) }
      }
    }
    #expect(retry.failed.count == first.failed.count)
    #expect(retry.finished.count == first.failed.count)
    #expect(changedAt.isEmpty, "\(changedAt)")
    #expect(try files.map { try Data(contentsOf: $0) } == before)
  }
}
