import Foundation
import Reports
import Specs

/// What a sweep says as it starts, the same for `runner sweep` and its `--dry-run` (the preview
/// a user reads before spending the sweep's time).
extension PreparedSweep {
  /// The warnings and notes of a sweep running `jobs` trials at once: the spec's (e.g. an
  /// objective chosen on the test set, an `init.from` found in two folders), the trials', the
  /// thread cap's, which `runner.yaml` applies or is passed over, and more threads than cores.
  func startNotes(jobs: Int) -> [String] {
    var notes = (plan.base.warnings + plan.trialWarnings + [threadWarning].compactMap { $0 })
      .map(\.description)
    notes += context.configurationNotes
    // One job's threads are the spec's (the cap is the online CPUs, so that an affinity
    // changes no result): only more jobs than the CPUs allow are worth a warning.
    let cores = AvailableCPUs.count
    if jobs > 1, jobs * threads > cores {
      notes.append(
        "warning: \(jobs) jobs × \(threads) BLAS thread\(threads == 1 ? "" : "s") = "
          + "\(jobs * threads) threads on \(cores) core\(cores == 1 ? "" : "s"); the jobs will "
          + "slow each other down (use --jobs \(max(1, cores / threads))"
          + "\(threads == 1 ? "" : " or threads: 1"))")
    }
    if let warning = hyperbandCostWarning { notes.append(warning) }
    return notes
  }

  /// Hyperband whose brackets train at least as much as the full grid at the full budget
  /// (few configurations: each bracket starts most of them again), with the
  /// advice to run the grid; nil otherwise, and nil for one bracket's sweep or one of its
  /// rungs (`bracketRungs` set): the whole sweep says it once, with its own figures.
  var hyperbandCostWarning: String? {
    guard plan.base.spec.sweep?.method == .hyperband, bracketRungs == nil,
      let brackets = try? bracketProgress()
    else { return nil }
    return hyperbandCostWarning(brackets)
  }

  /// `hyperbandCostWarning` from the brackets' plans (`bracketProgress()`) already read.
  func hyperbandCostWarning(_ brackets: [(s: Int, plan: HalvingRungs, complete: [Int?])])
    -> String?
  {
    guard plan.base.spec.sweep?.method == .hyperband, bracketRungs == nil,
      let first = brackets.first
    else { return nil }
    let cost = brackets.map(\.plan.cost).reduce(0, +)
    let (grid, trials) = (first.plan.gridCost, first.plan.gridTrials)
    guard cost >= grid, grid > 0 else { return nil }
    return "warning: hyperband over \(trials) configuration\(trials == 1 ? "" : "s") trains "
      + "\(cost) \(budgetUnit), \(AdaptiveSweep.shareOfGrid(cost, full: grid)) "
      + "(\(trials) × \(grid / max(1, trials)) \(budgetUnit)): its brackets cost more than "
      + "training every configuration to the full budget; use method: grid (or "
      + "successive_halving) for so few configurations"
  }
}
