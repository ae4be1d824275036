import Foundation
import Testing

@testable import Datasets

/// Downloads as the world serves them: at the same time as another run's, from a mirror that
/// inflates `.gz` files or drops the connection, after one that was killed.
@Suite struct DownloadRobustnessTests {
  /// Two runs that need the same missing dataset at once (two CI jobs on one machine, sharing
  /// the user cache) each download it. Each must end with the verified file, and neither may
  /// remove or replace the file the other is checking: a shared `.part` name let one process
  /// delete the other's download before it was verified ("not found" after a good download).
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
    let known = Self.withContentDigests(dataset)
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

  /// A download killed mid-way leaves its partial file; a later fetch of that file removes it
  /// once its process is gone and nothing has written to it for ten minutes, whether it
  /// downloads the file or finds it in the cache. A partial file of a running download, one
  /// written lately (its process may run in another container sharing the cache, where its pid
  /// means nothing) and files the runner did not name are left alone.
  @Test func aGoneDownloadsPartialFileIsRemovedAndNothingElse() throws {
    let (dataset, bodies) = try DatasetFetcherTests().fixture()
    let server = try LocalHTTPServer(routes: bodies)
    defer { server.stop() }
    let ended = Process()
    ended.executableURL = URL(fileURLWithPath: "/bin/true")
    try ended.run()
    ended.waitUntilExit()
    let gonePid = ended.processIdentifier
    let cache = TemporaryDirectory()
    let old = Date(timeIntervalSinceNow: -3600)
    func leftover(_ name: String, writtenAt date: Date? = nil) throws -> String {
      let path = cache.write("tiny/" + name, text: "x")
      if let date {
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
      }
      return path
    }
    let gone = try leftover(".part-\(gonePid)-0badf00d-images.gz", writtenAt: old)
    let recent = try leftover(".part-\(gonePid)-0badf00e-images.gz")
    let running = try leftover(".part-\(getpid())-0badf00d-images.gz", writtenAt: old)
    let users = try leftover("images.gz.part", writtenAt: old)
    let fetcher = DatasetFetcher(
      locator: DataLocator(searchDirectories: []), cacheDirectory: cache.path,
      mirrors: [server.url("")])
    _ = try fetcher.ensure(dataset)
    let exists = { (path: String) in FileManager.default.fileExists(atPath: path) }
    #expect(!exists(gone))
    #expect(exists(recent) && exists(running) && exists(users))
    // Found in the cache, no download: its leftovers go too.
    let later = try leftover(".part-\(gonePid)-0badf00f-images.gz", writtenAt: old)
    _ = try fetcher.ensure(dataset)
    #expect(!exists(later))
    #expect(server.requests.count == 2)
  }

  /// A mirror that labels a `.gz` file `Content-Encoding: gzip` (Apache's `AddEncoding`, an S3
  /// object uploaded so) has it inflated on the way: the content itself, whose digest the
  /// catalog knows, so it is kept. It was refused as a checksum mismatch, though the digest the
  /// message gave was the catalog's own for the content.
  @Test func aGzInflatedOnTheWayIsTheContentAndKept() throws {
    let (dataset, bodies) = try DatasetFetcherTests().fixture()
    let known = Self.withContentDigests(dataset)
    let server = try LocalHTTPServer(routes: bodies, headers: ["Content-Encoding: gzip"])
    defer { server.stop() }
    let cache = TemporaryDirectory()
    let fetcher = DatasetFetcher(
      locator: DataLocator(searchDirectories: []), cacheDirectory: cache.path,
      mirrors: [server.url("")])
    let paths = try fetcher.ensure(known)
    #expect(try IDXFile.read(paths[0]).storage == .uint8([0, 64, 128, 255, 1, 2, 3, 4]))
    #expect(try IDXFile.read(paths[1]).storage == .uint8([1, 0]))
    _ = try fetcher.ensure(known)  // and found again
  }

  /// Review s41 §9: a body inflated on the way outgrows the length announced (the encoded
  /// one), and the progress read "47.0 MB / 9.9 MB (474%)": past it, only the amount is shown.
  @Test func anInflatedBodysProgressNeverPassesAHundredPercent() throws {
    let content = [UInt8](repeating: 7, count: 300_000)
    let packed = Inflater.compress(content, gzip: true)
    let dataset = NamedDataset(
      name: "zeros", summary: "test",
      files: [
        CatalogFile(
          path: "zeros/z.gz", sha256: SHA256Digest.hex(packed), size: packed.count,
          urls: ["http://unused/"], contentSHA256: SHA256Digest.hex(content))
      ],
      train: .arrays(features: ArrayReference(file: "zeros/z.gz"), target: nil), test: nil,
      classNames: nil, howToGet: "none")
    let server = try LocalHTTPServer(
      routes: ["zeros/z.gz": packed], headers: ["Content-Encoding: gzip"])
    defer { server.stop() }
    let cache = TemporaryDirectory()
    let reports = ProgressLog()
    let fetcher = DatasetFetcher(
      locator: DataLocator(searchDirectories: []), cacheDirectory: cache.path,
      mirrors: [server.url("")]
    ) { reports.append($0) }
    _ = try fetcher.ensure(dataset)
    #expect(reports.finished == [server.url("zeros/z.gz")])
    for report in reports.all {
      #expect((report.percent ?? 0) <= 100, "\(report)")
    }
    #expect(reports.all.last?.description.hasSuffix(": 300.0 kB") == true, "\(reports.all)")
  }

  /// A connection closed mid-body fails the download and leaves no byte of it anywhere: not in
  /// the cache, and not in the temporary directory (the body is written into the cache's own
  /// partial file as it arrives, never into URLSession's temporary file, which a failed download
  /// left behind and whose write into a full or missing `TMPDIR` stopped the process).
  @Test func aBodyCutShortLeavesNothingBehind() throws {
    let (dataset, bodies) = try DatasetFetcherTests().fixture()
    let server = try LocalHTTPServer(routes: bodies, cutAfter: 11)
    defer { server.stop() }
    let cache = TemporaryDirectory()
    let started = Date(timeIntervalSinceNow: -1)
    let fetcher = DatasetFetcher(
      locator: DataLocator(searchDirectories: []), cacheDirectory: cache.path,
      mirrors: [server.url("")])
    let error = #expect(throws: DataError.self) { try fetcher.ensure(dataset) }
    #expect(error?.exitCode == 66)
    #expect((try? FileManager.default.contentsOfDirectory(atPath: cache.path + "/tiny")) == nil)
    let temporary = NSTemporaryDirectory()
    let prefix = Array(bodies["tiny/images.gz"]!.prefix(11))
    let left = ((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []).filter {
      let path = temporary + "/" + $0
      let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate]
      guard let date = date as? Date, date >= started else { return false }
      return FileManager.default.contents(atPath: path).map { [UInt8]($0) } == prefix
    }
    #expect(left.isEmpty, "left in \(temporary): \(left)")
  }

  /// Review A13: a stop asked for as the download finished (between the wait for it and the
  /// stop's answer) cancelled it and threw the whole file away, to be downloaded again.
  @Test func aStopAskedAsTheDownloadFinishesKeepsTheFile() throws {
    let (_, bodies) = try DatasetFetcherTests().fixture()
    let server = try LocalHTTPServer(routes: bodies)
    defer { server.stop() }
    let hold = DispatchSemaphore(value: 0)
    server.hold = hold
    let home = TemporaryDirectory()
    let file = home.path + "/images.gz"
    let finished = DispatchSemaphore(value: 0)
    var downloader = Downloader(timeout: 10)
    // Asked while the server holds the answer: it lets it go, and says stop once the last
    // byte is in and the download is done.
    downloader.stop = {
      hold.signal()
      return finished.wait(timeout: .now() + 30) == .success
    }
    try downloader.download(server.url("tiny/images.gz"), to: file) { report in
      if report.finished { finished.signal() }
    }
    #expect(
      FileManager.default.contents(atPath: file).map { Array($0) } == bodies["tiny/images.gz"])
  }

  /// A file this machine cannot make (a full disk, a missing folder) is this machine's failure,
  /// not the mirror's: `unwritable` (exit 73) with the system's words, so the fetch stops and
  /// names the cache instead of trying every mirror and saying "when online".
  @Test func aFileThatCannotBeMadeIsThisMachinesFailure() throws {
    let (_, bodies) = try DatasetFetcherTests().fixture()
    let server = try LocalHTTPServer(routes: bodies)
    defer { server.stop() }
    let error = #expect(throws: DataError.self) {
      try Downloader(timeout: 10).download(
        server.url("tiny/images.gz"), to: "/nonexistent-\(UUID().uuidString)/images.gz",
        progress: { _ in })
    }
    guard case .unwritable(_, let reason) = error else {
      Issue.record("expected unwritable, got \(String(describing: error))")
      return
    }
    #expect(reason == "No such file or directory")
    #expect(error?.exitCode == .cannotCreate)
  }

  /// A download that cannot be written stops the fetch at the first mirror, naming the cache
  /// folder: it was taken for that mirror's failure and every other mirror tried, then "when
  /// online" advised. (A partial file's name past the system's limit stands for a full disk.)
  /// Tester AU F11e: a download that failed removed the dataset's folder it made in the cache,
  /// but left the cache's own folder (`runner/`) it had made too.
  @Test func aFailedDownloadLeavesNoFolderItMade() throws {
    let (dataset, _) = try DatasetFetcherTests().fixture()
    let home = TemporaryDirectory()
    let cache = home.path + "/cache/runner"
    let fetcher = DatasetFetcher(
      locator: DataLocator(searchDirectories: []), cacheDirectory: cache,
      mirrors: ["http://127.0.0.1:9/"])
    #expect(throws: DataError.self) { try fetcher.ensure(dataset) }
    #expect(!FileManager.default.fileExists(atPath: home.path + "/cache"))
    #expect(FileManager.default.fileExists(atPath: home.path))
  }

  @Test func aDownloadThatCannotBeWrittenStopsAtTheFirstMirror() throws {
    let name = "tiny/" + String(repeating: "x", count: 240) + ".gz"
    let body = Inflater.compress([1, 2, 3], gzip: true)
    let dataset = NamedDataset(
      name: "tiny", summary: "test",
      files: [CatalogFile(path: name, sha256: SHA256Digest.hex(body), size: body.count, urls: [])],
      train: .arrays(features: ArrayReference(file: name), target: ArrayReference(file: name)),
      test: nil, classNames: nil, howToGet: "copy it")
    let server = try LocalHTTPServer(routes: ["a/" + name: body, "b/" + name: body])
    defer { server.stop() }
    let cache = TemporaryDirectory()
    let fetcher = DatasetFetcher(
      locator: DataLocator(searchDirectories: []), cacheDirectory: cache.path,
      mirrors: [server.url("a"), server.url("b")])
    let error = #expect(throws: DataError.self) { try fetcher.ensure(dataset) }
    guard case .unwritable(_, let reason) = error else {
      Issue.record("expected unwritable, got \(String(describing: error))")
      return
    }
    #expect(reason.hasPrefix("cannot write the download into the cache folder \(cache.path)/tiny"))
    #expect(server.requests.count == 1)
  }

  /// `dataset` with each `.gz` file's content digest known, as MNIST's catalog files have it.
  static func withContentDigests(_ dataset: NamedDataset) -> NamedDataset {
    let contents = Dictionary(uniqueKeysWithValues: DatasetFetcherTests.contents)
    return NamedDataset(
      name: dataset.name, summary: dataset.summary,
      files: dataset.files.map { f in
        CatalogFile(
          path: f.path, sha256: f.sha256, size: f.size, urls: f.urls,
          contentSHA256: SHA256Digest.hex(contents[String(f.path.dropLast(3))] ?? []))
      },
      train: dataset.train, test: nil, classNames: dataset.classNames, howToGet: dataset.howToGet)
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
