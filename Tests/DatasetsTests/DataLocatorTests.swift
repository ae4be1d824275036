import Testing

@testable import Datasets

@Suite struct DataLocatorTests {
  @Test func searchesDirectoriesInOrder() throws {
    let first = TemporaryDirectory()
    let second = TemporaryDirectory()
    second.write("cat/a.h5", text: "second")
    let locator = DataLocator(searchDirectories: [first.path, second.path])
    #expect(try locator.resolve("cat/a.h5") == second.path + "/cat/a.h5")
    first.write("cat/a.h5", text: "first")
    #expect(try locator.resolve("cat/a.h5") == first.path + "/cat/a.h5")
    #expect(try locator.resolve(second.path + "/cat/a.h5") == second.path + "/cat/a.h5")
  }

  /// A typed name near a file of a searched folder is suggested as a spec writes it: the
  /// bundled `diabetes.csv.gz` by its plain name, a subfolder kept.
  @Test func aMistypedNameGetsTheNearestFileOfTheFoldersSearched() throws {
    let spec = TemporaryDirectory()
    let data = TemporaryDirectory()
    data.write("diabetes.csv.gz", text: "x")
    data.write("iris.csv", text: "x")
    data.write("cat/train.h5", text: "x")
    let locator = DataLocator(searchDirectories: [spec.path, data.path])
    func nearest(_ name: String) -> String? {
      DataLocator.nearestName(to: name, searched: locator.candidates(for: name))
    }
    #expect(nearest("diabetis.csv") == "diabetes.csv")
    #expect(nearest("Iris.csv") == "iris.csv")
    #expect(nearest("cat/trian.h5") == "cat/train.h5")
    #expect(nearest("mnist.npz") == nil)
    // The same rule as a column's or a dataset's did-you-mean: a name a file's starts with.
    #expect(nearest("iris") == "iris.csv")
  }

  @Test func aGzipCopyStandsInForItsPlainName() throws {
    let text = "a,target\n1.5,0\n2.5,1\n"
    let first = TemporaryDirectory()
    let second = TemporaryDirectory()
    second.write("t.csv", text: text)
    first.write("t.csv.gz", gzip(Array(text.utf8)))
    let locator = DataLocator(searchDirectories: [first.path, second.path])
    // The first directory holding either copy wins; in one directory the plain file wins.
    #expect(try locator.resolve("t.csv") == first.path + "/t.csv.gz")
    #expect(try FileFormat.detect(first.path + "/t.csv.gz") == .csv)
    let inflated = try DataTable.read(first.path + "/t.csv.gz")
    let plain = try DataTable.read(second.path + "/t.csv")
    #expect(inflated.header == plain.header && inflated.rows == plain.rows)
    first.write("t.csv", text: text)
    #expect(try locator.resolve("t.csv") == first.path + "/t.csv")
    // Detection is by content: a gzip file named .csv is inflated, a plain one named .gz is not.
    let misnamed = first.write("really-gzip.csv", gzip(Array(text.utf8)))
    #expect(try DataTable.read(misnamed).rows == plain.rows)
    // Binary containers are not read compressed; the error says so.
    let npy = first.write("a.npy.gz", gzip(NPYFile.magic + [1, 0]))
    let error = #expect(throws: DataError.self) { try FileFormat.detect(npy) }
    #expect(error?.description.contains("gzip-compressed npy file") == true)
  }

  @Test func missingFileListsEveryPlaceAndHowToFixIt() throws {
    let locator = DataLocator(searchDirectories: ["/nonexistent/a", "/nonexistent/b"])
    let error = #expect(throws: DataError.self) { try locator.resolve("x.csv") }
    #expect(error?.exitCode == 66)
    #expect(
      error?.description == """
        data file 'x.csv' not found; looked in:
          /nonexistent/a/x.csv
          /nonexistent/b/x.csv
        help: give an absolute path, put the file beside the spec, set RUNNER_DATA_PATH \
        (colon-separated directories), or add its directory to `data_path` in runner.yaml
        """)
  }

  @Test func standardOrderIsSpecEnvironmentProjectCache() {
    let locator = DataLocator.standard(
      specDirectory: "/proj/experiments",
      environment: [
        "RUNNER_DATA_PATH": "/env/a::/env/b", "XDG_CACHE_HOME": "/xdg", "HOME": "/home/u",
      ],
      projectDataPath: ["/shared/datasets", "/env/a"])
    #expect(
      locator.searchDirectories == [
        "/proj/experiments", "/env/a", "/env/b", "/shared/datasets", "/xdg/runner",
      ])
    #expect(DataCache.directory(environment: ["HOME": "/home/u"]) == "/home/u/.cache/runner")
  }

  // `predict --data` run from the spec's folder looked in that folder twice.
  @Test func aFolderGivenTwiceIsSearchedOnce() {
    let locator = DataLocator(searchDirectories: ["/proj", "/proj/", "/proj/./", "/data"])
    #expect(locator.candidates(for: "x.csv") == ["/proj/x.csv", "/data/x.csv"])
  }
}
