import Foundation
import Testing

/// `runner predict`'s options as users of other command-line tools write them: `-o -` for
/// standard output, `--params` naming the run's folder.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct PredictOptionsBinaryTests {
  /// `runner ARGUMENTS` started in `dir`, with its cache there.
  static func run(_ arguments: [String], in dir: URL) throws -> SweepBinary.Result {
    try SweepBinary.run(
      arguments,
      environment: ["XDG_CACHE_HOME": dir.appendingPathComponent("cache").path, "HOME": dir.path],
      in: dir)
  }

  @Test func dashOutputWritesTheTableToStandardOutputAndNoFileNamedDash() throws {
    let (dir, spec, params) = try CommandFaultBinaryTests.trained()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("points.csv").path
    let file = try Self.run(
      ["predict", spec, "--params", params, "--data", data, "-o", "file.csv"], in: dir)
    #expect(file.status == 0, "\(file.error)")
    let written = try String(
      contentsOf: dir.appendingPathComponent("file.csv"), encoding: .utf8)
    let piped = try Self.run(
      ["predict", spec, "--params", params, "--data", data, "-o", "-"], in: dir)
    #expect(piped.status == 0, "\(piped.error)")
    // Only the CSV on standard output, byte for byte what -o FILE writes; the count on stderr.
    #expect(piped.output == written)
    #expect(written.hasPrefix("row,"))
    #expect(piped.error.contains(" predictions\n"), "\(piped.error)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("-").path))
  }

  @Test func aRunFolderAsParamsReadsItsParamsFolderAndAFolderOfRunsIsRefused() throws {
    let (dir, spec, params) = try CommandFaultBinaryTests.trained()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("points.csv").path
    func predict(_ params: String) throws -> SweepBinary.Result {
      try Self.run(["predict", spec, "--params", params, "--data", data, "-o", "-"], in: dir)
    }
    let expected = try predict(params)
    #expect(expected.status == 0, "\(expected.error)")
    #expect(expected.output.hasPrefix("row,"))
    let run = URL(fileURLWithPath: params).deletingLastPathComponent().path
    for folder in [run, run + "/", "results/points"] {
      let r = try predict(folder)
      #expect(r.status == 0, "\(folder): \(r.error)")
      #expect(r.output == expected.output, "\(folder)")
    }
    // results/ holds runs: which one is meant is not guessed, even when there is one.
    let results = try predict("results")
    #expect(results.status == 65)
    #expect(
      results.error
        == "error: --params results is a folder of runs, not a run's folder: it holds the "
        + "parameters of 1 run (results/points/params); give one run's folder or its params/ "
        + "folder, e.g. --params results/points/params\n", "\(results.error)")
    #expect(results.output.isEmpty)
  }

  /// The user's case: the shipped 2-output regression (`target: [y1, y2]`) run, then predicted
  /// on its point: exit 0 and one column per target, the primer's figures; rerunning onto the
  /// file it wrote replaces it without --force.
  @Test func aTwoOutputRegressionPredictsOneColumnPerTarget() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let experiments = SweepBinary.root.appendingPathComponent("experiments")
    let spec = experiments.appendingPathComponent("primer002-three-layer-network.yaml").path
    let data = experiments.appendingPathComponent("data/primer002_point.csv").path
    let results = dir.appendingPathComponent("results").path
    let run = try Self.run(["run", spec, "--results-dir", results], in: dir)
    #expect(run.status == 0, "\(run.error)")
    let params = results + "/primer002-three-layer-network"
    for _ in 0..<2 {
      let r = try Self.run(
        ["predict", spec, "--params", params, "--data", data, "-o", "out.csv"], in: dir)
      #expect(r.status == 0, "\(r.error)")
    }
    let lines = try String(contentsOf: dir.appendingPathComponent("out.csv"), encoding: .utf8)
      .split(separator: "\n")
    #expect(lines.first == "row,value_y1,value_y2")
    let cells = lines.dropFirst().first?.split(separator: ",").map(String.init) ?? []
    #expect(cells.first == "0" && cells.count == 3, "\(lines)")
    for (cell, primer) in zip(cells.dropFirst(), [0.31682708, 0.69627909]) {
      #expect(abs((Double(cell) ?? .nan) - primer) < 5e-9, "\(cells)")
    }
  }
}
