import Foundation
import Reports

/// A rung's complete trials must have trained to the rung's budget. Trial IDs do not depend on
/// `sweep:`, so after `sweep.budget`, `eta` or the number of trials changes, a re-run (or a merge
/// of shards run before and after) finds the earlier plan's trials in `rung-<r>/` complete at
/// another budget: reusing them would rank and report results this plan never trained. The
/// sweep or merge refuses instead, before it changes anything.
enum RungBudgetCheck {
  /// Throws `changedBudget` when a complete trial of `rung` of `sweep` (a successive-halving
  /// sweep or a Hyperband bracket; `sub` is the rung's sweep) recorded another budget than the
  /// rung's in its `spec.resolved.yaml`.
  static func check(_ sub: PreparedSweep, rung: HalvingRungs.Rung, of sweep: PreparedSweep)
    throws(SweepError)
  {
    // The folder to move away is the whole sweep's, a bracket's parent.
    let root = sweep.layout.directory
    try check(
      sub.layout, trials: sub.plan.trials.map(\.id), rung: rung, unit: sweep.budgetUnit,
      sweep: sweep.bracketRungs == nil ? root : root.deletingLastPathComponent())
  }

  /// Throws `changedBudget` when a complete trial of `trials` in the rung folder `layout`
  /// recorded another budget than `rung`'s (`sweep`: the folder to move away).
  static func check(
    _ layout: SweepLayout, trials: [String], rung: HalvingRungs.Rung, unit: String, sweep: URL
  ) throws(SweepError) {
    var trained: [Int: Int] = [:]
    for id in trials where TrialStatus.read(layout.marker(id)) != nil {
      let file = layout.trialDirectory(id).appendingPathComponent(ResultsFile.resolvedSpec)
      // A failed trial may have no resolved spec: nothing it recorded is reused as a result.
      guard let budget = recordedBudget(file), budget != rung.budget else { continue }
      trained[budget, default: 0] += 1
    }
    guard let (budget, count) = trained.min(by: { $0.key < $1.key }) else { return }
    throw .changedBudget(
      folder: layout.directory.path, sweep: sweep.path, trials: count, trained: budget,
      planned: rung.budget, rung: rung.index, unit: unit)
  }

  /// The epochs or iterations the canonical spec at `file` (a run's `spec.resolved.yaml`, as
  /// `SpecWriter` writes it: `optimizer:` with its keys indented by two spaces) trained to; nil
  /// when it records none. A scan of those lines, not a load: a resume reads every complete
  /// trial's.
  static func recordedBudget(_ file: URL) -> Int? {
    guard let text = try? AtomicFile.read(file) else { return nil }
    var inOptimizer = false
    for line in text.split(whereSeparator: \.isNewline) {
      guard line.hasPrefix("  ") else {
        inOptimizer = line == "optimizer:"
        continue
      }
      for key in ["  epochs: ", "  iterations: "] where inOptimizer && line.hasPrefix(key) {
        return Int(line.dropFirst(key.count))
      }
    }
    return nil
  }
}
