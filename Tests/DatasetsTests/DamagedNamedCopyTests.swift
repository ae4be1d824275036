import Foundation
import Testing

@testable import Datasets

/// A damaged copy of a named dataset's file says how to get a good one, and the advice holds:
/// a cached copy is deleted by the user and fetched again (a fetch keeps a copy it finds); a copy
/// on the data search path, found before the cache, is replaced or moved away, since a fetch
/// into the cache alone would not be read. The runner never removes either.
@Suite struct DamagedNamedCopyTests {
  static let good = Array("x,target\n1,0\n2,1\n".utf8)

  /// A one-file dataset, `tiny/data.csv`, in the catalog's shape.
  static let dataset = NamedDataset(
    name: "tiny", summary: "test",
    files: [
      CatalogFile(
        path: "tiny/data.csv", sha256: SHA256Digest.hex(good), size: good.count,
        urls: ["http://unused/"])
    ],
    train: .table(file: "tiny/data.csv", features: nil, target: "target"), test: nil,
    classNames: ["a", "b"], howToGet: "copy tiny/ by hand")

  static func fetcher(_ dataPath: [String], cache: String, mirrors: [String]) -> DatasetFetcher {
    DatasetFetcher(
      locator: DataLocator(searchDirectories: dataPath), cacheDirectory: cache, mirrors: mirrors)
  }

  @Test func aDamagedCachedCopyIsDeletedByTheUserAndFetchedAgain() throws {
    let server = try LocalHTTPServer(routes: ["tiny/data.csv": Self.good])
    defer { server.stop() }
    let cache = TemporaryDirectory()
    let damaged = cache.write("tiny/data.csv", text: "x,target\n1,0\n")
    let fetcher = Self.fetcher([], cache: cache.path, mirrors: [server.url("")])
    let error = #expect(throws: DataError.self) { try fetcher.ensure(Self.dataset) }
    let text = error?.description ?? ""
    #expect(text.hasPrefix("\(damaged): SHA-256 checksum mismatch: expected "), "\(text)")
    #expect(
      text.hasSuffix(
        "\nhelp: the copy in the runner's download cache is damaged or incomplete: delete "
          + "\(damaged), then run `runner data fetch tiny` to download it again (a fetch keeps a "
          + "copy it finds)"), "\(text)")
    // As said: the fetch kept the copy it found and downloaded nothing...
    #expect(FileManager.default.contents(atPath: damaged) == Data("x,target\n1,0\n".utf8))
    #expect(server.requests.isEmpty)
    // ...and once the user deletes it, the same fetch downloads a good one.
    try FileManager.default.removeItem(atPath: damaged)
    #expect(try fetcher.ensure(Self.dataset) == [damaged])
    #expect(FileManager.default.contents(atPath: damaged) == Data(Self.good))
  }

  @Test func aDamagedCopyOnTheDataPathIsReplacedOrMovedAwayNotFetchedOver() throws {
    let server = try LocalHTTPServer(routes: ["tiny/data.csv": Self.good])
    defer { server.stop() }
    let cache = TemporaryDirectory()
    let data = TemporaryDirectory()
    let mine = data.write("tiny/data.csv", text: "x,target\n1,0\n")
    let fetcher = Self.fetcher([data.path], cache: cache.path, mirrors: [server.url("")])
    let error = #expect(throws: DataError.self) { try fetcher.ensure(Self.dataset) }
    #expect(
      error?.description.hasSuffix(
        "\nhelp: this copy of 'tiny/data.csv', a file of dataset 'tiny', is damaged or "
          + "another version, and it is found before the download cache: replace \(mine) with a good "
          + "copy, or move it out of the data search path and run `runner data fetch tiny` (it "
          + "downloads a checked copy into \(cache.path))") == true, "\(error?.description ?? "")")
    #expect(FileManager.default.contents(atPath: mine) == Data("x,target\n1,0\n".utf8))
    #expect(server.requests.isEmpty)
    // Moved out of the data path, as said: the fetch downloads a good copy into the cache.
    try FileManager.default.moveItem(atPath: mine, toPath: mine + ".old")
    #expect(try fetcher.ensure(Self.dataset) == [cache.path + "/tiny/data.csv"])
    // Without mirrors, the way to get one by hand.
    try FileManager.default.moveItem(atPath: mine + ".old", toPath: mine)
    let offline = Self.fetcher([data.path], cache: cache.path, mirrors: [])
    let refused = #expect(throws: DataError.self) { try offline.ensure(Self.dataset) }
    #expect(
      refused?.description.hasSuffix(
        "replace \(mine) with a good copy, or move it out of the data search path (to get one: "
          + "copy tiny/ by hand)") == true, "\(refused?.description ?? "")")
  }

  /// A catalog file named by its path (`file: catvnoncat/test_catvnoncat.h5`) and found on the
  /// data path is the user's copy, read unverified: damaged, it is refused as a broken HDF5 file,
  /// now with how to get a good copy.
  @Test func aDamagedCatalogFileNamedByItsPathSaysHowToGetAGoodCopy() throws {
    let cache = TemporaryDirectory()
    let data = TemporaryDirectory()
    var bytes: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
    bytes += [UInt8](repeating: 0, count: 24)
    let mine = data.write("catvnoncat/test_catvnoncat.h5", bytes)
    let fetcher = Self.fetcher([data.path], cache: cache.path, mirrors: ["http://127.0.0.1:9/"])
    let loader = DataLoader(locator: fetcher.locator, fetcher: fetcher)
    let source = DataSource.arrays(
      features: ArrayReference(file: "catvnoncat/test_catvnoncat.h5", dataset: "test_set_x"),
      target: ArrayReference(file: "catvnoncat/test_catvnoncat.h5", dataset: "test_set_y"))
    let error = #expect(throws: DataError.self) {
      try loader.load(source, target: .classification(classCount: 2))
    }
    let text = error?.description ?? ""
    #expect(text.hasPrefix("\(mine)"), "\(text)")
    #expect(
      text.hasSuffix(
        "\nhelp: this copy of 'catvnoncat/test_catvnoncat.h5', a file of dataset 'catvnoncat', "
          + "is damaged or another version, and it is found before the download cache: replace "
          + "\(mine) with a good copy, or move it out of the data search path and run `runner "
          + "data fetch catvnoncat` (it downloads a checked copy into \(cache.path))"), "\(text)")
    #expect(text.components(separatedBy: "help:").count == 2)
    #expect(FileManager.default.contents(atPath: mine) == Data(bytes))
  }

  /// A catalog file named by its path whose digest is not the catalog's is an unchecked copy,
  /// told with both digests and how to get the checked one (tester H, H8: a damaged copy that
  /// still parsed trained without a word); the catalog's digest, or a bare name, is not.
  @Test func aCatalogPathWithAnotherDigestIsAnUncheckedCopy() throws {
    let cache = TemporaryDirectory()
    let data = TemporaryDirectory()
    let mine = data.write("catvnoncat/train_catvnoncat.h5", text: "not the cat file")
    let fetcher = Self.fetcher([data.path], cache: cache.path, mirrors: ["http://127.0.0.1:9/"])
    let name = "catvnoncat/train_catvnoncat.h5"
    let catalog = try #require(Catalog.file(at: name)).file.sha256
    let other = SHA256Digest.hex(Array("not the cat file".utf8))
    let copy = try #require(fetcher.uncheckedCopy(name, at: mine, contentSHA256: other))
    #expect(copy.actual == other && copy.expected == catalog)
    #expect(
      copy.remedy
        == "this copy of 'catvnoncat/train_catvnoncat.h5', a file of dataset 'catvnoncat', is "
        + "damaged or another version, and it is found before the download cache: replace "
        + "\(mine) with a good copy, or move it out of the data search path and run `runner data "
        + "fetch catvnoncat` (it downloads a checked copy into \(cache.path))")
    #expect(!copy.remedy.contains("; "))  // one warning in a CSV's "; "-joined list
    #expect(fetcher.uncheckedCopy(name, at: mine, contentSHA256: catalog) == nil)
    let iris = data.write("iris.csv", text: "x\n")
    #expect(fetcher.uncheckedCopy("iris.csv", at: iris, contentSHA256: other) == nil)
  }
}

/// A `.gz` copy of a catalog table cut short fails while it is inflated to be hashed, before
/// any checksum: it gets the same advice as a copy whose checksum is wrong, where it is found.
@Suite struct TruncatedGzipCopyTests {
  /// The first half of the bundled `diabetes.csv.gz` (a real catalog file's `.gz` copy).
  static func truncatedDiabetes() throws -> [UInt8] {
    let whole = try Data(
      contentsOf: URL(fileURLWithPath: BundledDataTests.folder + "/diabetes.csv.gz"))
    return Array(whole.prefix(whole.count / 2))
  }

  @Test func aTruncatedGzipCopyOnTheDataPathSaysHowToGetAGoodOne() throws {
    let cache = TemporaryDirectory()
    let data = TemporaryDirectory()
    let mine = data.write("diabetes.csv.gz", try Self.truncatedDiabetes())
    let fetcher = DamagedNamedCopyTests.fetcher([data.path], cache: cache.path, mirrors: [])
    let error = #expect(throws: DataError.self) { try fetcher.ensure(Catalog.diabetes) }
    let text = error?.description ?? ""
    #expect(text.hasPrefix("\(mine) (uncompressed offset "), "\(text)")
    #expect(text.contains("truncated gzip stream"), "\(text)")
    #expect(
      text.hasSuffix(
        "\nhelp: this copy of 'diabetes.csv', a file of dataset 'diabetes', is damaged or another "
          + "version, and it is found before the download cache: replace \(mine) with a good "
          + "copy, or move it out of the data search path (to get one: "
          + Catalog.diabetes.howToGet + ")"), "\(text)")
    #expect(error?.exitCode == 65)
    // Loading it by name (as a run and `runner validate` do) says the same.
    let loader = DataLoader(locator: fetcher.locator, fetcher: fetcher)
    let loaded = #expect(throws: DataError.self) {
      try loader.load(.named("diabetes", part: .train), target: .regression)
    }
    #expect(loaded == error)
  }

  @Test func aTruncatedGzipCopyInTheCacheIsDeletedAndFetchedAgain() throws {
    let cache = TemporaryDirectory()
    let damaged = cache.write("diabetes.csv.gz", try Self.truncatedDiabetes())
    let fetcher = DamagedNamedCopyTests.fetcher([], cache: cache.path, mirrors: ["http://unused/"])
    let error = #expect(throws: DataError.self) { try fetcher.ensure(Catalog.diabetes) }
    #expect(
      error?.description.hasSuffix(
        "\nhelp: the copy in the runner's download cache is damaged or incomplete: delete "
          + "\(damaged), then run `runner data fetch diabetes` to download it again (a fetch "
          + "keeps a copy it finds)") == true, "\(error?.description ?? "")")
  }

  /// One damaged file of a dataset whose training and test parts are both named is one failure
  /// (`runner validate` told the same checksum mismatch once per part).
  @Test func aDamagedFileBothNamedPartsReadIsToldOnce() throws {
    let data = TemporaryDirectory()
    for file in Catalog.catvnoncat.files { data.write(file.path, text: "not the cat file") }
    let cache = TemporaryDirectory()
    let loader = DataLoader(
      locator: DataLocator(searchDirectories: [data.path]),
      fetcher: DamagedNamedCopyTests.fetcher([data.path], cache: cache.path, mirrors: []))
    let configuration = DataConfiguration(
      split: .given(
        train: .named("catvnoncat", part: .train), dev: nil,
        test: .named("catvnoncat", part: .test)),
      target: .classification(classCount: 2), seed: 1)
    let failure = #expect(throws: DataFailure.self) { try loader.inspect(configuration) }
    #expect(failure?.description.contains("SHA-256 checksum mismatch") == true, "\(failure!)")
    #expect(failure?.also.isEmpty == true, "\(failure?.also ?? [])")
  }
}
