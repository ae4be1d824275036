import Foundation
import Reports

/// The rung plan of a successive-halving sweep (Jamieson & Talwalkar 2016): rung `r` of
/// `s + 1` trains `⌊n / eta^r⌋` trials (at least 1) to the budget `min · eta^r`, where
/// `s = ⌊log_eta(max / min)⌋`, and the last rung to exactly `max` (Optuna's
/// `min_resource`, scikit-learn's `min_resources`: the first rung is `min`). One bracket `s` of
/// Hyperband (Li et al. 2018) is anchored at `max` instead: rung `r` trains to
/// `max / eta^(s - r)` (rounded, at least `min`). It depends only on the spec, never on results.
///
/// Promoted trials go on from their checkpoint of the rung below where nothing in the run
/// depends on the total budget, and restart with the larger budget otherwise
/// (`TrialContinuation`); either way a rung's result is exactly what a standalone run at its
/// budget gives. `continuing()` is the plan when they all go on (its cost counts `b₂ − b₁`).
public struct HalvingRungs: Sendable, Equatable {
  /// One rung: how many trials it trains and to which budget.
  public struct Rung: Sendable, Equatable {
    /// The rung's index, 0 first.
    public var index: Int
    /// Trials it trains (the planned count; fewer when fewer trials finished ok below).
    public var trials: Int
    /// The epochs (or iterations) each trial trains.
    public var budget: Int
    /// The budget its trials go on from (the rung below's; 0 when they train from the start).
    public var from = 0

    /// Epochs (or iterations) the rung trains in all.
    public var cost: Int { trials * (budget - from) }
  }

  /// The rungs, first to last.
  public var rungs: [Rung]
  /// The trials of the full grid.
  public var gridTrials: Int
  /// The full grid's cost at the largest budget.
  public var gridCost: Int

  /// The rungs for `trials` configurations between budgets `min` and `max`, factor `eta`;
  /// `s` (Hyperband's bracket) fixes the rungs at `s + 1` instead of `⌊log_eta(max / min)⌋ + 1`
  /// and anchors them at `max`.
  public init(trials: Int, min: Int, max: Int, eta: Int, s fixed: Int? = nil) {
    var s = 0
    while pow(Double(eta), Double(s + 1)) * Double(min) <= Double(max) * (1 + 1e-9) { s += 1 }
    s = fixed ?? s
    var rungs: [Rung] = []
    for r in 0...s {
      let scaled =
        fixed == nil
        ? Double(min) * pow(Double(eta), Double(r))
        : Double(max) / pow(Double(eta), Double(s - r))
      let budget = Swift.max(min, Int(scaled.rounded()))
      let count = Swift.max(1, trials / Int(pow(Double(eta), Double(r))))
      if let last = rungs.last, last.trials == count && count == 1 { break }
      rungs.append(Rung(index: r, trials: Swift.min(count, trials), budget: budget))
    }
    if rungs.last?.budget != max { rungs[rungs.count - 1].budget = max }
    self.rungs = rungs
    gridTrials = trials
    gridCost = trials * max
  }

  /// Epochs (or iterations) of all rungs.
  public var cost: Int { rungs.map(\.cost).reduce(0, +) }

  /// The plan when every promoted trial goes on from the rung below.
  public func continuing() -> HalvingRungs {
    var plan = self
    for index in plan.rungs.indices.dropFirst() {
      plan.rungs[index].from = rungs[index - 1].budget
    }
    return plan
  }

  /// The folder name of rung `index`: `rung-0`, `rung-1`, …
  public static func folder(_ index: Int) -> String { AdaptiveSweep.rungFolder(index) }
}
