import Foundation
import Testing

@testable import Datasets

@Suite struct DatasetFetcherTests {
  /// A small two-file dataset in the catalog's shape, served by a local server.
  func fixture() throws -> (NamedDataset, [String: [UInt8]]) {
    var images: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2]
    images += [0, 64, 128, 255, 1, 2, 3, 4]
    let labels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 2, 1, 0]
    let files = [("tiny/images.gz", gzip(images)), ("tiny/labels.gz", gzip(labels))]
    let dataset = NamedDataset(
      name: "tiny", summary: "test",
      files: files.map {
        CatalogFile(path: $0.0, sha256: SHA256.hex($0.1), size: $0.1.count, url: "http://unused/")
      },
      train: .arrays(
        features: ArrayReference(file: "tiny/images.gz"),
        target: ArrayReference(file: "tiny/labels.gz")),
      test: nil, classNames: ["a", "b"], howToGet: "copy tiny/ by hand")
    return (dataset, Dictionary(uniqueKeysWithValues: files))
  }

  @Test func downloadsIntoTheCacheWithProgressAndVerifies() throws {
    let (dataset, bodies) = try fixture()
    let server = try LocalHTTPServer(routes: bodies)
    defer { server.stop() }
    let cache = TemporaryDirectory()
    let reports = ProgressLog()
    let fetcher = DatasetFetcher(
      locator: DataLocator(searchDirectories: ["/nonexistent"]), cacheDirectory: cache.path,
      urlOverrides: Dictionary(uniqueKeysWithValues: bodies.keys.map { ($0, server.url($0)) })
    ) { reports.append($0) }
    let paths = try fetcher.ensure(dataset)
    #expect(paths == [cache.path + "/tiny/images.gz", cache.path + "/tiny/labels.gz"])
    #expect(try IDXFile.read(paths[0]).storage == .uint8([0, 64, 128, 255, 1, 2, 3, 4]))
    #expect(reports.finished.sorted() == bodies.keys.map { server.url($0) }.sorted())
    // Second call: found in the cache, nothing downloaded again.
    _ = try fetcher.ensure(dataset)
    #expect(server.requests.count == 2)
  }

  @Test func checksumMismatchIsRefusedAndNothingIsKept() throws {
    let (dataset, bodies) = try fixture()
    var damaged = bodies
    damaged["tiny/labels.gz"]![12] ^= 1
    let server = try LocalHTTPServer(routes: damaged)
    defer { server.stop() }
    let cache = TemporaryDirectory()
    let fetcher = DatasetFetcher(
      locator: DataLocator(searchDirectories: []), cacheDirectory: cache.path,
      urlOverrides: Dictionary(uniqueKeysWithValues: bodies.keys.map { ($0, server.url($0)) }))
    let error = #expect(throws: DataError.self) { try fetcher.ensure(dataset) }
    #expect(error?.description.contains("SHA-256 checksum mismatch") == true)
    #expect(!FileManager.default.fileExists(atPath: cache.path + "/tiny/labels.gz"))
    #expect(!FileManager.default.fileExists(atPath: cache.path + "/tiny/labels.gz.part"))
  }

  @Test func offlineErrorListsWhereItLookedAndHowToGetTheFiles() throws {
    let (dataset, bodies) = try fixture()
    let server = try LocalHTTPServer(routes: [:])  // every path 404
    defer { server.stop() }
    let cache = TemporaryDirectory()
    let fetcher = DatasetFetcher(
      locator: DataLocator(searchDirectories: ["/data/a"]), cacheDirectory: cache.path,
      urlOverrides: Dictionary(uniqueKeysWithValues: bodies.keys.map { ($0, server.url($0)) }))
    let error = #expect(throws: DataError.self) { try fetcher.ensure(dataset) }
    #expect(error?.exitCode == 66)
    let text = error?.description ?? ""
    #expect(
      text.hasPrefix(
        "dataset 'tiny': file 'tiny/images.gz' not found; looked in:\n  /data/a/tiny/images.gz\n  \(cache.path)/tiny/images.gz\n"
      ))
    #expect(text.contains("the server answered HTTP 404"))
    #expect(text.contains("copy tiny/ by hand"))
  }

  @Test(.enabled(if: SharedData.available)) func namedDatasetsAreFoundOnTheSearchPath() throws {
    let loader = DataLoader(locator: DataLocator(searchDirectories: [SharedData.directory]))
    let inventory = try Inventory(locator: loader.locator).entries()
    #expect(
      inventory.map(\.dataset.name) == [
        "catvnoncat", "mnist", "fashion-mnist", "diabetes", "iris", "breast_cancer", "digits",
        "wine",
      ])
    #expect(inventory.allSatisfy { $0.isComplete })
    let cat = try loader.load(
      .named("catvnoncat", part: .test), target: .classification(classCount: 2))
    #expect(cat.features.shape == [50, 64, 64, 3])
  }
}

/// Thread-safe collection of progress reports.
final class ProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private var reports: [DownloadProgress] = []
  func append(_ p: DownloadProgress) {
    lock.lock()
    reports.append(p)
    lock.unlock()
  }
  var finished: [String] {
    lock.lock()
    defer { lock.unlock() }
    return reports.filter(\.finished).map(\.url)
  }
}
