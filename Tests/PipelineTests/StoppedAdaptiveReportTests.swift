import Conventions
import Foundation
import Testing

@testable import Pipeline

/// Tester AT's F1: a successive-halving sweep stopped after rung 0 (rungs 9×1, 3×3, 1×9) has a
/// report that names its best trial so far at 1 epoch of the full 9 (it said "Best trial … at
/// the full budget of 1 epochs") and says how to resume it; its rungs.csv names the trials rung 0
/// promoted (its `went_on` was empty until rung 1 completed). A complete sweep's report is as
/// before.
@Suite struct StoppedAdaptiveReportTests {
  @Test func aSweepStoppedAfterRungZeroClaimsNoBestAtTheFullBudget() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let stopped = try SweepFixture.interrupted(
      SweepHalvingTests.spec, root: root, rung: 1, finished: 1)
    let folder = URL(fileURLWithPath: stopped.directory)
    let page = folder.appendingPathComponent("report.md")
    let report = try String(contentsOf: page, encoding: .utf8)
    #expect(!report.contains("at the full budget"), "\(report)")
    #expect(report.contains("**Best trial so far: `"), "\(report)")
    #expect(report.contains("at 1 epoch of the full 9 epochs: not the sweep's result"), "\(report)")
    #expect(report.contains("re-run the same command to resume"), "\(report)")

    let rungs = try CSVTable(contentsOf: folder.appendingPathComponent("rungs.csv"))
    let wentOn = try #require(rungs.column("went_on"))
    #expect(wentOn[0].split(separator: " ").count == 3, "\(rungs.rendered)")
    let rung1 = try CSVTable(contentsOf: folder.appendingPathComponent("rung-1/plan.csv"))
    #expect(Set(wentOn[0].split(separator: " ").map(String.init)) == Set(rung1.column("trial")!))

    _ = try SweepRunner.run(
      specPath: SweepHalvingTests.spec, options: SweepFixture.options(root: root))
    let complete = try String(contentsOf: page, encoding: .utf8)
    #expect(complete.contains("at the full budget of 9 epochs"), "\(complete)")
    #expect(!complete.contains("so far"), "\(complete)")
    #expect(!complete.contains("resume"), "\(complete)")
  }
}
