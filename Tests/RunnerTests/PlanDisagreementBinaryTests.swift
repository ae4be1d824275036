import Foundation
import Pipeline
import Testing

/// A `plan.csv` that parses but disagrees with the folder's `summary.csv` (a row deleted that
/// the summary still lists, a swept value edited) is damage like any other (tester AO's AO10:
/// `runner sweep` restored it silently and `runner report` said nothing): the sweep names it,
/// writes it again from the spec and its seed and keeps its bytes; the report names it and the
/// command that writes it again.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct PlanDisagreementBinaryTests {
  /// The rows of the CSV text at `url`, split at commas (the fixtures' cells hold none).
  static func rows(_ url: URL) throws -> [[String]] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
      .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  /// Writes `rows` as the CSV text at `url`.
  static func write(_ rows: [[String]], to url: URL) throws {
    try (rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
      .write(to: url, atomically: true, encoding: .utf8)
  }

  /// A grid's plan with a row deleted, then with a trial's swept value edited: `runner report`
  /// refuses each (exit 65) naming the file, what it disagrees on and the command; `runner
  /// sweep` writes it again with the note, its bytes kept in .history, and the folder is the
  /// clean sweep's.
  @Test func aPlanThatDisagreesWithItsSummaryIsWrittenAgainWithANote() throws {
    let root = SweepBinary.temporaryDirectory("planDisagrees")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    let reference = SweepBinary.contents(of: sweep)
    let plan = sweep.appendingPathComponent("plan.csv")
    let rows = try Self.rows(plan)
    let (dropped, edited) = (rows[2][0], rows[3][0])
    let cases: [(rows: [[String]], said: String)] = [
      (
        rows.filter { $0[0] != dropped },
        "lacks trial \(dropped), which summary.csv lists (its folder is complete)"
      ),
      (
        rows.map { $0[0] == edited ? [$0[0], "0.5", $0[2]] : $0 },
        "gives trial \(edited) \(rows[0][1]) '0.5' where summary.csv records '\(rows[3][1])'"
      ),
    ]
    for (damaged, said) in cases {
      try Self.write(damaged, to: plan)
      let before = SweepBinary.contents(of: sweep)
      let report = try SweepBinary.run(["report", sweep.path])
      #expect(report.status == 65, "\(report.error)")
      #expect(report.error.contains("error: \(plan.path) \(said)"), "\(report.error)")
      #expect(
        report.error.contains(
          "`\(SweepBinary.command()) sweep \(ShardRecord.shownSpec(spec)) --results-dir \(sweep.deletingLastPathComponent().path)` with the spec that wrote \(sweep.path) writes it "
            + "again"), "\(report.error)")
      #expect(SweepBinary.contents(of: sweep) == before)
      let again = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
      #expect(again.status == 0, "\(again.error)")
      #expect(
        again.error.contains(
          "note: \(plan.path) \(said): written again from the spec and its seed; every trial "
            + "folder there is kept; its damaged bytes are kept in "
            + results.appendingPathComponent(".history/sweep-linear-grid").path),
        "\(again.error)")
      #expect(again.output.contains("ran 0 trials"), "\(again.output)")
      #expect(SweepBinary.contents(of: sweep) == reference, "\(said)")
    }
  }

  /// A successive-halving rung's plan with a row deleted (AO10's own case): `runner report` of
  /// the sweep names the rung's file; `runner sweep` writes it again from the results of the rung
  /// below, with the note, and the folder is the clean sweep's.
  @Test func aRungsPlanMissingAListedTrialIsNamedAndWrittenAgain() throws {
    let root = SweepBinary.temporaryDirectory("rungDisagrees")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("halving-moons.yaml")
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-halving-moons")
    let reference = SweepBinary.contents(of: sweep)
    let plan = sweep.appendingPathComponent("rung-1/plan.csv")
    let rows = try Self.rows(plan)
    try Self.write(rows.filter { $0[0] != rows[1][0] }, to: plan)
    let said = "lacks trial \(rows[1][0]), which summary.csv lists (its folder is complete)"
    let report = try SweepBinary.run(["report", sweep.path])
    #expect(report.status == 65, "\(report.error)")
    #expect(report.error.contains("error: \(plan.path) \(said)"), "\(report.error)")
    let again = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(again.status == 0, "\(again.error)")
    #expect(
      again.error.contains(
        "note: \(plan.path) \(said): written again from the spec, its seed and the results of "
          + "the rung below (the trials it promotes); every trial folder there is kept"),
      "\(again.error)")
    #expect(SweepBinary.contents(of: sweep) == reference)
  }
}
