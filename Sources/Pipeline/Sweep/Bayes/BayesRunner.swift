import Conventions
import Foundation
import Reports
import Specs

/// Runs a `method: bayes` sweep batch after batch (docs/sweeps.md): batch 0 is the startup
/// random trials; each later batch is TPE's suggestions from the finished trials of the batches
/// before it, read from disk, with an RNG seeded from the sweep's seed and the batch number. The
/// sweep folder is an ordinary sweep folder whose `plan.csv` grows by a batch at a time, plus
/// `batches.csv`. A batch that is not complete (Ctrl-C, `kill -9`) stops the run; a re-run
/// replays the complete batches as `batches.csv` and `plan.csv` record them (the suggestions they
/// were, whatever trial was retried since), finishes it and goes on. So a
/// seed gives the same trials and files whatever `--jobs`, the finishing order or a resume. A
/// shard runs its part of the current batch and stops; shards are merged batch by batch.
enum BayesRunner {
  /// Where a bayes sweep stands on disk.
  struct State {
    /// The sweep with every trial suggested so far.
    var sweep: PreparedSweep
    /// The batch of each trial suggested so far.
    var batchOf: [String: Int]
    /// The batch to run: the first incomplete one, else the last.
    var batch: Int
    /// The batch plan.
    let plan: BayesBatches

    /// Whether every trial suggested so far is complete on disk.
    var isComplete: Bool { sweep.summary.completeCount == sweep.plan.trials.count }

    /// The sweep's last line: the batches run, or, stopped early (`--timeout`, Ctrl-C), the
    /// trials run of those suggested and how far the current batch got, as the halving line
    /// says of a rung: `bayes: 12 of 16 suggested trials run, batch 2 not started (8 random,
    /// then TPE)`. A suggested trial that never ran is not counted as run.
    var summaryLine: String {
      let random = "(\(batchOf.values.filter { $0 == 0 }.count) random, then TPE)"
      let (suggested, run) = (sweep.plan.trials.count, sweep.summary.completeCount)
      if run == suggested {
        return "bayes: \(suggested) trials in \(batch + 1) of \(plan.sizes.count) batches \(random)"
      }
      let current = batchOf.filter { $0.value == batch }.map(\.key)
      let left = current.filter { sweep.summary.status($0) == nil }.count
      let state =
        left == current.count
        ? "not started" : "partly run: \(left) of its \(current.count) trials still to run"
      return "bayes: \(run) of \(suggested) suggested trials run, batch \(batch) of batches "
        + "0-\(plan.sizes.count - 1) \(state) \(random)"
    }
  }

  static func run(
    _ prepared: PreparedSweep, options: SweepOptions, observer: @escaping SweepObserver
  ) throws(SweepError) -> SweepOutcome {
    let hook = CrashHook(environment: options.run.environment)
    // The plan on disk before this run rewrites it a batch at a time, and the trials
    // `batches.csv` records (a later batch's, replayed once an earlier one is complete again).
    let onDisk =
      ((try? SweepPlanFile.read(prepared.layout)).map(SweepPlanFile.trialIDs) ?? [])
      + BayesBatches.recordedTrials(
        in: prepared.layout, settings: BayesBatches.settings(of: prepared.plan.base.spec)
      ).values.joined()
    var state = try replay(prepared, options: options)
    var finished: [TrialStatus] = []
    while true {
      // The trials the batch has (startup draws that repeat one, and suggestions of a space
      // that ran out, are not trials).
      let size = state.batchOf.values.filter { $0 == state.batch }.count
      let what =
        size == 0 && state.batch > 0
        ? "no TPE trial left to suggest (every combination of the swept values is a trial)"
        : "\(size) \(state.batch == 0 ? "random" : "TPE") trial\(size == 1 ? "" : "s")"
      observer(.note("batch \(state.batch) of batches 0-\(state.plan.sizes.count - 1): " + what))
      let recorded = FileManager.default.fileExists(atPath: state.sweep.layout.batches.path)
      try record(state, hook: hook, ifFolderExists: true)
      state.sweep.replayedTrials = Set(onDisk)
      state.sweep.batchesFollow = state.batch + 1 < state.plan.sizes.count
      var outcome = try SweepRunner.execute(
        state.sweep, options: options, crashHook: hook, observer: observer)
      try record(state, hook: hook, ifFolderExists: false)
      finished += outcome.finished
      state.sweep.summary.refreshAll(in: state.sweep.layout)
      // The sweep's first report was written before batches.csv, which tells it the plan grows.
      if !recorded {
        let continuing = state.sweep.batchesFollow && state.isComplete && !outcome.cancelled
        do {
          if let kept = try SweepReport.rebuild(in: state.sweep.layout, continuing: continuing) {
            observer(.note(kept))
          }
        } catch { throw .results(error) }
      }
      let last = state.batch + 1 == state.plan.sizes.count
      if last || !state.isComplete || outcome.cancelled {
        outcome.finished = finished
        outcome.skipped = max(0, outcome.completeInFolder - finished.count)
        // The batches after this one are planned too (at most their sizes): a stopped sweep
        // did not start them.
        let later = state.plan.sizes.dropFirst(state.batch + 1).reduce(0, +)
        if outcome.cancelled { outcome.notStarted += later }
        outcome.preview.sweepTrials = state.sweep.plan.trials.count + later
        outcome.halving = state.summaryLine
        return outcome
      }
      try advance(&state, options: options)
    }
  }

  /// `--dry-run`: the trials suggested so far (those of the batch to run pending) and the plan.
  static func preview(_ prepared: PreparedSweep, options: SweepOptions) throws(SweepError)
    -> SweepPreview
  {
    let state = try replay(prepared, options: options)
    var preview = state.sweep.preview(
      jobs: options.jobs, retryFailed: options.retryFailed, estimateCost: true)
    let axes = prepared.plan.base.spec.sweep?.axes ?? []
    let space = axes.reduce(1.0) { $0 * Double($1.count ?? Int.max) }
    preview.batches = state.plan.text(
      complete: state.batch + (state.isComplete ? 1 : 0),
      distinct: state.batchOf.values.filter { $0 == 0 }.count,
      space: space < Double(Int.max) ? Int(space) : nil)
    return preview
  }

  /// The state on disk: batch 0, then each batch suggested from the complete batches before it,
  /// up to the first incomplete batch (or the last).
  static func replay(_ prepared: PreparedSweep, options: SweepOptions) throws(SweepError)
    -> State
  {
    let plan = BayesBatches(prepared.plan.base.spec.sweep ?? SweepSpec())
    var state = State(
      sweep: prepared, batchOf: Dictionary(prepared.plan.trials.map { ($0.id, 0) }) { a, _ in a },
      batch: 0, plan: plan)
    while state.isComplete && state.batch + 1 < plan.sizes.count {
      try advance(&state, options: options)
    }
    return state
  }

  /// Adds the next batch's suggestions, made from the trials complete on disk.
  static func advance(_ state: inout State, options: SweepOptions) throws(SweepError) {
    state.batch += 1
    let current = state.sweep
    let sweep = current.plan.base.spec.sweep ?? SweepSpec()
    let taken = Set(current.plan.trials.map { trial in trial.assignments.map(\.value) })
    var rng = SplitMix64(seed: BayesBatches.seed(sweep.seed, batch: state.batch))
    let size = state.plan.sizes[state.batch]
    let settings = BayesBatches.settings(of: current.plan.base.spec)
    let suggest = { (rng: inout SplitMix64) in
      TPESampler(axes: sweep.axes).suggest(
        size, after: current.observations, taken: taken, rng: &rng)
    }
    var combos: [[SpecValue]]
    if let recorded = BayesBatches.recorded(
      state.batch, in: current.layout, axes: sweep.axes, settings: settings)
    {
      combos = recorded
      // The last recorded batch, smaller than planned (`trials` was raised since): the same
      // suggestions again (they begin with the recorded ones), the rest completing the batch.
      if !recorded.isEmpty, recorded.count < size,
        BayesBatches.recorded(
          state.batch + 1, in: current.layout, axes: sweep.axes, settings: settings) == nil
      {
        combos += suggest(&rng).dropFirst(recorded.count).filter { !recorded.contains($0) }
      }
    } else {
      combos = suggest(&rng)
    }
    let first = (current.plan.trials.map(\.index).max() ?? -1) + 1
    let new: [SweepTrial]
    do {
      new = try SweepPlanner.trials(
        combos, of: current.plan, first: first, options: options.run.spec
      ).filter { state.batchOf[$0.id] == nil }
    } catch { throw .spec(error) }
    for trial in new { state.batchOf[trial.id] = state.batch }
    state.sweep = try current.with(trials: current.plan.trials + new)
  }

  /// Writes `batches.csv` (when `ifFolderExists`, only into an existing sweep folder).
  private static func record(_ state: State, hook: CrashHook, ifFolderExists: Bool)
    throws(SweepError)
  {
    let layout = state.sweep.layout
    if ifFolderExists && ResultsFolderKind.of(layout.directory) != .sweep { return }
    do {
      try SweepFile.write(
        BayesBatches.table(
          state.batchOf, through: state.batch, planned: state.plan.sizes.count,
          order: Dictionary(state.sweep.plan.trials.map { ($0.id, $0.index) }) { a, _ in a },
          settings: BayesBatches.settings(of: state.sweep.plan.base.spec)
        ).rendered, to: layout.batches, point: "batches",
        hook: hook)
    } catch { throw .results(error) }
  }
}

extension BayesRunner {
  /// Writes again the damaged `plan.csv` (`fault(in:settings:)`) of the sweep's own folder as
  /// any sweep does (`DamagedPlan.rebuild`: under the locks a sweep starts under, its damaged
  /// bytes kept, only where every complete trial is the replayed plan's or one the folder's own
  /// files record), by replaying its batches (`replay`: batch 0 from the spec and its seed, each
  /// later one suggested from the complete trials' results); returns the note saying so, nil
  /// when the plan is whole or the folder is not the sweep's. Refused, the folder untouched,
  /// when a replayed batch suggests other trials than `batches.csv` records for it: a result
  /// it was suggested from has changed since (a trial retried), and only the plan held the
  /// values of the trials it suggested.
  static func rebuildPlan(_ prepared: PreparedSweep, options: SweepOptions) throws(SweepError)
    -> String?
  {
    let layout = prepared.layout
    let settings = BayesBatches.settings(of: prepared.plan.base.spec)
    return try DamagedPlan.rebuild(
      layout, root: prepared.context.resultsRoot,
      how: "by replaying its batches from the spec, its seed and the complete trials' results",
      fault: { fault(in: $0, settings: settings) },
      plan: { damage throws(SweepError) -> CSVTable in
        try replayedPlan(prepared, options: options, damage: damage)
      })
  }

  /// The plan of `prepared` replayed (`replay`), its plan damaged (`damage`); refused when a
  /// replayed batch suggests other trials than `batches.csv` records for it.
  private static func replayedPlan(
    _ prepared: PreparedSweep, options: SweepOptions, damage: String
  ) throws(SweepError) -> CSVTable {
    let layout = prepared.layout
    let recorded = BayesBatches.recordedTrials(
      in: layout, settings: BayesBatches.settings(of: prepared.plan.base.spec))
    let state = try replay(prepared, options: options)
    for batch in 0...state.batch {
      guard let ids = recorded[batch] else { continue }
      let replayed = state.sweep.plan.trials.filter { state.batchOf[$0.id] == batch }
        .sorted { ($0.index, $0.id) < ($1.index, $1.id) }.map(\.id)
      // A batch made smaller or larger since (`trials` changed) begins with the same trials.
      let common = min(ids.count, replayed.count)
      guard ids.prefix(common) != replayed.prefix(common) else { continue }
      throw .folder(
        .damagedPlan(
          path: layout.directory.path, damage: damage,
          remedy: unreplayable(batch: batch, recorded: ids, replayed: replayed)))
    }
    return state.sweep.planTable
  }

  /// What is wrong with the `plan.csv` of the bayes sweep folder `directory` (its form,
  /// `DamagedPlan.formFault`), else the trials `batches.csv` (of the spec's `settings`) records
  /// of the batches before its last that the plan lacks, else what it disagrees with
  /// `summary.csv` on (`DamagedPlan.disagreement`); nil when it is whole. The last recorded
  /// batch's trials missing alone is no damage: `batches.csv` records a batch before `plan.csv`
  /// lists its trials, so a sweep killed in between resumes as any interrupted batch does.
  private static func fault(in directory: URL, settings: String) -> String? {
    let plan: CSVTable
    switch DamagedPlan.formFault(in: directory) {
    case .failure(let fault): return fault.text
    case .success(let table): plan = table
    }
    let recorded = BayesBatches.recordedTrials(
      in: SweepLayout(directory: directory), settings: settings)
    let missing = Set(recorded.values.joined()).subtracting(SweepPlanFile.trialIDs(plan))
    let last = recorded.keys.max().flatMap { recorded[$0] } ?? []
    if !missing.isEmpty, !missing.isSubset(of: last) {
      return "lacks \(missing.count) of the trials batches.csv records"
    }
    return DamagedPlan.disagreement(plan, in: directory)
  }

  /// Why a bayes plan cannot be written again, and what to do, keeping the trials.
  private static func unreplayable(batch: Int, recorded: [String], replayed: [String])
    -> String
  {
    func list(_ ids: [String]) -> String {
      ids.prefix(4).joined(separator: ", ") + (ids.count > 4 ? ", …" : "")
    }
    return "it cannot be written again: batches.csv records batch \(batch)'s trials as "
      + "\(recorded.isEmpty ? "none" : list(recorded)), where replaying the batches from the spec, its "
      + "seed and the complete trials' results suggests \(replayed.isEmpty ? "none" : list(replayed)) (a trial "
      + "an earlier batch was suggested from has other results now, e.g. one run again with "
      + "--retry-failed), and only plan.csv held the values of the trials it suggested: "
      + "restore plan.csv (e.g. from a backup) and run the same command again; or, to suggest "
      + "the later batches again from the results as they are now, move batches.csv away "
      + "(every trial folder is kept; those no longer suggested are left out of summary.csv)"
  }
}
