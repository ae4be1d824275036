import Foundation
import Testing

/// Ctrl-C during `runner run` on the built binary: a line saying what became of the results,
/// exit 130, and no run folder (nothing is committed before the run completes).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct RunInterruptBinaryTests {
  @Test func ctrlCSaysTheResultsAreLeftWholeAndExits130() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    // Long enough to be interrupted while training, short enough to end on its own if the
    // interrupt were lost.
    let spec = root.appendingPathComponent("long.yaml")
    try SweepBinary.longRun("long").write(to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results")
    let r = try SweepBinary.run(
      ["run", spec.path, "--results-dir", results.path],
      interruptOnceExists: results.appendingPathComponent(".long.lock"))
    #expect(r.status == 130)
    #expect(r.error.contains("interrupted: the results folder is left whole"))
    #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("long").path))
    // SIGTERM (a scheduler's stop, `timeout`): the same, exit 143. (The lock file may remain
    // when the signal lands between its creation and its registration; a later run takes over
    // a dead holder's lock at once.)
    // A lock file the Ctrl-C'd run may have left would trigger the signal before the run starts.
    try? FileManager.default.removeItem(at: results.appendingPathComponent(".long.lock"))
    let t = try SweepBinary.run(
      ["run", spec.path, "--results-dir", results.path],
      interruptOnceExists: results.appendingPathComponent(".long.lock"), with: SIGTERM)
    #expect(t.status == 143)
    #expect(t.error.contains("terminated: the results folder is left whole"), "\(t.error)")
    #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("long").path))
    // Not held: a rerun takes the folder and completes.
    let rerun = try SweepBinary.run(
      ["run", spec.path, "--results-dir", results.path, "--set", "optimizer.epochs=1"])
    #expect(rerun.status == 0, "\(rerun.error)")
  }

  /// A results root the run created is removed again when it is interrupted before writing,
  /// as bad data removes it: only the folders it made, and only while empty.
  @Test func anInterruptedRunRemovesTheResultsFoldersItCreated() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("long.yaml")
    try SweepBinary.longRun("long").write(to: spec, atomically: true, encoding: .utf8)
    let made = root.appendingPathComponent("made")
    let results = made.appendingPathComponent("a/b")
    let r = try SweepBinary.run(
      ["run", spec.path, "--results-dir", results.path],
      interruptOnceExists: results.appendingPathComponent(".long.lock"), with: SIGTERM)
    #expect(r.status == 143, "\(r.error)")
    #expect(!FileManager.default.fileExists(atPath: made.path))
    #expect(FileManager.default.fileExists(atPath: root.path))
  }

  /// Started with SIGINT ignored (`cmd &` in a script), the run keeps it ignored, as shells and
  /// Python do: the Ctrl-C meant for the script does not stop it, and it completes.
  @Test func aRunStartedWithCtrlCIgnoredKeepsIgnoringIt() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    // About 2 s in a debug build: interrupted while training, then ends on its own.
    let spec = root.appendingPathComponent("ignored.yaml")
    try SweepBinary.longRun("ignored", epochs: 600).write(
      to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results")
    let r = try SweepBinary.run(
      ["run", spec.path, "--results-dir", results.path],
      interruptOnceExists: results.appendingPathComponent(".ignored.lock"), ignoring: ["INT"])
    #expect(r.signalled)
    #expect(r.status == 0, "\(r.error)")
    #expect(!r.error.contains("interrupted"))
    #expect(
      FileManager.default.fileExists(
        atPath: results.appendingPathComponent("ignored/metrics.csv").path))
  }
}
