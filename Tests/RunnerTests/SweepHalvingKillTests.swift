import Foundation
import Testing

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
  // is committed in rung 1; summary write 3 is rung 0's last; run write 20 is in the staged
  // files of rung 0's first trials (their checkpoints among them: a half-written one is never
  // committed, so never continued from).
  @Test(arguments: [
    "trial-start:5", "marker-write:9", "trial-committed:11", "summary-write:3", "run-write:20",
  ])
  func killedAndResumedGivesTheSameBytes(_ point: String) throws {
    let reference = try #require(Self.reference, "the uninterrupted sweep failed")
    try SweepBinary.expectKilledAndResumedEqual(
      Self.spec, folder: "sweep-halving-moons", reference: reference, point: point,
      marker: "rung-2/summary.csv")
  }
}
