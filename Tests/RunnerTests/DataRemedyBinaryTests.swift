import Foundation
import Testing

/// Data errors as the built binary prints them: several bad cells in one run, and a damaged
/// copy of a catalog file with the way to get a good one where it was found (the runner's cache
/// or the data search path), the copy itself left in place.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct DataRemedyBinaryTests {
  /// A project whose `runner.yaml` has no data path, with `experiments/cat.yaml` (which names
  /// the cat files by their catalog paths), and its environment: a private cache and
  /// `dataPath`, mirrors that cannot be reached.
  static func catProject(dataPath: String = "") throws -> (
    spec: String, root: URL, environment: [String: String]
  ) {
    let (spec, root) = try CatDataBinaryTests.isolatedCatSpec()
    let environment = [
      "XDG_CACHE_HOME": root.appendingPathComponent("cache").path, "RUNNER_DATA_PATH": dataPath,
      "RUNNER_DATASET_MIRRORS": "http://127.0.0.1:9/unreachable", "HOME": root.path,
    ]
    return (spec, root, environment)
  }

  /// Writes `bytes` at `path`, making its folder.
  static func write(_ bytes: [UInt8], at path: String) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  @Test func aCSVWithSeveralBadCellsShowsThemAllInOneRun() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var csv = "x1,x2,label\n"
    for i in 0..<12 { csv += "\([3, 6, 9].contains(i) ? "abc" : "\(i)"),\(i % 2),\(i % 2)\n" }
    try csv.write(to: dir.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
    let spec = dir.appendingPathComponent("spec.yaml")
    try "dataset: {file: points.csv, target: label}\nmodel: {type: logreg}\n".write(
      to: spec, atomically: true, encoding: .utf8)
    let points = dir.appendingPathComponent("points.csv").path
    let environment = [
      "XDG_CACHE_HOME": dir.appendingPathComponent("cache").path, "HOME": dir.path,
    ]
    for command in [
      ["validate", spec.path], ["run", spec.path, "--results-dir", dir.path + "/r"],
    ] {
      let r = try SweepBinary.run(command, environment: environment, in: dir)
      #expect(r.status == 65, "\(r.error)")
      #expect(
        r.error.contains(
          "error: \(points) (line 5, column 'x1'): 'abc' is not a number: fix the cell or remove its row\n"
        ),
        "\(r.error)")
      #expect(
        r.error.contains(
          """
          note: 2 more bad cells:
            line 8, column 'x1': 'abc' is not a number: fix the cell or remove its row
            line 11, column 'x1': 'abc' is not a number: fix the cell or remove its row
          """), "\(r.error)")
    }
  }

  @Test func aColumnOfWordsIsNamedOnceWithWhatToDo() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var csv = "x1,color,label\n"
    for i in 0..<12 { csv += "\(i),\(["red", "green", "blue"][i % 3]),\(i % 2)\n" }
    try csv.write(to: dir.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
    let spec = dir.appendingPathComponent("spec.yaml")
    try "dataset: {file: points.csv, target: label}\nmodel: {type: logreg}\n".write(
      to: spec, atomically: true, encoding: .utf8)
    let points = dir.appendingPathComponent("points.csv").path
    let r = try SweepBinary.run(
      ["validate", spec.path], environment: ["XDG_CACHE_HOME": dir.path + "/cache"], in: dir)
    #expect(r.status == 65, "\(r.error)")
    #expect(
      r.error.contains(
        "error: \(points) (column 'color'): text, not numbers (e.g. 'red', 'green', 'blue')\n"),
      "\(r.error)")
    #expect(
      r.error.hasSuffix(
        "note: a text column is categorical: encode it as numbers in the file (one 0/1 column "
          + "per value, as pandas.get_dummies does) or leave it out of `features` (unless "
          + "`features` is given, every column but the target is a feature)\n"), "\(r.error)")
  }

  /// A copy of the cat training file with one pixel byte changed, named by its catalog path as
  /// `experiments/cat.yaml` does, parses and trained without a word (tester H, H8): it is read
  /// as the user's own still, with a warning naming both digests; the catalog's copy, none.
  @Test func aChangedCopyOfACatalogFileNamedByItsPathIsWarnedOf() throws {
    guard let shared = CatDataBinaryTests.sharedDatasets else {
      return  // no copy of the cat files on this machine
    }
    let data = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: data) }
    for file in ["train_catvnoncat.h5", "test_catvnoncat.h5"] {
      var bytes = try [UInt8](
        Data(contentsOf: URL(fileURLWithPath: shared + "/catvnoncat/" + file)))
      if file.hasPrefix("train") { bytes[bytes.count / 2] ^= 0x01 }  // a pixel of train_set_x
      try Self.write(bytes, at: data.path + "/catvnoncat/" + file)
    }
    for (dataPath, warned) in [(data.path, true), (shared, false)] {
      let (spec, root, environment) = try Self.catProject(dataPath: dataPath)
      defer { try? FileManager.default.removeItem(at: root) }
      let r = try SweepBinary.run(
        [
          "run", spec, "--results-dir", root.appendingPathComponent("results").path, "--set",
          "optimizer.iterations=2",
        ], environment: environment)
      #expect(r.status == 0, "\(r.error)")
      let warning =
        "warning: cat: dataset.train.file: 'catvnoncat/train_catvnoncat.h5' is not the catalog's "
        + "file (SHA-256 "
      #expect(r.error.contains(warning) == warned, "\(r.error)")
      #expect(
        r.error.contains(
          "expected fbe56ab67c3a…), and a file named by its path is read "
            + "unchecked, as your own: this copy of 'catvnoncat/train_catvnoncat.h5'") == warned)
      #expect(!r.error.contains("test_catvnoncat.h5' is not"), "\(r.error)")
    }
  }

  @Test func aDamagedCachedCopyIsDeletedAndFetchedAgain() throws {
    let (spec, root, environment) = try Self.catProject()
    defer { try? FileManager.default.removeItem(at: root) }
    let cached = root.appendingPathComponent("cache/runner/catvnoncat/train_catvnoncat.h5").path
    try Self.write(Array("truncated".utf8), at: cached)
    let help =
      "the copy in the runner's download cache is damaged or incomplete: delete \(cached), "
      + "then run `\(SweepBinary.command(in: root)) data fetch catvnoncat` to download it again "
      + "(a fetch keeps a copy it finds)"
    for command in [
      ["validate", spec], ["run", spec, "--results-dir", root.path + "/results"],
      ["data", "fetch", "catvnoncat"],
    ] {
      let r = try SweepBinary.run(command, environment: environment, in: root)
      #expect(r.status == 65, "\(command): \(r.error)")
      #expect(r.error.contains("\(cached): SHA-256 checksum mismatch"), "\(r.error)")
      #expect(r.error.contains(help), "\(command): \(r.error)")
    }
    #expect(FileManager.default.contents(atPath: cached) == Data("truncated".utf8))
    // Once deleted, `runner data fetch` downloads it (here: tries the mirrors, offline).
    try FileManager.default.removeItem(atPath: cached)
    let fetch = try SweepBinary.run(
      ["data", "fetch", "catvnoncat"], environment: environment, in: root)
    #expect(fetch.status == 66, "\(fetch.error)")
    #expect(
      fetch.error.contains("http://127.0.0.1:9/unreachable/catvnoncat/train_catvnoncat.h5: "),
      "\(fetch.error)")
  }

  @Test func aDamagedCopyOnTheDataPathIsNamedWithoutSayingAFetchWouldDo() throws {
    let data = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: data) }
    let (spec, root, environment) = try Self.catProject(dataPath: data.path)
    defer { try? FileManager.default.removeItem(at: root) }
    // An HDF5 signature and then nothing: a download cut short, copied onto the data path.
    let mine = data.appendingPathComponent("catvnoncat/train_catvnoncat.h5").path
    let bytes: [UInt8] =
      [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 24)
    try Self.write(bytes, at: mine)
    let help =
      "this copy of 'catvnoncat/train_catvnoncat.h5', a file of dataset 'catvnoncat', is "
      + "damaged or another version, and it is found before the download cache: replace \(mine) with a "
      + "good copy, or move it out of the data search path and run "
      + "`\(SweepBinary.command(in: root)) data fetch catvnoncat`"
    for command in [["validate", spec], ["run", spec, "--results-dir", root.path + "/results"]] {
      let r = try SweepBinary.run(command, environment: environment, in: root)
      #expect(r.status == 65, "\(command): \(r.error)")
      #expect(r.error.contains("error: \(mine)"), "\(r.error)")
      #expect(r.error.contains("note: " + help), "\(command): \(r.error)")
      #expect(!r.error.contains("help: "), "\(command): \(r.error)")
    }
    // `name: catvnoncat` verifies the copy it finds: a checksum mismatch with the same remedy.
    let named = root.appendingPathComponent("named.yaml")
    try "dataset: {name: catvnoncat}\nmodel: {type: logreg}\n".write(
      to: named, atomically: true, encoding: .utf8)
    let r = try SweepBinary.run(["validate", named.path], environment: environment, in: root)
    #expect(r.status == 65, "\(r.error)")
    #expect(r.error.contains("\(mine): SHA-256 checksum mismatch"), "\(r.error)")
    #expect(r.error.contains(help), "\(r.error)")
    #expect(FileManager.default.contents(atPath: mine) == Data(bytes))
  }
}

/// `runner data list --verify` as a user meets it: a bad file is named under the table, with its
/// checksums and the way to get a good copy where it was found, and the exit status says so
/// (as `sha256sum -c`'s does); a `.gz` copy cut short gets the same advice.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct DataVerifyBinaryTests {
  /// A folder with no `runner.yaml`, its environment (a private cache, `dataPath` as the data
  /// path, no mirrors), and the data folder.
  static func project() -> (root: URL, data: URL, environment: [String: String]) {
    let root = SweepBinary.temporaryDirectory()
    let data = root.appendingPathComponent("data")
    let environment = [
      "XDG_CACHE_HOME": root.appendingPathComponent("cache").path, "RUNNER_DATA_PATH": data.path,
      "RUNNER_DATASET_MIRRORS": "", "HOME": root.path,
    ]
    return (root, data, environment)
  }

  @Test func aBadFileIsNamedUnderTheTableWithItsRemedyAndTheStatusFails() throws {
    let (root, data, environment) = Self.project()
    defer { try? FileManager.default.removeItem(at: root) }
    let iris = data.appendingPathComponent("iris.csv").path
    try DataRemedyBinaryTests.write(Array("a,target\n1,0\n".utf8), at: iris)
    let r = try SweepBinary.run(["data", "list", "--verify"], environment: environment, in: root)
    #expect(r.status == 65, "\(r.error)")
    #expect(
      r.output.split(separator: "\n").contains {
        $0.hasPrefix("iris ") && $0.contains("bad checksum")
      }, "\(r.output)")
    let expected: String =
      "error: \(iris): SHA-256 checksum mismatch: expected "
      + "0ba79ae755c686ee02dfe1d2943772a46ded2433c4fde6dd7ad3b01c41ff5d3d, got "
      + "86d7d52d7a8aff7014c3f20030a773bba988f1e4a59e99db0330b28a38fdf07d\nhelp: this copy of "
      + "'iris.csv', a file of dataset 'iris', is damaged or another version, and it is found "
      + "before the download cache: replace \(iris) with a good copy, or move it out of the "
      + "data search path (to get one: "
    #expect(r.error.contains(expected), "\(r.error)")
    // Listing without verifying hashes nothing: nothing fails.
    let list = try SweepBinary.run(["data", "list"], environment: environment, in: root)
    #expect(list.status == 0, "\(list.error)")
    #expect(list.error.isEmpty, "\(list.error)")
  }

  @Test func aTruncatedGzipCopyOfANamedDatasetSaysHowToGetAGoodOne() throws {
    let (root, data, environment) = Self.project()
    defer { try? FileManager.default.removeItem(at: root) }
    let whole = try Data(
      contentsOf: SweepBinary.root.appendingPathComponent("experiments/data/diabetes.csv.gz"))
    let mine = data.appendingPathComponent("diabetes.csv.gz").path
    try DataRemedyBinaryTests.write(Array(whole.prefix(whole.count / 2)), at: mine)
    let spec = root.appendingPathComponent("spec.yaml")
    try "dataset: {name: diabetes}\nmodel: {type: linreg}\n".write(
      to: spec, atomically: true, encoding: .utf8)
    let help =
      "this copy of 'diabetes.csv', a file of dataset 'diabetes', is damaged or another version, "
      + "and it is found before the download cache: replace \(mine) with a good copy, or move it "
      + "out of the data search path (to get one: "
    for command in [["validate", spec.path], ["data", "list", "--verify"]] {
      let r = try SweepBinary.run(command, environment: environment, in: root)
      #expect(r.status == 65, "\(command): \(r.error)")
      #expect(r.error.contains("error: \(mine) (uncompressed offset "), "\(r.error)")
      #expect(r.error.contains("truncated gzip stream"), "\(r.error)")
      #expect(r.error.contains(help), "\(command): \(r.error)")
    }
    #expect(FileManager.default.contents(atPath: mine) == Data(whole.prefix(whole.count / 2)))
  }
}
