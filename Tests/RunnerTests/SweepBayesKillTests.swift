import Foundation
import Testing

/// A bayes sweep killed with `kill -9` (through the test-only `RUNNER_SWEEP_CRASH_AT` hook) in
/// the startup batch, inside a TPE batch, while writing `batches.csv` and between batches, then
/// run again: the suggested trials, `batches.csv`, the summary and every trial's files are
/// byte-identical to an uninterrupted run.
@Suite(.serialized)
struct SweepBayesKillTests {
  static let spec = SweepBinary.fixture("bayes-moons.yaml")

  /// The uninterrupted sweep's folder (run once for the suite).
  static let reference = SweepBinary.uninterrupted(
    spec, folder: "sweep-bayes-moons", tag: "bayesReference")

  // Batches of 3, 2 and 2 trials: trial 2 starts in batch 0, trial 5 in batch 1; marker 6 is
  // batch 2's first; batches.csv write 2 is the one before batch 1, summary write 2 batch 1's.
  @Test(arguments: [
    "trial-start:2", "trial-start:5", "marker-write:6", "batches-write:2",
    "summary-write:2",
  ])
  func killedAndResumedGivesTheSameBytes(_ point: String) throws {
    let reference = try #require(Self.reference, "the uninterrupted sweep failed")
    try SweepBinary.expectKilledAndResumedEqual(
      Self.spec, folder: "sweep-bayes-moons", reference: reference, point: point,
      marker: "batches.csv")
  }

  /// Killed after `batches.csv` records batch 1 and before `plan.csv` lists its trials (inside
  /// the plan's second write): the resume is an ordinary one, saying nothing of a damaged plan
  /// (reviewer's finding 3 of session 38: "plan.csv lacks 2 of the trials batches.csv
  /// records"), and the folder is the uninterrupted sweep's.
  @Test func killedBetweenBatchesAndPlanResumesAsAnyResume() throws {
    let reference = try #require(Self.reference, "the uninterrupted sweep failed")
    let root = SweepBinary.temporaryDirectory("bayesPlanBehind")
    defer { try? FileManager.default.removeItem(at: root) }
    let killed = try SweepBinary.run(
      ["sweep", Self.spec, "--results-dir", root.path],
      environment: ["RUNNER_SWEEP_CRASH_AT": "plan-write:2"])
    #expect(killed.killed && killed.status == SIGKILL, "the hook did not fire")
    let sweep = root.appendingPathComponent("sweep-bayes-moons")
    let batch1 = try String(
      contentsOf: sweep.appendingPathComponent("batches.csv"), encoding: .utf8
    ).split(separator: "\n").filter { $0.hasPrefix("1,") }.map { $0.split(separator: ",")[1] }
    let plan = try String(contentsOf: sweep.appendingPathComponent("plan.csv"), encoding: .utf8)
    #expect(!batch1.isEmpty && batch1.allSatisfy { !plan.contains($0) }, "\(batch1) \(plan)")
    let resumed = try SweepBinary.run(["sweep", Self.spec, "--results-dir", root.path])
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(!resumed.error.contains("lacks"), "\(resumed.error)")
    #expect(!resumed.error.contains("written again"), "\(resumed.error)")
    #expect(SweepBinary.contents(of: sweep) == SweepBinary.contents(of: reference))
  }
}

/// `runner validate` of a bayes sweep counts every trial and says which ones it checked.
@Suite struct SweepBayesValidateTests {
  @Test func validateCountsTheTrialsTPEWillSuggest() throws {
    let result = try SweepBinary.run(["validate", SweepBayesKillTests.spec])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains(", 7 trials, 3 random (checked) then 4 by TPE"))
  }

  /// Random draws that repeat one (10 draws over a 3 × 4 grid of values) are dropped, and the
  /// line says so instead of counting them as TPE's.
  @Test func validateSaysRepeatedDrawsAreDropped() throws {
    let result = try SweepBinary.run([
      "validate",
      SweepBinary.root.appendingPathComponent(
        "experiments/moons-mlp-grid-sweep.yaml"
      ).path, "--set", "sweep.method=bayes",
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(
      result.output.contains(
        ", 7 random trials (checked; 3 of the 10 draws repeat one and are dropped), memory"),
      "\(result.output)")
    // Startup and trials at their defaults (AG7: as Optuna's) are not warned about.
    #expect(!result.error.contains("warning: bayes: startup (10)"), "\(result.error)")
    // 30 trials asked of 12 combinations: TPE can suggest at most the 9 the draws left.
    let capped = try SweepBinary.run([
      "validate",
      SweepBinary.root.appendingPathComponent(
        "experiments/moons-mlp-grid-sweep.yaml"
      ).path, "--set", "sweep.method=bayes", "--set", "sweep.trials=30", "--set",
      "sweep.startup=3",
    ])
    #expect(
      capped.output.contains(
        ", 3 random trials (checked) then at most 9 by TPE (the swept values make 12 trials)"),
      "\(capped.output)")
  }
}
