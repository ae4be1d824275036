import Foundation
import Reports
import Specs

/// A rung's complete trials must have trained to the rung's budget. Trial IDs do not depend on
/// `sweep:`, so after `sweep.budget` (or `eta`) changes, a re-run finds the earlier plan's trials
/// in `rung-<r>/` complete at another budget: reusing them would rank and report results this
/// plan never trained. The sweep refuses instead, before training anything.
enum RungBudgetCheck {
  /// Throws `changedBudget` when a complete trial of `rung` of `sweep` (a successive-halving
  /// sweep or a Hyperband bracket; `sub` is the rung's sweep) recorded another budget than the
  /// rung's in its `spec.resolved.yaml`.
  static func check(_ sub: PreparedSweep, rung: HalvingRungs.Rung, of sweep: PreparedSweep)
    throws(SweepError)
  {
    var trained: [Int: Int] = [:]
    for trial in sub.plan.trials where TrialStatus.read(sub.layout.marker(trial.id)) != nil {
      let file = sub.layout.trialDirectory(trial.id).appendingPathComponent(
        ResultsFile.resolvedSpec)
      // A failed trial may have no resolved spec: nothing it recorded is reused as a result.
      guard let budget = recordedBudget(file), budget != rung.budget else { continue }
      trained[budget, default: 0] += 1
    }
    guard let (budget, count) = trained.min(by: { $0.key < $1.key }) else { return }
    // The folder to move away is the whole sweep's, a bracket's parent.
    let root = sweep.layout.directory
    throw .changedBudget(
      folder: sub.layout.directory.path,
      sweep: (sweep.bracketRungs == nil ? root : root.deletingLastPathComponent()).path,
      trials: count, trained: budget, planned: rung.budget, rung: rung.index,
      unit: sweep.budgetUnit)
  }

  /// The epochs or iterations a run's canonical spec at `file` trained to; nil when it cannot
  /// be read.
  static func recordedBudget(_ file: URL) -> Int? {
    guard let text = try? AtomicFile.read(file) else { return nil }
    var options = SpecOptions(allowOutsideResults: true)
    options.variant = true
    return (try? SpecLoader.load(text: text, file: file.path, options: options))?.spec.optimizer
      .budget.units
  }
}
