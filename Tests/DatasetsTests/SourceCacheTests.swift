import Engine
import Foundation
import Testing

@testable import Datasets

/// A sweep's trials read each data file once: the cache answers while the file is unchanged
/// (`FileIdentity`), reads again when it changed, and keeps nothing too large.
@Suite struct SourceCacheTests {
  static let source = DataSource.table(file: "data.csv", features: ["x"], target: "y")

  /// A folder with `data.csv` holding `rows`, and a loader over it using `cache`.
  static func project(_ rows: String, cache: SourceCache?) throws -> (URL, DataLoader) {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("source-cache-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try rewrite(folder, rows, modified: written)
    var loader = DataLoader(locator: DataLocator(searchDirectories: [folder.path]))
    loader.cache = cache
    return (folder, loader)
  }

  /// Rewrites `data.csv` with `rows` (same length) and the modification time `date`.
  static func rewrite(_ folder: URL, _ rows: String, modified date: Date) throws {
    let file = folder.appendingPathComponent("data.csv")
    try ("x,y\n" + rows).write(to: file, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: file.path)
  }

  /// The modification time the files are given (whole seconds, so it is kept exactly).
  static let written = Date(timeIntervalSince1970: 1_790_000_000)

  static func firstFeature(_ loader: DataLoader) throws -> Double? {
    let samples = try loader.load(source, target: .regression)
    return try samples.features.matrix(Double.self, flatten: true).storage.first
  }

  @Test func aFileIsReadOnceWhileUnchangedAndAgainWhenItChanges() throws {
    let cache = SourceCache()
    let (folder, loader) = try Self.project("1,10\n2,20\n", cache: cache)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(try Self.firstFeature(loader) == 1)
    // Unchanged: the cache answers.
    #expect(try Self.firstFeature(loader) == 1)
    #expect(cache.hits == 1)
    // Same size and modification time (as `cp -p` keeps them), other bytes: read again, as its
    // change time differs.
    try Self.rewrite(folder, "3,10\n4,20\n", modified: Self.written)
    #expect(try Self.firstFeature(loader) == 3)
    #expect(cache.hits == 1)
    // A later modification time: read again.
    try Self.rewrite(folder, "5,10\n6,20\n", modified: Self.written.addingTimeInterval(10))
    #expect(try Self.firstFeature(loader) == 5)
    #expect(try Self.firstFeature(loader) == 5)
    #expect(cache.hits == 2)
  }

  /// The class names listed decide how labels are read (a missing-value token is a class only
  /// when listed), so they are part of an entry's key: the same names hit the cache, other
  /// names never share it.
  @Test func anEntryIsKeptPerListOfClassNames() throws {
    let cache = SourceCache()
    let (folder, loader) = try Self.project("1,0\n2,NA\n", cache: cache)
    defer { try? FileManager.default.removeItem(at: folder) }
    func firstFeature(classes: [String]?) throws -> Double? {
      var named = loader
      named.classNames = classes
      let samples = try named.load(Self.source, target: .classification(classCount: nil))
      return try samples.features.matrix(Double.self, flatten: true).storage.first
    }
    #expect(try firstFeature(classes: ["0", "NA"]) == 1)
    // The same names: the cache answers.
    #expect(try firstFeature(classes: ["0", "NA"]) == 1)
    #expect(cache.hits == 1)
    // Other names: read anew (no hit); without `NA` listed its label is a missing value.
    #expect(try firstFeature(classes: ["NA", "0"]) == 1)
    #expect(cache.hits == 1)
    #expect(throws: DataError.self) { try firstFeature(classes: nil) }
    // Both names' entries are kept while the file is unchanged.
    #expect(try firstFeature(classes: ["0", "NA"]) == 1)
    #expect(try firstFeature(classes: ["NA", "0"]) == 1)
    #expect(cache.hits == 3)
    // The file changed and was read for other names: the first names' entry was dropped with it.
    try Self.rewrite(folder, "5,0\n6,NA\n", modified: Self.written.addingTimeInterval(10))
    #expect(try firstFeature(classes: ["NA", "0"]) == 5)
    #expect(try firstFeature(classes: ["0", "NA"]) == 5)
    #expect(cache.hits == 3)
  }

  @Test func samplesLargerThanTheCapacityAreNotKept() throws {
    let (folder, loader) = try Self.project("1,10\n2,20\n", cache: SourceCache(capacity: 8))
    defer { try? FileManager.default.removeItem(at: folder) }
    let modified = Self.written
    #expect(try Self.firstFeature(loader) == 1)
    try Self.rewrite(folder, "3,10\n4,20\n", modified: modified)
    #expect(try Self.firstFeature(loader) == 3)
  }
}
