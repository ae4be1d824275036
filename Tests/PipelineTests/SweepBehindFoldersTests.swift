import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// Tester AV F16: a successive-halving sweep stopped inside rung 1 (or killed just past a rung's
/// last trial) has trials complete in `rung-1/` that its summary.csv and rungs.csv still give
/// at rung 0. `runner ls` listed them at rung 0 and `runner report` reported the CSVs without a
/// word: `ls` now reads them from the rung folders, and `report` says the CSVs are behind, with
/// the command that resumes the sweep.
@Suite struct SweepBehindFoldersTests {
  @Test func trialsCompleteAboveTheirSummaryRowAreListedThereAndNamed() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepHalvingTests.spec
    let stopped = try SweepFixture.interrupted(spec, root: root, rung: 1, finished: 2)
    let folder = URL(fileURLWithPath: stopped.directory)
    let rung1 = SweepLayout(directory: folder.appendingPathComponent("rung-1"))
    let plan = try CSVTable(contentsOf: rung1.plan)
    let done = SweepPlanFile.trialIDs(plan).filter { TrialStatus.read(rung1.marker($0)) != nil }
    #expect(done.count >= 2 && done.count < 3)
    let summary = try CSVTable(contentsOf: folder.appendingPathComponent("summary.csv"))
    let rung = try #require(summary.columnIndex("rung"))
    #expect(summary.rows.filter { done.contains($0[0]) }.allSatisfy { $0[rung] == "0" })

    let listed = ResultsIndex.trials(of: folder, name: "sweep")
    #expect(listed.count == 9)
    for trial in listed where done.contains(trial.folder.lastPathComponent) {
      #expect(trial.reached.map(\.text) == ["1", "3"])
      #expect(trial.folder.deletingLastPathComponent().lastPathComponent == "rung-1")
    }
    // Stopped gracefully inside rung 1, the sweep wrote its CSV files, rungs.csv counting the
    // rung's complete trials: nothing is behind (tester BA F-L).
    #expect(SweepFolderProgress.behindNote(folder) == nil)
    // Killed before it wrote them again, rungs.csv counts fewer than rung-1/ holds complete.
    let rungsFile = folder.appendingPathComponent("rungs.csv")
    let rungs = try String(contentsOf: rungsFile, encoding: .utf8).split(separator: "\n")
      .map { line in
        line.hasPrefix("1,")
          ? line.split(separator: ",", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset == 3 ? "\(done.count - 1)" : String($0.element) }
            .joined(separator: ",") : String(line)
      }
    try (rungs.joined(separator: "\n") + "\n").write(
      to: rungsFile, atomically: true, encoding: .utf8)
    let note = try #require(SweepFolderProgress.behindNote(folder))
    #expect(
      note.contains(
        "(trial \(done.sorted()[0]) is complete in rung-1/\(done.sorted()[0])/, which summary.csv "
          + "lists at rung 0 (and \(done.count - 1) more))"), "\(note)")
    #expect(note.contains("run the same `runner sweep \(ShardRecord.shownSpec(spec))"), "\(note)")

    // Resumed, the CSV files are up to date: no note, and every trial at the rung it reached.
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    #expect(SweepFolderProgress.behindNote(folder) == nil)
    let after = ResultsIndex.trials(of: folder, name: "sweep")
    #expect(after.filter { $0.reached.first?.text == "1" }.count == 2)
    #expect(after.filter { $0.reached.first?.text == "2" }.count == 1)
  }
}
