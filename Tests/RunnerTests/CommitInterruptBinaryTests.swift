import Foundation
import Testing

/// Ctrl-C pressed in the middle of a commit (a results folder or a baseline being swapped into
/// place): the interrupt waits for the commit, which finishes whole, and then ends the process
/// at once. The crash hook presses Ctrl-C from inside the commit, as a user's keypress would
/// land; the runs are killed after 30 s, so an interrupt stuck behind the commit fails here.
@Suite struct CommitInterruptBinaryTests {
  @Test func ctrlCWhileARunSwapsItsFolderSavesItWholeThenEnds() throws {
    let dir = try WriteFaultBinaryTests.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = dir.appendingPathComponent("results")
    let spec = dir.appendingPathComponent("m.yaml").path
    let first = try SweepBinary.run(["run", spec, "--results-dir", root.path])
    #expect(first.status == 0, "\(first.error)")
    for point in ["run-commit", "run-retire"] {
      let r = try SweepBinary.run(
        ["run", spec, "--results-dir", root.path],
        environment: ["RUNNER_SWEEP_CRASH_AT": "\(point):1:int"], killAfter: 30)
      #expect(r.status == 130, "\(point): \(r.error)")
      let folder = root.appendingPathComponent("m")
      #expect(
        r.error.hasSuffix(
          "\ninterrupted: the run had completed and its results are saved in \(folder.path)\n"),
        "\(point): \(r.error)")
      #expect(SweepBinary.hiddenEntries(below: root).isEmpty, "\(point)")
    }
  }

  @Test func ctrlCWhileARecordMovesTheBaselinesRecordsItWholeThenEnds() throws {
    let (root, baseline) = try GateRecoveryBinaryTests.recorded()
    defer { try? FileManager.default.removeItem(at: root) }
    for point in ["gate-record-aside", "gate-record-placed"] {
      try GateRecoveryBinaryTests.outdate(baseline)
      let r = try SweepBinary.run(
        ["gate", "--root", root.path, "--record"],
        environment: [
          "RUNNER_SWEEP_CRASH_AT": "\(point):1:int",
          "TMPDIR": root.appendingPathComponent("tmp").path,
        ], killAfter: 30)
      #expect(r.status == 130, "\(point): \(r.error)")
      #expect(r.error.hasPrefix("\ninterrupted: recorded m, each whole"), "\(point): \(r.error)")
      let folder = baseline.deletingLastPathComponent()
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
          "gate.csv", "m",
        ])
    }
  }
}
