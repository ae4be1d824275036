import Foundation
import Testing

@testable import Datasets

/// The data bundled in `experiments/data` matches its README (so the files cannot drift from the
/// checksums published there) and holds exactly the catalog's data (so results are the same
/// whichever copy a run reads).
@Suite struct BundledDataTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("experiments/data").path

  /// One row of the README's file table.
  struct Row {
    var file: String
    var sha256: String
    /// Of the uncompressed content (the same as `sha256` for plain files).
    var contentSHA256: String
  }

  /// The rows of the README table whose first cell is a file name in backticks.
  static func readmeRows() throws -> [Row] {
    let text = try String(contentsOfFile: folder + "/README.md", encoding: .utf8)
    return text.split(separator: "\n").compactMap { line -> Row? in
      guard line.hasPrefix("| `") else { return nil }
      let cells = line.split(separator: "|").map {
        $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["`"])
      }
      guard cells.count >= 6 else { return nil }
      let sha = cells[cells.count - 2]
      let content = cells[cells.count - 1]
      return Row(file: cells[0], sha256: sha, contentSHA256: content == "same" ? sha : content)
    }
  }

  @Test func everyBundledFileMatchesTheChecksumInTheReadme() throws {
    let rows = try Self.readmeRows()
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder)
      .filter { $0 != "README.md" && !$0.hasPrefix(".") }
    #expect(Set(rows.map(\.file)) == Set(files), "README table and folder list different files")
    for row in rows {
      let path = Self.folder + "/" + row.file
      #expect(try SHA256Digest.hex(ofFile: path) == row.sha256, "\(row.file): SHA-256 of the file")
      #expect(
        try SHA256Digest.hex(ofContent: path) == row.contentSHA256, "\(row.file): of its content")
    }
  }

  @Test func bundledTablesHoldTheCatalogsData() throws {
    let tables = ["iris", "wine", "breast_cancer", "digits", "diabetes"]
    let locator = DataLocator(searchDirectories: [Self.folder])
    let inventory = Inventory(locator: locator)
    for name in tables {
      let entry = try inventory.entry(for: Catalog.named(name), verify: true)
      #expect(entry.isUsable, "\(name): \(entry.paths) \(entry.checksumOK)")
    }
    let blobs = try locator.resolve(Catalog.blobsPrimer004.path)
    #expect(try SHA256Digest.hex(ofFile: blobs) == Catalog.blobsPrimer004.sha256)
    // Named datasets load from the bundled copies without the network or a cache.
    let fetcher = DatasetFetcher(
      locator: locator, cacheDirectory: TemporaryDirectory().path, mirrors: [])
    let digits = try DataLoader(locator: locator, fetcher: fetcher).load(
      .named("digits", part: .train), target: .classification(classCount: 10))
    #expect(digits.features.shape == [1797, 64])
  }

  /// The export recipe a missing table's help gives writes the bundled copy's bytes: pandas
  /// writes a float column's `0` as `0.0`, so a table stored in whole numbers needs `astype(int)`.
  @Test func exportRecipeCastsToWholeNumbersExactlyWhenTheBundledCopyHoldsThem() throws {
    for name in ["iris", "wine", "breast_cancer", "digits", "diabetes"] {
      let row = try #require(try Self.readmeRows().first { $0.file.hasPrefix(name + ".csv") })
      let stream = try ByteStream(path: Self.folder + "/" + row.file)
      var bytes: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      while case let n = try chunk.withUnsafeMutableBytes({ try stream.read(into: $0) }), n > 0 {
        bytes += chunk[..<n]
      }
      let rows = String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst()
      let wholeNumbers = !rows.contains { $0.contains(".") || $0.contains("e") }
      let recipe = try Catalog.named(name).howToGet
      #expect(recipe.contains(".astype(int).") == wholeNumbers, "\(name): \(recipe)")
    }
  }

  @Test(.needsSharedData) func bundledCopiesEqualTheSharedFiles() throws {
    for row in try Self.readmeRows() {
      let plain = row.file.hasSuffix(".gz") ? String(row.file.dropLast(3)) : row.file
      guard FileManager.default.fileExists(atPath: SharedData.path(plain)) else { continue }
      #expect(try SHA256Digest.hex(ofFile: SharedData.path(plain)) == row.contentSHA256, "\(plain)")
    }
  }
}
