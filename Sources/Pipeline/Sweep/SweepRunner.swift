import Conventions
import Datasets
import Foundation
import Reports
import Specs

/// Runs sweeps: expands `sweep:` into trials, runs this process's shard of them in parallel
/// (skipping complete trials), and writes one folder per trial plus `plan.csv` and the sweep
/// `summary.csv` (docs/sweeps.md).
public enum SweepRunner {
  /// What `--dry-run` shows: the shard's trials, their state on disk and an estimated cost.
  /// Writes nothing.
  public static func preview(specPath: String, options: SweepOptions) throws(SweepError)
    -> SweepPreview
  {
    try validate(options)
    let prepared = try PreparedSweep(specPath: specPath, options: options)
    // What the sweep would refuse as protected is listed with a note: a listing writes nothing.
    var protected = try checkFolder(prepared)
    if protected == nil {
      do {
        try prepared.refuseProtectedTrials(retryFailed: options.retryFailed)
        try prepared.refuseProtectedLaterTrials(retryFailed: options.retryFailed)
      } catch {
        // (On a read-only file system, `.unusable`: `protectedNote` says so.)
        switch error {
        case .writeProtected(let path), .unusable(let path, _):
          protected = URL(fileURLWithPath: path)
        default: throw .folder(error)
        }
      }
    }
    // What the sweep would refuse, the preview refuses too, when its data is there to check.
    var failing: [(id: String, reason: String)] = []
    do {
      try prepared.checkTrialInits(retryFailed: options.retryFailed)
      // It runs nothing, so it downloads nothing: data not downloaded yet is not checked.
      let configurations = prepared.dataConfigurations(retryFailed: options.retryFailed)
      if prepared.pendingDownloads(
        retryFailed: options.retryFailed, configurations: configurations
      ).isEmpty {
        try prepared.checkSharedData()
        failing = try prepared.checkTrialData(
          strict: options.run.spec.strict, retryFailed: options.retryFailed,
          jobs: options.jobs, configurations: configurations)
      }
    } catch .spec(let error) { throw .spec(error) } catch {}
    let note = protected.map { protectedNote($0) }
    if prepared.plan.base.spec.sweep?.method == .bayes {
      var preview = try BayesRunner.preview(prepared, options: options).marking(failing)
      preview.notes += [note].compactMap { $0 }
      return preview
    }
    let isHyperband = prepared.plan.base.spec.sweep?.method == .hyperband
    var listed = prepared
    var drawn: (states: [String: SweepPreview.Trial.State], count: Int) = ([:], 0)
    if isHyperband {
      drawn = try bracketTrialStates(prepared, retryFailed: options.retryFailed)
      listed.shardTrials = prepared.plan.trials.filter { drawn.states[$0.id] != nil }
    }
    var preview = listed.preview(
      jobs: options.jobs, retryFailed: options.retryFailed, estimateCost: true)
    if let rungs = prepared.halving {
      let complete = try HalvingRunner.progress(prepared, rungs)
      preview.rungs = (rungs, prepared.budgetUnit, complete)
      try markRungZeroStates(&preview, prepared, rungs, retryFailed: options.retryFailed)
      preview.estimate(
        plans: [(rungs, complete)], largest: rungs.rungs.last?.budget ?? 1,
        own: prepared.trialBudget)
    }
    if isHyperband {
      preview.brackets = try prepared.bracketProgress()
      preview.unit = prepared.budgetUnit
      for index in preview.trials.indices {
        preview.trials[index].state = drawn.states[preview.trials[index].id] ?? .pending
      }
      (preview.drawnFrom, preview.sweepTrials) = (preview.sweepTrials, drawn.count)
      preview.estimate(
        plans: preview.brackets.map { ($0.plan, $0.complete) },
        largest: preview.brackets.first?.plan.rungs.last?.budget ?? 1,
        own: prepared.trialBudget)
    }
    preview.notes += [note].compactMap { $0 }
    return preview.marking(failing)
  }

  /// Hyperband trains only the trials drawn into its brackets: this shard's, each pending while
  /// it waits in the first rung of a bracket it starts in, and how many are drawn in all.
  static func bracketTrialStates(_ prepared: PreparedSweep, retryFailed: Bool)
    throws(SweepError) -> (states: [String: SweepPreview.Trial.State], count: Int)
  {
    var states: [String: [SweepPreview.Trial.State]] = [:]
    let brackets = HyperbandRunner.brackets(prepared)
    for bracket in brackets {
      let sub = try prepared.bracket(bracket.s, rungs: bracket.rungs, trials: bracket.ids)
      guard let zero = (sub.halving ?? bracket.rungs).rungs.first else { continue }
      let first = try sub.rung(zero, trials: Set(bracket.ids))
      for trial in sub.shardTrials {
        let status = first.summary.status(trial.id).flatMap { retryFailed && $0.failed ? nil : $0 }
        states[trial.id, default: []].append(
          status.map { $0.failed ? .failed(reason: $0.reason) : .done } ?? .pending)
      }
    }
    let merged = states.mapValues { all in
      all.first { $0 == .pending } ?? all.first { $0 != .done } ?? .done
    }
    return (merged, Set(brackets.flatMap(\.ids)).count)
  }

  /// Successive halving keeps its trials in `rung-<r>/`, and every trial of the grid trains
  /// in rung 0: a trial's state there is its state in the listing.
  static func markRungZeroStates(
    _ preview: inout SweepPreview, _ prepared: PreparedSweep, _ rungs: HalvingRungs,
    retryFailed: Bool
  ) throws(SweepError) {
    guard let zero = rungs.rungs.first else { return }
    let first = try prepared.rung(zero, trials: Set(prepared.plan.trials.map(\.id)))
    for index in preview.trials.indices {
      guard let status = first.summary.status(preview.trials[index].id),
        !(retryFailed && status.failed)
      else { continue }
      preview.trials[index].state = status.failed ? .failed(reason: status.reason) : .done
    }
  }

  /// Runs the sweep. A failing trial is recorded and the sweep goes on; only trouble that stops
  /// every trial (a bad spec, an unwritable folder) throws. After a cancellation, or once the
  /// `timeout` is spent, the trials already running finish and are recorded; the rest run on
  /// the next invocation.
  public static func run(
    specPath: String, options: SweepOptions, observer: @escaping SweepObserver = { _ in }
  ) throws(SweepError) -> SweepOutcome {
    let said = SweepWarnings()
    var outcome = try runTrials(
      specPath: specPath, options: options,
      observer: { event in
        said.record(event)
        observer(event)
      })
    outcome.warnings = options.run.environmentWarnings + said.all
    return outcome
  }

  /// `run` without collecting the warnings it gives.
  private static func runTrials(
    specPath: String, options: SweepOptions, observer: @escaping SweepObserver
  ) throws(SweepError) -> SweepOutcome {
    try validate(options)
    if let timeout = options.timeout {
      options.cancellation.stop(
        at: options.clock().addingTimeInterval(timeout), clock: options.clock)
    }
    var prepared = try PreparedSweep(specPath: specPath, options: options)
    defer { SweepWriters.leave(prepared.layout.directory) }
    do {
      try ResultsFolderKind.refuseLink(prepared.layout.directory, for: "runner sweep")
      // Its folder, or a file of it the sweep rewrites, write-protected: refused before any
      // trial runs (tester BB F10), as `--dry-run` and `validate` refuse it.
      try prepared.layout.refuseProtected()
      // A protected trial folder it would run again too (a grid's, a random search's), and
      // those a later rung or batch would (`AdaptiveProtection`).
      try prepared.refuseProtectedTrials(retryFailed: options.retryFailed)
      try prepared.refuseProtectedLaterTrials(retryFailed: options.retryFailed)
    } catch {
      throw .folder(error)
    }
    // An unusable results root is refused before any data is loaded; removed again when the
    // sweep stops before writing.
    let parent: ResultsParent
    do { parent = try ResultsParent.prepare(for: prepared.layout.directory) } catch {
      throw .folder(error)
    }
    do throws(SweepError) {
      // A shard starting its folder beside a copy of this sweep under another name (a merged
      // folder copied as `merged/x` names it) does not continue from it: said at once.
      if prepared.shard.count > 1,
        [.missing, .empty].contains(ResultsFolderKind.of(prepared.layout.directory)),
        let warning = SweepText.namesakeWarning(
          prepared.layout.directory, output: prepared.plan.base.spec.output,
          namesakes: SweepName.namesakes(
            of: prepared.layout.directory, output: prepared.plan.base.spec.output))
      {
        observer(.note(warning))
      }
      // A merged folder copied into this sweep's folder rather than over it: said at once.
      if let warning = SweepText.nestedCopyWarning(
        prepared.layout.directory,
        nested: SweepName.nestedCopies(
          in: prepared.layout.directory, output: prepared.plan.base.spec.output))
      {
        observer(.note(warning))
      }
      try prepared.checkTrialInits(retryFailed: options.retryFailed)
      // Before the shared data is loaded: refused when no trial would fit in memory.
      try prepared.checkSomeTrialFits(jobs: options.jobs, retryFailed: options.retryFailed)
      // Each trial's data configuration, mapped once for the download and the data check.
      let configurations = prepared.dataConfigurations(retryFailed: options.retryFailed)
      try prepared.fetchPending(
        retryFailed: options.retryFailed, cancellation: options.cancellation,
        configurations: configurations, observer: observer)
      // Stopped while downloading (`--timeout` spent): no trial starts, and checking the data
      // would download the rest.
      if !options.cancellation.isCancelled {
        try prepared.checkSharedData()
        let failing = try prepared.checkTrialData(
          strict: options.run.spec.strict, retryFailed: options.retryFailed,
          jobs: options.jobs, configurations: configurations)
        if let note = SweepText.failingOnData(
          failing, pending: prepared.pendingCount(options), name: prepared.plan.base.spec.name)
        {
          observer(.note(note))
        }
      }
      // From here on an existing sweep folder may be repaired (its plan, staged trials).
      if FileManager.default.fileExists(atPath: prepared.layout.directory.path) {
        SweepWriters.beginWriting()
      }
      let stale = StaleData.warnings(prepared) { [prepared] in prepared.hasTrialsLeft(options) }
      for warning in stale { observer(.note(warning)) }
      // The sweep's own folder with its plan damaged (deleted, emptied, other bytes or rows):
      // the plan is written again as the sweep makes it, and the trials are kept.
      let rebuilt =
        prepared.plan.base.spec.sweep?.method == .bayes
        ? try BayesRunner.rebuildPlan(prepared, options: options)
        : try DamagedPlan.rebuild(
          prepared.layout, root: prepared.context.resultsRoot, how: "from the spec and its seed",
          // An adaptive sweep's summary merges its rungs' (or brackets'): its own to write.
          summary: prepared.plan.base.spec.sweep?.method.isAdaptive == true
            ? nil : { [prepared] in prepared.summary.table.rendered },
          plan: { [prepared] _ in prepared.planTable })
      if let rebuilt {
        observer(.note(rebuilt))
        prepared.summary.refreshAll(in: prepared.layout)
      }
      // A killed process's staging folders, a complete trial's too, at the start and the end
      // (its pid may be taken until it is reaped): a trial put back is complete again. Not in
      // a shard: shards on other machines share the folder, and their live pids are not seen
      // here (a flock may be local to each machine); each trial's are settled as it runs, and
      // `runner merge` settles every trial's.
      let ids = prepared.shard.count == 1 ? prepared.plan.trials.map(\.id) : nil
      if let ids {
        let start = StaleFiles.settleAllStaging(in: prepared.layout.directory, trials: ids)
        for note in start.notes { observer(.note(note)) }
        if start.found { prepared.summary.refreshAll(in: prepared.layout) }
      }
      defer {
        if let ids {
          let end = StaleFiles.settleAllStaging(in: prepared.layout.directory, trials: ids)
          for note in end.notes { observer(.note(note)) }
          // The temporaries and locks of a sweep killed while this one ran (its
          // `.sweep-<pid>.lock`), as at the start.
          if ResultsFolderKind.of(prepared.layout.directory) == .sweep {
            StaleFiles.removeTemporaries(in: prepared.layout.directory)
          }
        }
      }
      var outcome: SweepOutcome
      if prepared.plan.base.spec.sweep?.method == .bayes {
        outcome = try BayesRunner.run(prepared, options: options, observer: observer)
      } else if prepared.plan.base.spec.sweep?.method == .hyperband {
        outcome = try HyperbandRunner.run(prepared, options: options, observer: observer)
      } else if prepared.halving != nil {
        outcome = try HalvingRunner.run(prepared, options: options, observer: observer)
      } else {
        outcome = try execute(prepared, options: options, observer: observer)
      }
      if outcome.cancelled && options.cancellation.timedOut {
        outcome.spentBudget = options.timeout
      }
      // Trials made in other numeric environments (a resume on another machine) or by other
      // runner versions are said, as `runner merge` says them.
      let folder = URL(fileURLWithPath: outcome.directory, isDirectory: true)
      if let note = RunEnvironment.mixedNote(folder, .resumed)
        ?? RunEnvironment.elsewhereNote(
          folder, current: RunEnvironment.currentNumericEnvironment(threads: prepared.threads))
      {
        observer(.note(note))
      }
      if let note = RunEnvironment.versionsNote(folder, .resumed) { observer(.note(note)) }
      return outcome
    } catch {
      parent.removeIfUnused()
      throw keptTrials(error, in: prepared.layout.directory)
    }
  }

  /// `error`, when a data file changed during the sweep, with how many of the complete trials
  /// in the sweep folder `folder` trained on its earlier content.
  static func keptTrials(_ error: SweepError, in folder: URL) -> SweepError {
    switch error {
    case .aborted(let trial, .dataChangedInSweep(let change)):
      .aborted(trial: trial, .dataChangedInSweep(change.kept(in: folder)))
    case .summaryBehind(let inner, let summary, let listed, let complete):
      .summaryBehind(
        keptTrials(inner, in: folder), summary: summary, listed: listed, complete: complete)
    default: error
    }
  }

  /// Runs the shard's pending trials of `prepared` into its folder and rebuilds its summary
  /// and report from disk. `crashHook` (test-only) is shared by successive halving's rungs.
  static func execute(
    _ prepared: PreparedSweep, options: SweepOptions, crashHook: CrashHook? = nil,
    observer: @escaping SweepObserver
  ) throws(SweepError) -> SweepOutcome {
    let preview = prepared.preview(
      jobs: options.jobs, retryFailed: options.retryFailed, estimateCost: false)
    observer(.planned(preview))
    // Longest first (a data-free estimate), so that no long trial starts last while the other
    // jobs sit idle; ties in trial-ID order. The order changes no result.
    let pending: [SweepTrial] = prepared.shardTrials.filter {
      prepared.shouldRun($0, retryFailed: options.retryFailed)
    }
    let toRun = longestFirst(pending)
    let jobs = max(1, min(options.jobs, toRun.count))
    // Before any trial starts: past this limit a trial stops the sweep with "too many open files".
    if !toRun.isEmpty, let refusal = ExperimentRunner.openFileLimitRefusal(jobs: jobs) {
      throw .openFiles(refusal)
    }
    for note in prepared.startNotes(jobs: jobs) { observer(.note(note)) }
    for damage in TrialStatus.damaged(pending.map(\.id), in: prepared.layout) {
      observer(.note("note: \(damage); running it again"))
    }
    // Trials running at once share the memory; each is checked against its share.
    let budget: MemoryBudget
    do {
      budget = prepared.plan.trialBudget(
        try MemoryBudget.current(environment: options.run.environment), jobs: jobs)
    } catch {
      throw .usage(error.description)
    }
    let hook = crashHook ?? CrashHook(environment: options.run.environment)
    let layout = prepared.layout
    try prepared.rebuildSubfolderPlan(observer: observer)
    // Only a sweep folder (or a new or empty one) receives a sweep.
    do {
      try UnstartedSubfolder.requireSweepFolder(
        layout.directory, plannedTrials: prepared.plannedSubfolderTrials, for: "runner sweep")
    } catch { throw .folder(error) }
    // A live sweep's larger plan, which `SweepFile.startFolder` keeps, covers its trials too.
    let kept =
      SweepWriters.others(in: layout.directory).isEmpty
      ? prepared.planTable : SweepPlanFile.whole(in: layout, holding: prepared.planTable)
    // A bayes sweep replaying its batches meets the later batches' own trials: no strays.
    let strays = EarlierTrials.find(in: layout.directory, plan: kept).filter {
      !prepared.replayedTrials.contains($0)
    }
    if !strays.isEmpty {
      observer(
        .note(
          "note: \(strays.count) trial folder\(strays.count == 1 ? "" : "s") in \(layout.directory.path) \(strays.count == 1 ? "is" : "are") not in this sweep's plan (was the spec changed?) and \(strays.count == 1 ? "is" : "are") left out of summary.csv: \(strays.prefix(5).joined(separator: ", "))\(strays.count > 5 ? ", …" : "")"
        ))
    }
    try SweepFile.startFolder(
      layout, command: "runner sweep", plan: prepared.planTable.rendered,
      settings: prepared.settings.table.rendered, summary: prepared.summary.table.rendered,
      hook: hook, shard: prepared.shard, plannedSubfolder: prepared.plannedSubfolderTrials,
      root: prepared.context.resultsRoot)
    var finished: [TrialStatus] = []
    var taken = 0
    var notStarted = 0
    if !toRun.isEmpty {
      do { try ExperimentRunner.configureThreads(prepared.threads) } catch {
        throw .aborted(trial: toRun[0].id, error)
      }
      let snapshot = PreparedSweepSnapshot(
        base: prepared.plan.base, layout: layout, context: prepared.context, budget: budget,
        threads: prepared.threads, shard: prepared.shard, overrides: options.run.spec.overrides,
        continuation: prepared.continuation,
        strict: options.run.spec.strict, said: prepared.notesSaid)
      let scheduler = SweepScheduler(
        trials: toRun, executor: TrialExecutor(sweep: snapshot, hook: hook),
        summary: prepared.summary,
        layout: layout, jobs: jobs, cancellation: options.cancellation, hook: hook,
        clock: options.clock, observer: observer)
      do { (finished, taken, notStarted) = try scheduler.run() } catch {
        throw stopped(error, layout: layout, prepared: prepared, hook: hook, observer: observer)
      }
    }
    TrialWarnings.sayAgain(
      prepared.shardTrials.map(\.id), ran: Set(finished.map(\.trial)), in: layout,
      observer: observer)
    // The final summary comes from disk: every complete trial of the plan, whichever process
    // ran it; of the larger plan another live sweep wrote there, when it holds this one's.
    do { try layout.checkPresent() } catch {
      throw .folder(.removed(path: layout.directory.path))
    }
    let plan = SweepPlanFile.whole(in: layout, holding: prepared.planTable)
    var summary = SweepSummary(plan: plan, settings: prepared.settings)
    summary.refreshAll(in: layout)
    let table = summary.table
    do {
      if let kept = try SweepFile.writeSummary(table.rendered, to: layout.summary, hook: hook) {
        observer(.note(kept))
      }
      // A bayes batch whose trials are all complete: the next batch follows.
      let continuing =
        prepared.batchesFollow && summary.completeCount >= prepared.plan.trials.count
      if let kept = try SweepReport.rebuild(in: layout, continuing: continuing) {
        observer(.note(kept))
      }
    } catch { throw .results(error) }
    return SweepOutcome(
      preview: preview, directory: layout.directory.path, summary: layout.summary.path,
      finished: finished,
      skipped: prepared.shardTrials.count - toRun.count + taken, notStarted: notStarted,
      completeInFolder: SweepPlanFile.trialIDs(prepared.planTable).filter {
        summary.status($0) != nil
      }.count,
      best: SweepBest(
        summary: table, settings: prepared.settings,
        axes: Array(prepared.planTable.header.dropFirst()), folder: layout.directory))
  }

  /// `stop`, the error which stopped the sweep, once the summary and report are rewritten from the
  /// trials kept on disk (a stop comes between the summary's throttled rewrites, so it may lack
  /// the trials that finished last); when they cannot be (a full disk), the error says how
  /// many trials summary.csv lacks and how to update it.
  static func stopped(
    _ stop: SweepError, layout: SweepLayout, prepared: PreparedSweep, hook: CrashHook,
    observer: SweepObserver
  ) -> SweepError {
    // A removed folder is not written again.
    guard (try? layout.checkPresent()) != nil else { return stop }
    var summary = SweepSummary(
      plan: SweepPlanFile.whole(in: layout, holding: prepared.planTable),
      settings: prepared.settings)
    summary.refreshAll(in: layout)
    do {
      if let kept = try SweepFile.writeSummary(
        summary.table.rendered, to: layout.summary, hook: hook)
      {
        observer(.note(kept))
      }
      if let kept = try SweepReport.rebuild(in: layout) { observer(.note(kept)) }
      return stop
    } catch {
      let listed = (try? CSVTable(contentsOf: layout.summary))?.rows.count ?? 0
      guard listed < summary.completeCount else { return stop }
      return .summaryBehind(
        stop, summary: layout.summary.path, listed: listed, complete: summary.completeCount)
    }
  }

  /// Trials by decreasing estimated cost, ties in trial-ID order.
  static func longestFirst(_ trials: [SweepTrial]) -> [SweepTrial] {
    let costs: [Double] = trials.map { SweepCost.relativeCost($0.spec) }
    let order: [Int] = trials.indices.sorted { a, b in
      costs[a] != costs[b] ? costs[a] > costs[b] : trials[a].id < trials[b].id
    }
    return order.map { trials[$0] }
  }

  private static func validate(_ options: SweepOptions) throws(SweepError) {
    guard options.jobs >= 1 else {
      throw .usage(
        "--jobs must be a number of trials at once, at least 1, or -1 for every core (got "
          + "\(options.jobs))")
    }
    if let timeout = options.timeout, !(timeout > 0 && timeout.isFinite) {
      throw .usage("--timeout must be a duration longer than 0, e.g. 45s, 90m or 2h")
    }
  }
}

extension PreparedSweep {
  /// The budget the plan's trials are estimated at: a trial's own (`sweep.budget.max` in
  /// successive halving and Hyperband, whose trials are taken at it), else the spec's.
  var trialBudget: Int {
    (plan.trials.first?.spec ?? plan.base.spec).optimizer.budget.units
  }
}
