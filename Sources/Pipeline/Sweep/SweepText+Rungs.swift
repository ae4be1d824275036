extension SweepText {
  /// An adaptive sweep's lines on what ran and what is complete, counted in trial runs (a trial
  /// promoted to rung 1 runs twice), per rung (successive halving) or per bracket (Hyperband):
  /// `ran 100 trial runs (rung 0 81, rung 1 19; 100 ok, 0 failed), skipped 0 already complete`,
  /// `8 trial runs of rung 1 not started; …` (after `interrupted: `) and `100 of 120 trial runs complete
  /// in <folder>: rung 0 81 of 81, rung 1 19 of 27, rung 2 0 of 9, rung 3 0 of 3`.
  static func rungLines(_ outcome: SweepOutcome, _ runs: [RungRuns]) -> (
    ran: String, notStarted: String, complete: String
  ) {
    let groups = rungGroups(runs)
    let ran = outcome.finished.count
    let failed = outcome.failed.count
    let perGroup = groups.filter { $0.ran > 0 }.map { "\($0.label) \($0.ran)" }
    let breakdown = perGroup.isEmpty ? "" : perGroup.joined(separator: ", ") + "; "
    let runsWord = { (n: Int) in n == 1 ? "trial run" : "trial runs" }
    let ranLine =
      "ran \(ran) \(runsWord(ran)) (\(breakdown)\(ran - failed) ok, \(failed) failed), skipped \(outcome.skipped) already complete"
    let open = groups.first { $0.complete < $0.planned }.map { " of \($0.label)" } ?? ""
    let notStarted =
      "\(outcome.notStarted) \(runsWord(outcome.notStarted))\(open) not started; re-run the same command to resume"
    return (ranLine, notStarted, completeLine(runs, in: outcome.directory))
  }

  /// `100 of 120 trial runs complete in <folder>: rung 0 81 of 81, rung 1 19 of 27, …` (per
  /// bracket for Hyperband): what `runner sweep` and `runner merge` say of an adaptive sweep.
  static func completeLine(_ runs: [RungRuns], in directory: String?) -> String {
    let groups = rungGroups(runs)
    let complete = groups.map(\.complete).reduce(0, +)
    let planned = groups.map(\.planned).reduce(0, +)
    let each = groups.map { "\($0.label) \($0.complete) of \($0.planned)" }
    let folder = directory.map { " in \($0)" } ?? ""
    return "\(complete) of \(planned) trial run\(planned == 1 ? "" : "s") complete\(folder): "
      + each.joined(separator: ", ")
  }

  /// The rounds a sharded adaptive sweep still needs after a merge, one per rung (of the
  /// bracket with the most rungs left, for Hyperband); 0 when every trial run is complete.
  static func roundsLeft(_ runs: [RungRuns]) -> Int {
    let open = runs.filter { $0.complete < $0.planned }
    return Dictionary(grouping: open, by: { $0.bracket ?? 0 }).values.map(\.count).max() ?? 0
  }

  /// The runs summed per rung (successive halving) or per bracket (Hyperband), in order.
  static func rungGroups(_ runs: [RungRuns]) -> [(
    label: String, planned: Int, complete: Int, ran: Int
  )] {
    var groups: [(label: String, planned: Int, complete: Int, ran: Int)] = []
    for run in runs {
      let label = run.bracket.map { "bracket \($0)" } ?? "rung \(run.rung)"
      if run.bracket != nil, let last = groups.last, last.label == label {
        groups[groups.count - 1] = (
          label, last.planned + run.planned, last.complete + run.complete, last.ran + run.ran
        )
      } else {
        groups.append((label, run.planned, run.complete, run.ran))
      }
    }
    return groups
  }
}
