import Foundation
import Testing

@testable import Datasets

@Suite struct InventoryTests {
  @Test func listsFoundAndMissingDatasets() throws {
    let dir = TemporaryDirectory()
    dir.write("iris.csv", text: "a,target\n1,0\n")
    dir.write("catvnoncat/train_catvnoncat.h5", text: "partial")
    let inventory = Inventory(locator: DataLocator(searchDirectories: [dir.path]))
    let entries = try inventory.entries(verify: true)
    let iris = try #require(entries.first { $0.dataset.name == "iris" })
    #expect(iris.isComplete && !iris.isUsable && iris.checksumOK == [false])
    #expect(iris.location == dir.path)
    let table = try inventory.render(verify: true)
    let lines = table.split(separator: "\n").map(String.init)
    #expect(lines.count == 9)
    #expect(lines[0].hasPrefix("name ") && lines[0].hasSuffix("description"))
    #expect(lines.contains { $0.hasPrefix("iris ") && $0.contains("bad checksum") })
    #expect(lines.contains { $0.hasPrefix("catvnoncat ") && $0.contains("incomplete") })
    #expect(
      lines.contains {
        $0.hasPrefix("mnist ") && $0.contains("missing") && $0.contains("(downloaded on first use)")
      })
    #expect(lines.contains { $0.hasPrefix("wine ") && $0.contains("missing") })
  }

  // Tester AU F11b: with `RUNNER_DATASET_MIRRORS=` (downloads off) a dataset not found was still
  // "(downloaded on first use)", and its fetch then refused to download.
  @Test func aMissingDatasetIsNotSaidToDownloadWhenDownloadsAreOff() throws {
    let dir = TemporaryDirectory()
    let locator = DataLocator(searchDirectories: [dir.path])
    let entries = try Inventory(locator: locator).entries(verify: false)
    func row(_ mirrors: [String]?) -> String? {
      let fetcher = DatasetFetcher(locator: locator, cacheDirectory: dir.path, mirrors: mirrors)
      return Inventory.table(entries, verified: false, fetcher: fetcher)
        .split(separator: "\n").map(String.init).first { $0.hasPrefix("mnist ") }
    }
    let off = try #require(row([]))
    #expect(!off.contains("downloaded on first use"), "\(off)")
    #expect(off.contains("(downloads are off: RUNNER_DATASET_MIRRORS is set and empty)"), "\(off)")
    #expect(try #require(row(nil)).contains("(downloaded on first use)"))
    #expect(try #require(row(["http://127.0.0.1:9/"])).contains("(downloaded on first use)"))
  }

  // Review 10c: `render` drew the table without the inventory's own fetcher, so it still said
  // "(downloaded on first use)" when that fetcher had downloads off.
  @Test func renderSaysDownloadsAreOffWhenItsFetcherHasNoMirror() throws {
    let dir = TemporaryDirectory()
    let locator = DataLocator(searchDirectories: [dir.path])
    let fetcher = DatasetFetcher(locator: locator, cacheDirectory: dir.path, mirrors: [])
    let table = try Inventory(locator: locator, fetcher: fetcher).render()
    let mnist = try #require(table.split(separator: "\n").first { $0.hasPrefix("mnist ") })
    #expect(mnist.contains("(downloads are off: RUNNER_DATASET_MIRRORS is set and empty)"))
  }

  @Test func aVerificationNamesEachBadFileWithItsChecksumsAndRemedy() throws {
    let cache = TemporaryDirectory()
    let data = TemporaryDirectory()
    let iris = data.write("iris.csv", text: "a,target\n1,0\n")
    let wine = cache.write("wine.csv", text: "a,target\n1,0\n")
    // A `.gz` copy cut short: listed as damaged, not an error that hides the table.
    let whole = try Data(
      contentsOf: URL(fileURLWithPath: BundledDataTests.folder + "/diabetes.csv.gz"))
    let diabetes = data.write("diabetes.csv.gz", Array(whole.prefix(whole.count / 2)))
    let locator = DataLocator(searchDirectories: [data.path, cache.path])
    let fetcher = DatasetFetcher(locator: locator, cacheDirectory: cache.path, mirrors: [])
    let entries = try Inventory(locator: locator, fetcher: fetcher).entries(verify: true)
    let table = Inventory.table(entries, verified: true, fetcher: fetcher)
    #expect(
      table.split(separator: "\n").contains { $0.hasPrefix("iris ") && $0.contains("bad checksum") }
    )
    #expect(
      table.split(separator: "\n").contains { $0.hasPrefix("wine ") && $0.contains("bad checksum") }
    )
    #expect(
      table.split(separator: "\n").contains { $0.hasPrefix("diabetes ") && $0.contains("damaged") })
    let failures = entries.flatMap { $0.failures.compactMap { $0 } }.map(\.description)
    #expect(failures.count == 3, "\(failures)")
    let irisSum = SHA256Digest.hex(Array("a,target\n1,0\n".utf8))
    #expect(
      failures.contains(
        "\(iris): SHA-256 checksum mismatch: expected \(Catalog.iris.files[0].sha256), got "
          + "\(irisSum)\nhelp: this copy of 'iris.csv', a file of dataset 'iris', is damaged or "
          + "another version, and it is found before the download cache: replace \(iris) with a "
          + "good copy, or move it out of the data search path (to get one: "
          + Catalog.iris.howToGet + ")"), "\(failures)")
    #expect(
      failures.contains(
        "\(wine): SHA-256 checksum mismatch: expected \(Catalog.wine.files[0].sha256), got "
          + "\(irisSum)\nhelp: the copy in the runner's download cache is damaged or incomplete: "
          + "delete \(wine), then get a good copy: " + Catalog.wine.howToGet), "\(failures)")
    #expect(
      failures.contains {
        $0.hasPrefix("\(diabetes) (uncompressed offset ")
          && $0.contains("truncated gzip stream")
          && $0.contains("\nhelp: this copy of 'diabetes.csv', a file of dataset 'diabetes'")
      }, "\(failures)")
    // Without `verify`, nothing is hashed and nothing fails.
    let listed = try Inventory(locator: locator, fetcher: fetcher).entries()
    #expect(listed.allSatisfy { $0.failures.allSatisfy { $0 == nil } })
  }

  @Test func damagedLocalFileIsRefusedWhenLoadingByName() throws {
    let dir = TemporaryDirectory()
    dir.write("wine.csv", text: "a,target\n1,0\n")
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let error = #expect(throws: DataError.self) {
      try loader.load(.named("wine", part: .train), target: .classification(classCount: 3))
    }
    #expect(
      error?.description.hasPrefix(
        "\(dir.path)/wine.csv: SHA-256 checksum mismatch: expected cd80158f") == true)
    #expect(error?.exitCode == 65)
    let unknown = #expect(throws: DataError.self) { try Catalog.named("cifar") }
    #expect(
      unknown?.description
        == "unknown dataset 'cifar' (named datasets: catvnoncat, mnist, fashion-mnist, diabetes, iris, breast_cancer, digits, wine)"
    )
    // A typo, or the start of a name, gets its suggestion.
    for (typed, meant) in [
      ("mnsit", "mnist"), ("cats", "catvnoncat"), ("fashion", "fashion-mnist"),
    ] {
      let error = #expect(throws: DataError.self) { try Catalog.named(typed) }
      #expect(
        error?.description.hasPrefix("unknown dataset '\(typed)'; did you mean '\(meant)'? (")
          == true,
        "\(String(describing: error))")
    }
  }

  @Test func summaryDescribesShapesBalanceAndRows() throws {
    let dir = TemporaryDirectory()
    let x = try NDArray(shape: [4, 2, 2], storage: .uint8((0..<16).map { UInt8($0) }))
    let y = try NDArray(shape: [4], storage: .int64([0, 1, 1, 1]))
    dir.write("d.npz", NPZFile.encode([("x", x), ("y", y)], compressed: false))
    let text = try DataSummary.describe(
      "d.npz", loader: DataLoader(locator: DataLocator(searchDirectories: [dir.path])), rows: 2)
    #expect(
      text == """
        \(dir.path)/d.npz: npz

        [x]
        (4, 2, 2) uint8, min 0, max 15, mean 7.5
        first 2 rows:
          0  1  2  3
          4  5  6  7

        [y]
        (4,) int64, min 0, max 1, mean 0.75
        value counts: 0: 1, 1: 3
        first 2 rows:
          0
          1

        """)
  }
}
