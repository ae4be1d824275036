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
          "error: \(points) (line 5, column 'x1'): 'abc' is not a number\n"), "\(r.error)")
      #expect(
        r.error.contains(
          """
          note: 2 more bad cells:
            line 8, column 'x1': 'abc' is not a number
            line 11, column 'x1': 'abc' is not a number
          """), "\(r.error)")
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
