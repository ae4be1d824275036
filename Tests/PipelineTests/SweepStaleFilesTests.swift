import Foundation
import Pipeline
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct SweepStaleFilesTests {
  /// The ID of no process: the largest pid, above the range of pids of every system (at most
  /// 2^22 on Linux, 99998 on macOS). Not the pid of a child that has exited: while the tests run
  /// in parallel, another process may be given that pid.
  static func deadPID() throws -> Int32 {
    let pid = Int32.max
    let none = kill(pid, 0) == -1 && errno == ESRCH
    try #require(none, "pid \(pid) names a process")
    return pid
  }

  @Test func leftoversOfDeadProcessesAreRemovedAndLiveOnesKept() throws {
    let root = SweepFixture.temporaryDirectory()
    let spec = SweepFixture.spec("diverging.yaml")
    let preview = try SweepRunner.preview(specPath: spec, options: SweepFixture.options(root: root))
    let folder = URL(fileURLWithPath: preview.directory)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let dead = try Self.deadPID()
    let live = getpid()
    let id = preview.trials[0].id
    let deadEntries = [
      ".summary.csv.tmp-\(dead)-A", ".plan.csv.tmp-\(dead)-B", ".report.html.tmp-\(dead)-C",
      ".staging-\(id)-\(dead)-123", ".staging-\(id)-\(dead)-123-old", ".merge-\(id)-\(dead)-D",
    ]
    let liveEntries = [".summary.csv.tmp-\(live)-E", ".staging-\(id)-\(live)-456"]
    for name in deadEntries + liveEntries {
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
    }
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let left = Set(SweepFixture.hiddenEntries(in: folder.path))
    #expect(left == Set(liveEntries))
  }

  /// A sweep killed while it rewrote its plots (`plots/`, a rung's or a bracket's) leaves their
  /// temporaries there: the next start removes a dead process's, so a resumed folder holds
  /// the same files as an uninterrupted one (kill -9 campaign: 44 such files in one Hyperband
  /// folder before the fix).
  @Test func temporariesInPlotAndRungFoldersAreRemoved() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("halving-moons.yaml")
    let first = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let folder = URL(fileURLWithPath: first.directory)
    let dead = try Self.deadPID()
    let live = getpid()
    let deadFiles = [
      "plots/.rungs.svg.tmp-\(dead)-A", "rung-0/.summary.csv.tmp-\(dead)-B",
      "rung-1/plots/.sweep_top_trials.svg.tmp-\(dead)-C", "bracket-0/plots/.x.svg.tmp-\(dead)-D",
    ]
    let liveFiles = ["plots/.rungs.svg.tmp-\(live)-E", "rung-0/plots/.y.svg.tmp-\(live)-F"]
    for path in deadFiles + liveFiles {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("half".utf8).write(to: url)
    }
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let exists = { (path: String) in
      FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
    }
    #expect(deadFiles.filter(exists).isEmpty, "a dead process's temporaries are left")
    #expect(liveFiles.allSatisfy(exists), "a running process's temporaries are removed")
  }

  /// A sweep killed just after swapping a trial's new folder into place leaves the earlier one
  /// as `.staging-<id>-<pid>-…-old`: files a user put there are kept in `.history/<id>/`, with
  /// a note, when the trial runs again.
  @Test func aUsersFileInAKilledSwapIsKeptInHistory() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("linear-grid.yaml")
    let first = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let folder = URL(fileURLWithPath: first.directory)
    let id = try #require(first.finished.first?.trial)
    let old = folder.appendingPathComponent(".staging-\(id)-\(try Self.deadPID())-123-old")
    try FileManager.default.copyItem(at: folder.appendingPathComponent(id), to: old)
    try "mine\n".write(
      to: old.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(at: folder.appendingPathComponent(id + "/status.csv"))
    let events = EventLog()
    let second = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root), observer: events.append)
    #expect(second.finished.map(\.trial) == [id])
    let history = folder.appendingPathComponent(".history").appendingPathComponent(id)
    let kept = try FileManager.default.contentsOfDirectory(atPath: history.path)
    #expect(kept.count == 1)
    let note = history.appendingPathComponent(kept[0]).appendingPathComponent("notes.md")
    #expect(try String(contentsOf: note, encoding: .utf8) == "mine\n")
    #expect(events.notes.contains { $0.hasPrefix("note: ") && $0.contains("notes.md") })
    #expect(SweepFixture.hiddenEntries(in: folder.path) == [".history"])
  }
}
