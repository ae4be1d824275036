import Conventions
import Foundation
import Pipeline
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `runner report` on a sweep folder that a sweep is still writing (tester AY): report.md and
/// report.html say they are a snapshot of a running sweep, as the note on stderr does, never
/// that the sweep stopped early; once no sweep writes it, the report says it stopped.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct LiveSweepReportBinaryTests {
  @Test func aReportOfALiveSweepIsASnapshotInEveryOutput() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    // Three of the grid's six trials complete (one shard's), as a sweep that is under way.
    _ = try KeepYourFilesBinaryTests.sweep(results, ["--shard", "0/2"])
    let folder = results.appendingPathComponent("sweep-linear-grid")
    func reportText() throws -> [String] {
      try ["report.md", "report.html"].map {
        try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
      }
    }
    do {
      // This process stands for the running sweep: it holds the lock a sweep holds.
      let lock = try FolderLock.acquire(folder.appendingPathComponent("sweep-\(getpid())"))
      defer { lock.release() }
      let report = try SweepBinary.run(["report", folder.path])
      #expect(report.status == 0, "\(report.error)")
      #expect(
        report.error
          == "note: the sweep writing \(folder.path) is still running (pid \(getpid())): this "
          + "report is a snapshot of the 3 of 6 trials complete so far, and the sweep rewrites it "
          + "when it ends\n")
      #expect(report.output.contains("\(folder.path)/report.md"), "\(report.output)")
      for text in try reportText() {
        #expect(
          text.contains(
            "3 of 6 trials complete so far; 3 still to run: a snapshot taken while the sweep "
              + "writing this folder ran (pid \(getpid())), which rewrites this report when it ends"
          ),
          "\(text)")
        #expect(!text.contains("stopped early"), "\(text)")
      }
      // The snapshot is the runner's own: nothing kept.
      #expect(KeepYourFilesBinaryTests.kept(folder).isEmpty)
    }
    // No sweep writes the folder now: the report says it stopped, and replaces the snapshot
    // without a copy.
    let after = try SweepBinary.run(["report", folder.path])
    #expect(after.status == 0, "\(after.error)")
    #expect(after.error.isEmpty, "\(after.error)")
    for text in try reportText() {
      #expect(text.contains("3 of 6 trials complete; 3 not started: the sweep stopped early"))
      #expect(!text.contains("snapshot"), "\(text)")
    }
    #expect(KeepYourFilesBinaryTests.kept(folder).isEmpty)
  }

  /// A bayes sweep's report between its batches (stopped at the first trial of batch 1) is a
  /// snapshot of the running sweep, not one that stopped early; its last report is not.
  @Test func aBayesSweepsReportBetweenBatchesIsASnapshot() throws {
    let root = SweepBinary.temporaryDirectory("bayesSnapshot")
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let folder = results.appendingPathComponent("sweep-bayes-moons")
    var between = ""
    let sweep = try SweepBinary.run(
      [
        "sweep", SweepBinary.fixture("bayes-moons.yaml"), "--jobs", "1", "--results-dir",
        results.path,
      ],
      environment: ["RUNNER_SWEEP_CRASH_AT": "trial-start:4:stop"],
      whenStopped: {
        between = try String(
          contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
      })
    #expect(sweep.status == 0, "\(sweep.error)")
    #expect(
      between.contains("a snapshot taken while the sweep writing this folder ran (pid "),
      "\(between)")
    #expect(!between.contains("stopped early"), "\(between)")
    let last = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(!last.contains("snapshot"), "\(last)")
    #expect(!last.contains("not started"), "\(last)")
  }
}
