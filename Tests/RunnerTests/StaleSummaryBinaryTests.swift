import Datasets
import Foundation
import Pipeline
import Testing

/// A changed spec is a supported re-run: its sweep writes the new plan.csv over the earlier
/// one, and summary.csv, which listed the earlier plan's complete trials, is no damage of the
/// plan (reviewer's finding 10: `runner report` refused the folder, exit 65, and the next
/// `runner sweep` wrote the identical plan again, keeping the good one as "damaged bytes").
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct StaleSummaryBinaryTests {
  /// A grid's learning rates changed, the sweep killed before its first trial completes: the
  /// summary is already the new plan's, so `runner report` names no damage. A summary left as
  /// an earlier runner left it (the earlier plan's, older than the new plan) is named by the
  /// report with the command that brings it up to date, exit 0; the sweep (killed again before
  /// a trial completes) rewrites only the summary, with no note and nothing kept in .history,
  /// and then finishes the new plan's trials.
  @Test func aChangedSpecsSweepKilledEarlyLeavesNoDamagedPlan() throws {
    let root = SweepBinary.temporaryDirectory("staleSummary")
    defer { try? FileManager.default.removeItem(at: root) }
    let original = try String(
      contentsOfFile: SweepBinary.fixture("linear-grid.yaml"), encoding: .utf8)
    let spec = root.appendingPathComponent("sweep.yaml")
    try original.write(to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results")
    let sweepArguments = ["sweep", spec.path, "--results-dir", results.path]
    let first = try SweepBinary.run(sweepArguments)
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    let summary = sweep.appendingPathComponent("summary.csv")
    let plan = sweep.appendingPathComponent("plan.csv")
    let earlierSummary = try Data(contentsOf: summary)
    let earlierPlan = try Data(contentsOf: plan)
    let changed = original.replacingOccurrences(of: "[0.01, 0.1, 0.3]", with: "[0.01, 0.1, 0.5]")
    #expect(changed != original)
    try changed.write(to: spec, atomically: true, encoding: .utf8)
    let killed = try SweepBinary.run(
      sweepArguments, environment: ["RUNNER_SWEEP_CRASH_AT": "trial-start:1"])
    #expect(killed.status != 0, "\(killed.output)")
    #expect(try Data(contentsOf: plan) != earlierPlan)
    // The summary follows the new plan at once: the dropped rate's trials are not listed.
    let listed = try String(contentsOf: summary, encoding: .utf8)
    #expect(!listed.contains(",0.3,"), "\(listed)")
    let report = try SweepBinary.run(["report", sweep.path])
    #expect(report.status == 0, "\(report.error)")
    #expect(!report.error.contains("plan.csv"), "\(report.error)")
    // The summary as an earlier runner left it (recorded as written by it): the earlier plan's,
    // older than the new plan.
    try earlierSummary.write(to: summary)
    let record = sweep.appendingPathComponent(WrittenRecord.name)
    let lines = try String(contentsOf: record, encoding: .utf8).split(separator: "\n").map {
      $0.hasSuffix("  summary.csv") ? "\(SHA256Digest.hex(earlierSummary))  summary.csv" : $0
    }
    try (lines.joined(separator: "\n") + "\n").write(to: record, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: summary.path)
    let stale = try SweepBinary.run(["report", sweep.path])
    #expect(stale.status == 0, "\(stale.error)")
    #expect(
      stale.error.contains("note: \(plan.path) lacks trial ")
        && stale.error.contains(
          // The spec's own results folder (beside it, outside a project): no --results-dir.
          "summary.csv is older than it (was the spec changed?): `\(SweepBinary.command()) "
            + "sweep \(ShardRecord.shownSpec(spec.path))` with the spec that wrote \(sweep.path) brings summary.csv and the "
            + "report up to date"),
      "\(stale.error)")
    #expect(!stale.error.contains("error:"), "\(stale.error)")
    let newPlan = try Data(contentsOf: plan)
    let again = try SweepBinary.run(
      sweepArguments, environment: ["RUNNER_SWEEP_CRASH_AT": "trial-start:1"])
    #expect(again.status != 0)
    #expect(!again.error.contains("written again"), "\(again.error)")
    #expect(try Data(contentsOf: plan) == newPlan)
    #expect(try Data(contentsOf: summary) != earlierSummary)
    #expect(
      !FileManager.default.fileExists(
        atPath: results.appendingPathComponent(".history/sweep-linear-grid").path))
    let after = try SweepBinary.run(["report", sweep.path])
    #expect(after.status == 0 && !after.error.contains("plan.csv"), "\(after.error)")
    let last = try SweepBinary.run(sweepArguments)
    #expect(last.status == 0, "\(last.error)")
    #expect(last.output.contains("ran 2 trials"), "\(last.output)")
    #expect(!last.error.contains("written again"), "\(last.error)")
  }
}
