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
}
