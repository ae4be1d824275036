import Conventions
import Foundation
import Reports
import Specs

extension PreparedSweep {
  /// The rung plan when the sweep is `method: successive_halving`.
  /// Its cost counts `b₂ − b₁` per promoted trial when every trial can go on (else restarts).
  var halving: HalvingRungs? {
    var rungs = bracketRungs
    if rungs == nil, let sweep = plan.base.spec.sweep, sweep.method == .successiveHalving,
      let budget = sweep.budget
    {
      rungs = HalvingRungs(
        trials: plan.trials.count, min: budget.lowerBound, max: budget.upperBound, eta: sweep.eta)
    }
    guard let rungs else { return nil }
    return restartReasons.isEmpty ? rungs.continuing() : rungs
  }

  /// The budget's unit in the spec: `epochs` or `iterations`.
  var budgetUnit: String {
    if case .iterations = plan.base.spec.optimizer.budget { return "iterations" }
    return "epochs"
  }

  /// The sweep of one rung: the trials `ids` (same IDs and seeds as in `plan.csv`) trained to
  /// the rung's budget, in the folder `rung-<index>` of the sweep folder.
  func rung(_ rung: HalvingRungs.Rung, trials ids: Set<String>) throws(SweepError)
    -> PreparedSweep
  {
    let key = SpecPath([.key("optimizer"), .key(budgetUnit)])
    let trials = plan.trials.filter { ids.contains($0.id) }.map { trial in
      var trial = trial
      trial.spec.optimizer.budget =
        budgetUnit == "epochs" ? .epochs(rung.budget) : .iterations(rung.budget)
      var origins = trial.sourceMap.origins
      origins[key] = .derived("successive halving, rung \(rung.index)")
      // A cosine period not given is the run's length: the rung's budget, as a standalone run.
      if TrialContinuation.tMaxFollowsBudget(trial.spec, trial.sourceMap) {
        trial.spec.optimizer.schedule.settings.tMax = rung.budget
        origins[TrialContinuation.tMaxPath] = .derived(
          "the budget of successive halving's rung \(rung.index)")
      }
      trial.sourceMap = SourceMap(file: trial.sourceMap.file, origins: origins)
      return trial
    }
    var sub = try with(
      trials: trials,
      in: SweepLayout(
        directory: layout.directory.appendingPathComponent(HalvingRungs.folder(rung.index))))
    sub.isPlannedSubfolder = true
    let rungs = halving?.rungs ?? []
    sub.continuation = TrialContinuation(
      saves: rung.index + 1 < rungs.count,
      below: rung.index > 0 && rung.index <= rungs.count
        ? (
          layout.directory.appendingPathComponent(HalvingRungs.folder(rung.index - 1)),
          rungs[rung.index - 1].budget
        ) : nil)
    return sub
  }

  /// Why promoted trials restart rather than continue, by reason (trial IDs in order); empty
  /// when every trial of the plan can continue.
  var restartReasons: [String: [String]] {
    var reasons: [String: [String]] = [:]
    for trial in plan.trials {
      if let reason = TrialContinuation.restartReason(trial.spec, trial.sourceMap) {
        reasons[reason, default: []].append(trial.id)
      }
    }
    return reasons
  }

  /// The trials of a finished rung that go on: its `count` best ok trials with a finite
  /// objective (`summary` is ranked best first, ties to the smaller swept values, `TrialRanking.tieOrder`).
  static func promoted(from summary: CSVTable, count: Int, objective settings: SweepSettings)
    -> [String]
  {
    settings.results(summary).prefix(count).map { $0[0] }
  }

  /// When the objective ties across the cut of `promoted(from:count:objective:)` (the last
  /// trial promoted and the first left have one value), a note naming the tie: the swept values
  /// decided which of them go on (`rung 1: dev_accuracy 0.8875 ties at the cut: 2 of 3 trials
  /// promoted …`); nil when the figures alone decided.
  static func tieNote(
    from summary: CSVTable, count: Int, objective settings: SweepSettings, rung: Int
  ) -> String? {
    let results = settings.results(summary)
    guard count > 0, results.count > count, let column = summary.columnIndex(settings.objective)
    else { return nil }
    let value = results[count - 1][column]
    guard CSVCell.number(from: results[count][column]) == CSVCell.number(from: value) else {
      return nil
    }
    let tied = results.filter { CSVCell.number(from: $0[column]) == CSVCell.number(from: value) }
    let promoted = tied.filter { row in results.prefix(count).contains { $0[0] == row[0] } }
    let left = tied.filter { row in !promoted.contains { $0[0] == row[0] } }
    return "rung \(rung): \(settings.objective) \(value) ties at the cut: "
      + "\(promoted.map { $0[0] }.joined(separator: " ")) promoted, "
      + "\(left.map { $0[0] }.joined(separator: " ")) not (ties go to the smaller swept values)"
  }
}

extension PreparedSweep {
  /// How this sweep's plan is made, for the note on a damaged `plan.csv` written again: a rung
  /// above rung 0 holds the trials the rung below promotes.
  var planOrigin: String {
    continuation?.below == nil
      ? "from the spec and its seed"
      : "from the spec, its seed and the results of the rung below (the trials it promotes)"
  }

  /// A rung's or bracket's damaged `plan.csv` written again as the sweep makes it
  /// (`DamagedPlan.rebuild`), `observer` told; nothing for a top sweep folder, whose plan the
  /// sweep rebuilds itself.
  func rebuildSubfolderPlan(observer: SweepObserver) throws(SweepError) {
    guard isPlannedSubfolder,
      let note = try DamagedPlan.rebuild(layout, how: planOrigin, plan: { _ in planTable })
    else { return }
    observer(.note(note))
  }
}
