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
}
