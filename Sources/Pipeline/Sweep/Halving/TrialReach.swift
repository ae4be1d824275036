import Conventions
import Foundation
import Reports
import Specs

/// How far a successive-halving trial trained in all, in the budget's unit, read from its
/// folder: the step of the last row of its `metrics.csv` (the state it ended in: its budget, or
/// where early stopping or convergence ended it), or, for a diverged trial, the epoch or
/// iteration its stop reason names (its metrics end at the last finite record). A trial that
/// stopped below a rung's budget has nothing left to train at a larger one, so the compute
/// figures count what it trained, not the budget (docs/sweeps.md, "Compute").
enum TrialReach {
  /// The epochs (or iterations, `unit`) the trial in `directory` trained in all; nil when its
  /// folder does not say (then the rung's budget is counted).
  static func read(_ directory: URL, unit: String) -> Int? {
    if let summary = try? CSVTable(contentsOf: directory.appendingPathComponent("summary.csv")),
      let reason = summary.column("stop_reason")?.first, DivergedStopReason.matches(reason)
    {
      return diverged(reason, unit: unit)
    }
    guard let metrics = try? CSVTable(contentsOf: directory.appendingPathComponent("metrics.csv")),
      let last = metrics.rows.last, let step = last.first
    else { return nil }
    return Int(step)
  }

  /// The epoch (or iteration) a diverged trial's stop reason names: `training diverged at
  /// epoch 7 (iteration 80): …` gives 7 with an epoch budget, `… at iteration 80: …` 80.
  static func diverged(_ reason: String, unit: String) -> Int? {
    let word = unit == "iterations" ? "iteration " : "epoch "
    guard let start = reason.range(of: word) else { return nil }
    return Int(reason[start.upperBound...].prefix { $0.isNumber })
  }
}
