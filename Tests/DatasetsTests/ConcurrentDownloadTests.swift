import Foundation
import Testing

@testable import Datasets

/// Two runs that need the same missing dataset at once (two CI jobs on one machine, sharing
/// the user cache) each download it. Each must end with the verified file, and neither may
/// remove or replace the file the other is checking: a shared `.part` name let one process
/// delete the other's download before it was verified ("not found" after a good download).
@Suite struct ConcurrentDownloadTests {
  @Test func fetchersSharingACacheEachGetTheVerifiedFile() throws {
    let (dataset, bodies) = try DatasetFetcherTests().fixture()
    let server = try LocalHTTPServer(routes: bodies)
    defer { server.stop() }
    let cache = TemporaryDirectory()
    let results = Results()
    let folder = cache.path
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
      let fetcher = DatasetFetcher(
        locator: DataLocator(searchDirectories: ["/nonexistent"]), cacheDirectory: folder,
        mirrors: [server.url("")])
      do { results.add(try fetcher.ensure(dataset)) } catch { results.add(error) }
    }
    #expect(results.errors.isEmpty, "\(results.errors)")
    for path in results.paths.flatMap({ $0 }) {
      let name = String(path.dropFirst(cache.path.count + 1))
      #expect(FileManager.default.contents(atPath: path).map { [UInt8]($0) } == bodies[name])
    }
    // Nothing but the two files is left in the cache: no partial download of any fetcher.
    let left = try FileManager.default.contentsOfDirectory(atPath: cache.path + "/tiny").sorted()
    #expect(left == ["images.gz", "labels.gz"])
  }

  /// MNIST's catalog files also give their uncompressed content's digest (for an unzipped copy
  /// on the search path). The download itself is the `.gz` and must be checked as one: checked
  /// under a name not ending in `.gz`, it was compared with the content's digest and refused.
  @Test func aGzFileWithAKnownContentDigestDownloads() throws {
    let (dataset, bodies) = try DatasetFetcherTests().fixture()
    let contents = Dictionary(uniqueKeysWithValues: DatasetFetcherTests.contents)
    let known = NamedDataset(
      name: dataset.name, summary: dataset.summary,
      files: dataset.files.map { f in
        CatalogFile(
          path: f.path, sha256: f.sha256, size: f.size, urls: f.urls,
          contentSHA256: SHA256Digest.hex(contents[String(f.path.dropLast(3))] ?? []))
      },
      train: dataset.train, test: nil, classNames: dataset.classNames, howToGet: dataset.howToGet)
    let server = try LocalHTTPServer(routes: bodies)
    defer { server.stop() }
    let cache = TemporaryDirectory()
    let fetcher = DatasetFetcher(
      locator: DataLocator(searchDirectories: []), cacheDirectory: cache.path,
      mirrors: [server.url("")])
    let paths = try fetcher.ensure(known)
    #expect(paths == [cache.path + "/tiny/images.gz", cache.path + "/tiny/labels.gz"])
    #expect(try IDXFile.read(paths[1]).storage == .uint8([1, 0]))
  }

  /// A download killed while its file was checked leaves its partial file; the next download
  /// of that file removes it. A running download's partial file and files the runner did not
  /// name are left alone.
  @Test func aGoneDownloadsPartialFileIsRemovedAndNothingElse() throws {
    let (dataset, bodies) = try DatasetFetcherTests().fixture()
    let server = try LocalHTTPServer(routes: bodies)
    defer { server.stop() }
    let ended = Process()
    ended.executableURL = URL(fileURLWithPath: "/bin/true")
    try ended.run()
    ended.waitUntilExit()
    let cache = TemporaryDirectory()
    let gone = cache.write("tiny/.part-\(ended.processIdentifier)-0badf00d-images.gz", text: "x")
    let running = cache.write("tiny/.part-\(getpid())-0badf00d-images.gz", text: "x")
    let users = cache.write("tiny/images.gz.part", text: "x")
    let fetcher = DatasetFetcher(
      locator: DataLocator(searchDirectories: []), cacheDirectory: cache.path,
      mirrors: [server.url("")])
    _ = try fetcher.ensure(dataset)
    #expect(!FileManager.default.fileExists(atPath: gone))
    #expect(FileManager.default.fileExists(atPath: running))
    #expect(FileManager.default.fileExists(atPath: users))
  }

  /// The fetchers' outcomes, gathered from concurrent threads.
  final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var paths: [[String]] = []
    private(set) var errors: [String] = []
    func add(_ paths: [String]) { lock.withLock { self.paths.append(paths) } }
    func add(_ error: any Error) { lock.withLock { errors.append("\(error)") } }
  }
}
