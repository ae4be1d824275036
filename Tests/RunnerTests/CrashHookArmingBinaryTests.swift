import Foundation
import Pipeline
import Testing

/// The test-only crash hook (`CrashHook`) needs a second variable that only the tests set: a
/// user's environment holding `RUNNER_SWEEP_CRASH_AT` alone (copied from a test, left over in a
/// shell) runs the sweep as usual; it killed it before.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct CrashHookArmingBinaryTests {
  @Test(arguments: ["", "1", "yes"])
  func theHookNamedWithoutItsArmingValueCrashesNothing(arming: String) throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let r = try SweepBinary.run(
      ["sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir", results.path],
      environment: [CrashHook.variable: "trial-start:1", CrashHook.armingVariable: arming])
    #expect(!r.killed && r.status == 0, "\(r.error)")
  }

  /// With both, the tests' hook still fires.
  @Test func theHookWithItsArmingValueStillFires() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let r = try SweepBinary.run(
      ["sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir", results.path],
      environment: [
        CrashHook.variable: "trial-start:1", CrashHook.armingVariable: CrashHook.armingValue,
      ])
    #expect(r.killed, "\(r.error)")
  }
}
