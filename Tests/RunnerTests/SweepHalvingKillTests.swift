import Conventions
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Successive halving killed with `kill -9` (through the test-only `RUNNER_SWEEP_CRASH_AT` hook)
/// in rung 0, between rungs and inside rung 1, then run again: the rungs, promotions, summary
/// and every trial's files are byte-identical to an uninterrupted run.
@Suite(.serialized)
struct SweepHalvingKillTests {
  static let spec = SweepBinary.fixture("halving-moons.yaml")

  /// The uninterrupted sweep's folder (run once for the suite).
  static let reference = SweepBinary.uninterrupted(
    spec, folder: "sweep-halving-moons", tag: "halvingReference")

  // Rung 0 has 9 trials, rung 1 three: trial 5 starts in rung 0, marker 9 ends rung 0, trial 11
  // is committed in rung 1; summary write 3 is rung 0's last, and the sweep folder's
  // `rungs.csv` (rungs write 1) and `summary.csv` (summary write 4) are then written with rung
  // 0; run write 20 is in the staged files of rung 0's first trials (their checkpoints among
  // them: a half-written one is never committed, so never continued from).
  @Test(arguments: [
    "trial-start:5", "marker-write:9", "trial-committed:11", "summary-write:3", "rungs-write:1",
    "summary-write:4", "run-write:20",
  ])
  func killedAndResumedGivesTheSameBytes(_ point: String) throws {
    let reference = try #require(Self.reference, "the uninterrupted sweep failed")
    try SweepBinary.expectKilledAndResumedEqual(
      Self.spec, folder: "sweep-halving-moons", reference: reference, point: point,
      marker: "rung-2/summary.csv")
  }

  /// Killed once rung 0 is complete (as rung 1's first trial starts), the sweep folder's
  /// `summary.csv` and `rungs.csv` hold rung 0, as a stop writes them: `runner report` reports
  /// the completed rung before any resume.
  @Test func aSweepKilledAfterARungIsReportedWithIt() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let killed = try SweepBinary.run(
      ["sweep", Self.spec, "--results-dir", root.path, "--jobs", "2"],
      environment: ["RUNNER_SWEEP_CRASH_AT": "trial-start:10"])
    #expect(killed.killed && killed.status == SIGKILL, "the hook did not fire")
    let folder = root.appendingPathComponent("sweep-halving-moons")
    let summary = try CSVTable(contentsOf: folder.appendingPathComponent("summary.csv"))
    #expect(summary.rows.count == 9)
    let rungs = try CSVTable(contentsOf: folder.appendingPathComponent("rungs.csv"))
    #expect(rungs.rows.count == 3)
    let report = try SweepBinary.run(["report", folder.path])
    #expect(report.status == 0, "\(report.error)")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.md").path))
  }

  /// Run again once complete, the sweep keeps every rung in its `summary.csv` and `rungs.csv`
  /// as it passes the complete rungs: it rewrote them after rung 0 with rung 0 alone, so a kill
  /// at its second `rungs.csv` write left the folder's record rolled back to rung 0.
  @Test func aCompleteSweepRunAgainKeepsEveryRungInItsRecord() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let first = try SweepBinary.run(["sweep", Self.spec, "--results-dir", root.path])
    #expect(first.status == 0, "\(first.error)")
    let folder = root.appendingPathComponent("sweep-halving-moons")
    let files = ["rungs.csv", "summary.csv"].map { folder.appendingPathComponent($0) }
    let before = try files.map { try Data(contentsOf: $0) }
    let again = try SweepBinary.run(
      ["sweep", Self.spec, "--results-dir", root.path],
      environment: ["RUNNER_SWEEP_CRASH_AT": "rungs-write:2"])
    #expect(!again.killed, "it wrote rungs.csv twice")
    #expect(try files.map { try Data(contentsOf: $0) } == before)
  }

  /// A rung folder a kill left unstarted (created, its plan.csv not yet written) where the user
  /// then put a file: a file of a name the rung writes is named, kept, and alone said to be
  /// moved (exit 73); any other file is kept where it is, and the resumed sweep ends as the
  /// uninterrupted one.
  @Test func anUnstartedRungFolderKeepsTheUsersFile() throws {
    let reference = try #require(Self.reference, "the uninterrupted sweep failed")
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = ["sweep", Self.spec, "--results-dir", root.path, "--jobs", "1"]
    // Plans are written for the sweep folder, rung 0, then rung 1.
    let killed = try SweepBinary.run(
      sweep, environment: ["RUNNER_SWEEP_CRASH_AT": "plan-write:3"])
    #expect(killed.killed && killed.status == SIGKILL, "the hook did not fire")
    let folder = root.appendingPathComponent("sweep-halving-moons")
    let rung = folder.appendingPathComponent("rung-1")
    let names = try FileManager.default.contentsOfDirectory(atPath: rung.path)
    #expect(names.allSatisfy { $0.hasPrefix(".") }, "\(names)")

    let mine = rung.appendingPathComponent("summary.csv")
    try "my own table\n".write(to: mine, atomically: true, encoding: .utf8)
    let refused = try SweepBinary.run(sweep)
    #expect(refused.status == 73, "\(refused.error)")
    #expect(
      refused.error.contains(
        "error: \(rung.path) is a folder of this sweep's plan that a stopped run created but "
          + "did not start (it has no plan.csv); `runner sweep` writes there beside your files, "
          + "but summary.csv has the name of what it writes there"), "\(refused.error)")
    #expect(refused.error.contains("move just that entry out of the folder"), "\(refused.error)")
    #expect(try String(contentsOf: mine, encoding: .utf8) == "my own table\n")

    try FileManager.default.removeItem(at: mine)
    let notes = rung.appendingPathComponent("u.md")
    try "my notes\n".write(to: notes, atomically: true, encoding: .utf8)
    let resumed = try SweepBinary.run(sweep)
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(try String(contentsOf: notes, encoding: .utf8) == "my notes\n")
    var actual = SweepBinary.contents(of: folder)
    actual["rung-1/u.md"] = nil
    let expected = SweepBinary.contents(of: reference)
    #expect(actual.keys.sorted() == expected.keys.sorted())
    for (file, bytes) in expected where actual[file] != bytes {
      Issue.record("\(file) differs after resuming")
    }
  }
}
