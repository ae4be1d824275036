import Conventions
import Datasets
import Foundation
import Reports

/// The sweep's text for the command line (no colour, no terminal control: the command adds them).
public enum SweepText {
  /// `--dry-run`: a table of the shard's trials (ID, state, swept values, estimated operations)
  /// and a line with the totals and the estimated time (and whether it fits `timeout`, the
  /// `--timeout` budget in seconds); `retryCommand` is the command that runs failed trials
  /// again (`plannedLine`).
  public static func listing(
    _ preview: SweepPreview, timeout: Double? = nil, retryCommand: String? = nil
  ) -> String {
    let keys = preview.trials.first?.values.map(\.key) ?? []
    let rows = preview.trials.map { trial in
      [
        trial.id,
        trial.tooBig.map { "too big: about \(MemoryBudget.format($0))" } ?? state(trial.state),
      ]
        + trial.values.map(\.value) + [
          trial.flops.map(operations) ?? "?"
        ]
    }
    var lines = [
      TextTable(header: ["trial", "state"] + keys + [preview.operationsColumn], rows: rows)
        .rendered()
    ]
    for trial in preview.trials {
      if case .failed(let reason) = trial.state { lines.append("failed \(trial.id): \(reason)") }
    }
    lines.append(plannedLine(preview, retryCommand: retryCommand))
    for trial in preview.pending {
      if let reason = trial.failsOnData { lines.append("would fail \(trial.id): \(reason)") }
    }
    let big = preview.pending.filter { $0.tooBig != nil }.count
    if big > 0, let memory = preview.memory {
      lines.append(
        "too big: \(big) trial\(big == 1 ? "" : "s") to run need\(big == 1 ? "s" : "") more than "
          + "the \(MemoryBudget.format(memory.limit)) limit (\(memory.source)) and would fail: "
          + (SweepPreview.tooBigValues(
            preview.trials.map { ($0.values, $0.tooBig != nil) }) ?? ""))
    }
    lines += preview.notes
    if let rungs = preview.rungs { lines.append(rungPlan(rungs.plan, rungs.unit, rungs.complete)) }
    if let batches = preview.batches { lines.append(batches) }
    if !preview.brackets.isEmpty { lines.append(bracketPlan(preview.brackets, preview.unit)) }
    if let cost = preview.cost {
      // The measured rate, or the assumption itself: the effective rate of an assumed cost
      // varies with the model (fixed costs folded in) and would read as another assumption.
      let rate =
        cost.measured
        ? " at \(operations(cost.rate))/s per job (measured on this sweep's finished trials)"
        : " (assumed: \(assumption); no finished trial to measure)"
      lines.append(
        "estimated cost: \(operations(cost.flops)) floating-point operations, about \(ProgressText.duration(cost.seconds)) with \(preview.jobs) job\(preview.jobs == 1 ? "" : "s")\(rate)"
      )
      if let timeout {
        let budget = "the --timeout budget of \(SweepTimeout.text(timeout))"
        lines.append(
          cost.seconds <= timeout
            ? "the estimate fits \(budget)"
            : "the estimate is longer than \(budget): the sweep would stop with trials not "
              + "started (re-run the same command to resume)")
      }
    } else {
      lines.append("estimated cost: unknown (\(preview.costUnknown ?? "the data did not load"))")
    }
    return lines.joined(separator: "\n")
  }

  /// One line: the sweep, its folder, the shard, and how many trials run or are skipped, with
  /// `retryCommand` (`runner sweep SPEC … --retry-failed`) for failed ones skipped.
  public static func plannedLine(_ preview: SweepPreview, retryCommand: String? = nil) -> String {
    let done = preview.trials.filter { $0.state == .done }.count
    let failed = preview.trials.count - done - preview.pending.count
    let shard =
      preview.shard.count > 1
      ? ", shard \(preview.shard) (\(preview.shard.source)) has \(preview.trials.count)" : ""
    let drawn = preview.drawnFrom.map { " (drawn into brackets from the grid's \($0))" } ?? ""
    var text =
      "\(preview.name): \(preview.sweepTrials) trial\(preview.sweepTrials == 1 ? "" : "s")\(drawn)\(shard); \(preview.pending.count) to run"
    let tooBig = preview.trials.filter { $0.state == .pending && $0.tooBig != nil }.count
    if tooBig > 0 { text += " (\(tooBig) too big for memory, which would fail)" }
    let broken = preview.pending.filter { $0.failsOnData != nil }.count
    if broken > 0 { text += " (\(broken) cannot train on their data, which would fail)" }
    if done > 0 { text += ", \(done) already done" }
    if failed > 0 {
      let retry = retryCommand.map { "`\($0)`" } ?? "--retry-failed"
      text += ", \(failed) failed before (\(retry) runs them again)"
    }
    return text + " → \(preview.directory)"
  }

  /// The note before a sweep starts when some of its trials to run cannot train on their data:
  /// `warning: moons: 2 of the 4 trials to run cannot train on their data and will fail …`.
  static func failingOnData(_ failing: [(id: String, reason: String)], pending: Int, name: String)
    -> String?
  {
    guard let first = failing.first else { return nil }
    let count = failing.count
    return "warning: \(name): "
      + "\(count) of the \(pending) trials to run cannot train on \(count == 1 ? "its" : "their") "
      + "data and will fail (`runner validate` locates \(count == 1 ? "it" : "each")); "
      + "trial \(first.id): \(first.reason)"
  }

  /// The rung plan of a successive-halving sweep: trials and budget per rung, their state, and
  /// the total against the full grid's.
  static func rungPlan(_ plan: HalvingRungs, _ unit: String, _ complete: [Int?]) -> String {
    let rows = zip(plan.rungs, complete).map { rung, done in
      [
        String(rung.index), String(rung.trials), String(rung.budget), String(rung.cost),
        done.map { $0 == rung.trials ? "done" : "\($0)/\(rung.trials) done" }
          ?? "waits for rung \(rung.index - 1)",
      ]
    }
    return [
      plan.rungs.count > 1 && plan.rungs[1].from > 0
        ? "rung plan (successive halving; promoted trials continue from the rung below):"
        : "rung plan (successive halving; promoted trials restart with the larger budget):",
      TextTable(header: ["rung", "trials", "budget", unit, "state"], rows: rows).rendered(),
      "total: " + total(plan.cost, plan, unit),
    ].joined(separator: "\n")
  }

  /// `27 epochs, 33.3% of the full grid's 81 (9 trials × 9 epochs)`.
  static func total(_ cost: Int, _ plan: HalvingRungs, _ unit: String) -> String {
    let share = AdaptiveSweep.shareOfGrid(cost, full: plan.gridCost)
    return
      "\(cost) \(unit), \(share) (\(plan.gridTrials) trials × \(plan.rungs.last?.budget ?? 0) \(unit))"
  }

  /// `3/6 done, 2 running, 0 failed, 12s elapsed, ETA 9s` (`, 1 waiting` after `running` while
  /// a trial is locked by another process).
  public static func progressLine(_ p: SweepProgress) -> String {
    let eta = p.eta.map { "ETA \(ProgressText.duration($0))" } ?? "ETA …"
    let waiting = p.waiting > 0 ? ", \(p.waiting) waiting" : ""
    return
      "\(p.done)/\(p.total) done, \(p.running) running\(waiting), \(p.failed) failed, \(ProgressText.duration(p.elapsed)) elapsed, \(eta)"
  }

  /// `trial 253c469eb924 done by another process (not run here)`: a trial another sweep of the
  /// spec (or an overlapping shard) finished first, whose results this one takes as they are.
  public static func takenLine(_ trial: String) -> String {
    "trial \(trial) done by another process (not run here)"
  }

  /// `waiting for trial 253c469eb924 (12s so far), locked by process 28233 (stopped; …)`.
  public static func waitingLine(trial: String, holder: Int32, stopped: Bool, seconds: Double)
    -> String
  {
    let process = holder > 0 ? "process \(holder)" : "another process"
    let state =
      stopped
      ? "stopped; it goes on when that process is resumed (fg, kill -CONT \(holder)) or ends"
      : "running"
    return
      "waiting for trial \(trial) (\(ProgressText.duration(seconds)) so far), locked by \(process) (\(state))"
  }

  /// The failed trials `result` lists by name.
  static let failedShown = 20

  /// What the sweep did, for stdout; `retryCommand`, the command that runs the failed trials
  /// again (`runner sweep SPEC … --retry-failed`), follows the failures when there are any.
  public static func result(_ outcome: SweepOutcome, retryCommand: String? = nil) -> String {
    var lines: [String] = []
    let failed = outcome.failed.count
    let rungs = outcome.rungRuns.map { rungLines(outcome, $0) }
    lines.append(
      rungs?.ran
        ?? "ran \(outcome.finished.count) trial\(outcome.finished.count == 1 ? "" : "s") (\(outcome.finished.count - failed) ok, \(failed) failed), skipped \(outcome.skipped) already complete"
    )
    // The first failures, not thousands of lines: summary.csv has every trial's reason.
    for status in outcome.failed.prefix(failedShown) {
      lines.append("  failed \(status.trial): \(status.reason)")
    }
    if failed > failedShown {
      lines.append(
        "  … and \(failed - failedShown) more failed trials (each one's reason is in summary.csv)")
    }
    let before = outcome.preview.trials.filter {
      if case .failed = $0.state { true } else { false }
    }.count
    if before > 0 {
      lines.append(
        "  \(before) "
          + (before == 1
            ? "trial failed in an earlier run and was" : "trials failed in an earlier run and were")
          + " not run again (each one's reason is in summary.csv)")
    }
    if failed + before > 0, let retryCommand {
      lines.append("  run the failed trials again: `\(retryCommand)`")
    }
    if outcome.cancelled {
      // Ctrl-C, or the `--timeout` budget spent: the line a re-run starts from.
      let why = outcome.spentBudget.map { "time budget of \(SweepTimeout.text($0)) spent" }
      lines.append(
        (why ?? "interrupted") + ": "
          + (rungs?.notStarted
            ?? "\(outcome.notStarted) trial\(outcome.notStarted == 1 ? "" : "s") not started; re-run the same command to resume")
      )
    }
    lines.append(
      rungs?.complete
        ?? "\(outcome.completeInFolder) of \(outcome.preview.sweepTrials) trials complete in \(outcome.directory)"
    )
    lines.append(summaryLine(outcome))
    if let halving = outcome.halving { lines.append(halving) }
    if let best = outcome.best { lines.append(best.line) }
    return lines.joined(separator: "\n")
  }

  /// What a sweep that ends with its output lost (stdout closed, a full disk) wrote: `the
  /// sweep's results are complete in <folder>`, this shard's trials for a shard, or the trials
  /// finished so far for a sweep stopped early (a re-run resumes it).
  public static func keptLine(_ outcome: SweepOutcome) -> String {
    if outcome.cancelled {
      return "the trials finished so far are kept in \(outcome.directory) (re-run the same "
        + "command to resume)"
    }
    return outcome.preview.shard.count > 1
      ? "shard \(outcome.preview.shard)'s trials are complete in \(outcome.directory)"
      : "the sweep's results are complete in \(outcome.directory)"
  }

  /// `summary: <folder>/summary.csv`; for an adaptive sweep stopped before its first rung was
  /// complete (its summary.csv the header only, no report), where its complete trials are.
  static func summaryLine(_ outcome: SweepOutcome) -> String {
    guard let (folder, complete) = outcome.firstRung else { return "summary: \(outcome.summary)" }
    let waiting =
      "summary: none yet, no rung is complete (the sweep's summary.csv and report are written "
      + "once its first rung is)"
    guard complete > 0 else { return waiting }
    let rung = (outcome.directory as NSString).appendingPathComponent(folder)
    return waiting + "; the \(complete) trial\(complete == 1 ? "" : "s") of \(folder)/ complete "
      + "so far: \((rung as NSString).appendingPathComponent("summary.csv"))"
  }

  /// What a merge did, for stdout.
  public static func mergeResult(_ outcome: MergeOutcome) -> String {
    var lines = [
      "merged into \(outcome.directory): copied \(outcome.copied) trial\(outcome.copied == 1 ? "" : "s"); \(outcome.complete) of \(outcome.planned)\(outcome.batches == nil ? "" : " suggested so far") complete"
    ]
    // An adaptive sweep in trial runs per rung, as `runner sweep` counts it: its rungs run
    // round by round, so all of the configurations can be present with rungs still to run.
    if let runs = outcome.rungRuns {
      let copied = "\(outcome.copied) trial run\(outcome.copied == 1 ? "" : "s")"
      lines = ["merged into \(outcome.directory): copied \(copied); " + completeLine(runs, in: nil)]
      let rounds = roundsLeft(runs)
      if outcome.missing.isEmpty, rounds > 0, outcome.roundCommands.count >= 2 {
        lines.append(
          "not complete yet: \(rounds) more round\(rounds == 1 ? "" : "s") (one per rung) of the "
            + "shards: \(roundAdvice(outcome)), then merge again (docs/sweeps.md "
            + "\"Adaptive sweeps: one round per rung\"); or finish it here, unsharded: "
            + "`\(outcome.roundCommands.last!)`")
      }
    }
    if let batches = batchesLeft(outcome) { lines.append(batches) }
    if !outcome.missing.isEmpty {
      let shown = outcome.missing.prefix(10).joined(separator: ", ")
      lines.append(
        "missing \(outcome.missing.count) trial\(outcome.missing.count == 1 ? "" : "s"): \(shown)\(outcome.missing.count > 10 ? ", …" : "")\(missingAdvice(outcome.missingShards))"
      )
    }
    if !outcome.failed.isEmpty {
      let shown = outcome.failed.prefix(10).map { "\($0.trial) (\($0.reason))" }
      lines.append(
        "failed \(outcome.failed.count) trial\(outcome.failed.count == 1 ? "" : "s"): "
          + shown.joined(separator: "; ") + (outcome.failed.count > 10 ? "; …" : "")
          + " (recorded in summary.csv; run them again in the merged folder: `"
          + ShardRecord.sweepCommand(for: URL(fileURLWithPath: outcome.directory))
          + " --retry-failed`)")
    }
    if let best = outcome.best { lines.append(best.line) }
    return lines.joined(separator: "\n")
  }

  /// How a merge's missing trials are run (after the list of them): `; run their shard, then
  /// merge again: `runner sweep …` (shard 1/2, …)`, each shard that holds them with its command
  /// (its own when its folder was merged, else one whose results folder is to fill in); ` (run
  /// their shards, then merge again)` when the shards cannot be told.
  static func missingAdvice(_ shards: [MissingShard]) -> String {
    guard !shards.isEmpty else { return " (run their shards, then merge again)" }
    let runs = shards.map { shard in
      "`\(shard.command)` (shard \(shard.shard), "
        + (shard.folder.map { "not complete in \($0))" }
          ?? "whose folder this merge was not given: SHARD_RESULTS is the results folder it "
          + "writes)")
    }
    let one = shards.count == 1
    let again =
      shards.contains { $0.folder == nil }
      ? "merge again with \(one ? "its sweep folder" : "their sweep folders")" : "merge again"
    return "; run their shard\(one ? "" : "s"), then \(again): \(runs.joined(separator: "; "))"
  }

  /// What each shard runs in a further round, from a merge's `commands` (the unsharded one
  /// last): `run `…` there` for one to fill in, else each shard's own command.
  static func shardRound(_ commands: [String]) -> String {
    let shards = commands.dropLast()
    guard shards.count > 1 else { return "run `\(shards.first ?? "")` there" }
    return "run its own command there (\(shards.map { "`\($0)`" }.joined(separator: "; ")))"
  }

  /// `1.2 G`, `340 M`, `5.1 k` operations.
  /// What an unmeasured cost assumes: `10 G/s per job plus 10 µs per optimizer step and 30 ms
  /// per trial` (`SweepCost`'s figures).
  static var assumption: String {
    "\(operations(SweepCost.assumedArithmeticRate))/s per job plus "
      + "\(Int((SweepCost.assumedStepSeconds * 1e6).rounded())) µs per optimizer step and "
      + "\(Int((SweepCost.assumedTrialSeconds * 1e3).rounded())) ms per trial"
  }

  static func operations(_ value: Double) -> String {
    let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
    for (scale, unit) in units where value >= scale {
      return String(format: "%.3g", value / scale) + " " + unit
    }
    return String(format: "%.0f", value)
  }

  private static func state(_ state: SweepPreview.Trial.State) -> String {
    switch state {
    case .pending: "to run"
    case .done: "done"
    case .failed: "failed"
    }
  }
}
