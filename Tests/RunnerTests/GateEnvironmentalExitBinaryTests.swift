import Foundation
import Testing

/// An entry the machine stops rather than the experiment is counted as not run, the other
/// entries are checked, and the gate exits with that cause's status, not 1, which CI reads as
/// a regression (tester BF F4: a `ulimit -n` too low for a sweep entry's two jobs gave 1).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct GateEnvironmentalExitBinaryTests {
  @Test func aSweepEntryStoppedByTheOpenFileLimitExits71AfterTheOthers() throws {
    let root = try WriteFaultBinaryTests.project()
    defer { try? FileManager.default.removeItem(at: root) }
    let baselines = root.appendingPathComponent("results/baseline")
    try FileManager.default.createDirectory(at: baselines, withIntermediateDirectories: true)
    try
      "name,spec,command,atol,rtol,iteration_rtol\nm,m.yaml,run,1e-10,1e-7,0.25\ns,s.yaml,sweep,1e-10,1e-7,0.25\n"
      .write(
        to: baselines.appendingPathComponent("gate.csv"), atomically: true, encoding: .utf8)
    let recorded = try GateRecoveryBinaryTests.gate(root, ["--record"])
    #expect(recorded.status == 0, "\(recorded.output)\(recorded.error)")
    // Enough to start (16), too few for the sweep's two jobs at once (26).
    let limited = try SweepBinary.run(
      ["gate", "--root", root.path],
      environment: ["TMPDIR": root.appendingPathComponent("tmp").path], openFileLimit: 20,
      killAfter: 120)
    #expect(limited.status == 71, "\(limited.output)\(limited.error)")
    #expect(limited.output.hasPrefix("m: ok, compared byte for byte"), "\(limited.output)")
    #expect(
      limited.output.contains("s: did not run cleanly: error: the limit on open files is too low"),
      "\(limited.output)")
    #expect(limited.output.hasSuffix("gate: 1 of 2 failed (s did not run), 1 ok\n"))
  }
}
