import Conventions
import Datasets
import Engine
import Foundation
import Reports
import Specs

/// A sweep ready to run: the expanded plan, this process's shard, the folder, and which of the
/// shard's trials are already complete.
struct PreparedSweep {
  var plan: SweepPlan
  let shard: Shard
  var layout: SweepLayout
  let context: ProjectContext
  /// `plan.csv`'s table.
  var planTable: CSVTable
  /// The shard's trials in trial-ID order.
  var shardTrials: [SweepTrial]
  /// The objective and axis forms (`sweep.csv`).
  var settings: SweepSettings
  /// What is on disk for the plan's trials.
  var summary: SweepSummary
  /// BLAS threads per trial (at most the CPU count).
  let threads: Int
  /// The warning when the spec asked for more threads than CPUs.
  let threadWarning: Diagnostic?
  /// hyperband: the rung plan of the bracket this sweep runs.
  var bracketRungs: HalvingRungs? = nil
  /// A successive-halving rung: what its trials do with checkpoints.
  var continuation: TrialContinuation? = nil
  /// A rung's or bracket's sweep: its folder is one the plan of the sweep folder around it
  /// makes, the runner's even before its `plan.csv` is written (`UnstartedSubfolder`).
  var isPlannedSubfolder = false
  /// The trials of a bayes sweep's plan on disk when a resume started, the later batches'
  /// included, which the batches it replays meet in the folder before suggesting them again:
  /// its own trials, not strays of another plan (empty for other sweeps).
  var replayedTrials: Set<String> = []
  /// A bayes batch with later batches to run: once its trials are complete the sweep goes on,
  /// so the report it writes then is a snapshot of a running sweep (false for other sweeps).
  var batchesFollow = false
  /// What this invocation's trials say once for the whole sweep (shared by its rungs, brackets
  /// and batches): a note on the parameters every trial starts from.
  let notesSaid = SaidOnce()

  init(specPath: String, options: SweepOptions) throws(SweepError) {
    if let refusal = ExperimentRunner.strictEnvironment(
      options.run.environmentWarnings, strict: options.run.spec.strict)
    {
      throw .usage(refusal)
    }
    shard = try Shard.resolve(explicit: options.shard, environment: options.run.environment)
    do { plan = try SweepPlanner.plan(file: specPath, options: options.run.spec) } catch {
      throw .spec(error)
    }
    let counts = Set(plan.trials.map(\.spec.threads))
    guard counts.count <= 1 else { throw .mixedThreads(counts.sorted()) }
    var asked = plan.base
    asked.spec.threads = counts.first ?? plan.base.spec.threads
    if let error = ExperimentRunner.strictThreads(asked, strict: options.run.spec.strict) {
      throw .spec(error)
    }
    let (capped, warning) = ExperimentRunner.capThreads(asked)
    threads = capped.spec.threads
    threadWarning = warning
    do {
      var context = try ProjectContext(
        specPath: specPath, environment: options.run.environment,
        resultsRoot: options.run.resultsRoot)
      // Trials reading the same data (every rung, bracket and batch) read each file once.
      if Self.sharesData(plan) { context.sourceCache = SourceCache() }
      // Every trial of this invocation trains on the data as first read, or the sweep stops.
      context.dataPin = SweepDataPin()
      self.context = context
    } catch { throw .spec(error) }
    // After the project's runner.yaml, whose errors every command gives first.
    if options.requiresSweep && plan.base.spec.sweep == nil {
      throw .usage(
        "\(specPath) has no sweep: section, so there is nothing to sweep: run it with "
          + "`\(Invocation.commandLine(["run", specPath]))` (or add a sweep: section)")
    }
    do { try OutputRepeatingRoot.check(plan.base, root: context.resultsRoot) } catch {
      throw .spec(error)
    }
    // `--set` overrides name their own folder, `<output>@<overrides>`, as for `runner run`.
    layout = SweepLayout(
      directory: RunFolderName.folder(
        output: plan.base.spec.output,
        overrides: plan.base.folderOverrides(options.run.spec.overrides),
        root: context.resultsRoot, outputFromName: plan.base.outputFromName))
    do {
      try GateBaselineOutput.check(
        plan.base, destination: layout.directory, root: context.resultsRoot)
    } catch { throw .spec(error) }
    do { try ExperimentRunner.checkNotInsideRun(layout.directory, root: context.resultsRoot) } catch
    {
      throw .folder(error)
    }
    planTable = try SweepPlanFile.table(plan)
    shardTrials = shard.share(of: plan.trials)
    let sweep = plan.base.spec.sweep ?? SweepSpec()
    settings = SweepSettings(
      objective: plan.base.spec.objectiveColumn, goal: sweep.objective.goal.rawValue,
      axisForms: sweep.axes.map { ($0.path.description, $0.form) })
    if sweep.method.isAdaptive { settings.ties = SweepSettings.tiesBySweptValues }
    // The spec's seed, which the trials derive theirs from (not when `seed` is swept): the
    // folder records it nowhere else, so a diff could not name it (tester BM-12).
    if !sweep.axes.contains(where: { $0.path.description == "seed" }) {
      settings.seed = String(plan.base.spec.seed)
    }
    summary = SweepSummary(plan: planTable, settings: settings)
    summary.refreshAll(in: layout)
  }

  /// The same sweep with `trials` (in any order) as its plan, this shard's share of them, and
  /// their summary read from `layout`'s folder (by default this sweep's): a rung, a bracket or
  /// a batch of suggestions.
  func with(trials: [SweepTrial], in layout: SweepLayout? = nil) throws(SweepError)
    -> PreparedSweep
  {
    var sub = self
    sub.plan.trials = trials.sorted { $0.id < $1.id }
    sub.layout = layout ?? self.layout
    sub.planTable = try SweepPlanFile.table(sub.plan)
    sub.shardTrials = shard.share(of: sub.plan.trials)
    sub.summary = SweepSummary(plan: sub.planTable, settings: settings)
    sub.summary.refreshAll(in: sub.layout)
    return sub
  }

  /// Whether every trial reads the same data: one data configuration (source, split,
  /// preprocessing, target kind) and one dtype.
  static func sharesData(_ plan: SweepPlan) -> Bool {
    let reads = plan.trials.map { (try? DataConfiguration($0.spec), $0.spec.dtype) }
    guard let first = reads.first, first.0 != nil else { return false }
    return reads.allSatisfy { $0.0 == first.0 && $0.1 == first.1 }
  }

  /// Refuses the sweep, located, when every trial it would run is too big for its share of the
  /// memory (`jobs` at once): estimated from the spec and the data's headers, before the shared
  /// data is loaded or the folder written, as `runner run` refuses one run. Bayes is left to its
  /// trials (TPE's later suggestions may fit).
  func checkSomeTrialFits(jobs: Int, retryFailed: Bool) throws(SweepError) {
    guard let sweep = plan.base.spec.sweep, sweep.method != .bayes else { return }
    let pending = shardTrials.filter { shouldRun($0, retryFailed: retryFailed) }
    guard !pending.isEmpty, let budget = trialBudget(jobs: jobs, pending: pending.count) else {
      return
    }
    var first: PipelineError?
    for trial in pending {
      do throws(PipelineError) {
        try ExperimentRunner.checkMemory(
          loaded(trial), context: context, budget: budget, gradientCheck: false,
          checkpoint: sweep.method.isAdaptive, trial: .some)
        return
      } catch { first = first ?? error }
    }
    guard case .spec(.invalid(var diagnostics)) = first, !diagnostics.isEmpty else {
      throw .aborted(trial: pending[0].id, first ?? .environment("no trial fits in memory"))
    }
    let count = pending.count
    let which =
      count == 1
      ? "the sweep's one trial to run, \(pending[0].id)"
      : "every one of the \(count) trials to run is too big; the first, \(pending[0].id), is shown"
    diagnostics[0].addNote(which)
    throw .spec(.invalid(diagnostics))
  }

  /// Refuses the sweep, located, when the data all its trials share does not load: a missing
  /// or broken file is reported once, before the sweep folder is written, instead of failing
  /// every trial. The samples stay in the sweep's cache.
  func checkSharedData() throws(SweepError) {
    guard context.sourceCache != nil else { return }
    do { _ = try firstTrialShape() } catch {
      if case .data = error { throw .data(error) }
    }
  }

  /// A trial's share of the memory with `jobs` of the `pending` trials run at once; nil when
  /// the limit cannot be read (the trials refuse it as they start).
  private func trialBudget(jobs: Int, pending: Int) -> MemoryBudget? {
    guard let limit = try? ExperimentRunner.memoryBudget(environment: context.environment)
    else { return nil }
    return plan.trialBudget(limit, jobs: max(1, min(jobs, pending)))
  }

  /// The trials to run that cannot train on their data, with why in one line, as `runner
  /// validate` finds them: a rule on the data broken by a swept value (an output layer against
  /// the classes, batch normalization's rows per mini-batch), data that does not load, or more
  /// classes in a file's labels than its share of the memory (`jobs` at once) holds. They
  /// fail as they run, as a failing fit does in a scikit-learn or Optuna search, and the sweep
  /// says so before it starts. Refused instead (before the folder is written) when no trial to
  /// run could train, or under `--strict`, which refuses a trial's data warning too. Each data
  /// configuration is read once; a bayes sweep's later suggestions are checked as they run.
  /// `configurations` (`dataConfigurations`) saves mapping each trial's spec again.
  func checkTrialData(
    strict: Bool, retryFailed: Bool, jobs: Int, configurations: [String: DataConfiguration] = [:]
  ) throws(SweepError) -> [(
    id: String, reason: String
  )] {
    var checked = CheckedData()
    var warnings: [Diagnostic] = []
    var failing: [(id: String, error: PipelineError)] = []
    let pending = plan.trials.filter { shouldRun($0, retryFailed: retryFailed) }
    // Each trial's share as this shard's runs give it.
    let running = shardTrials.filter { shouldRun($0, retryFailed: retryFailed) }.count
    let admission = trialBudget(jobs: jobs, pending: running).map {
      MemoryAdmission(
        budget: $0, checkpoint: plan.base.spec.sweep?.method.isAdaptive == true, trial: .some)
    }
    for trial in pending {
      do throws(PipelineError) {
        let found = try ExperimentRunner.checkData(
          loaded(trial), context: context, checked: &checked,
          configuration: configurations[trial.id], admission: admission)
        for warning in found.warnings where !warnings.contains(warning) {
          warnings.append(warning)
        }
      } catch { failing.append((trial.id, error)) }
    }
    if let first = failing.first, strict || failing.count == pending.count {
      switch first.error {
      case .spec(let error): throw .spec(error)
      case .data: throw .data(first.error)
      default: throw .aborted(trial: first.id, first.error)
      }
    }
    if strict, !warnings.isEmpty { throw .spec(.invalid(warnings.map(\.strict))) }
    return failing.map { ($0.id, TrialExecutor.failureReason($0.error)) }
  }

  /// The first trial's data, prepared as the trial prepares it (in its dtype, so that the check
  /// takes no more memory than the trial's estimate): feature count, classes and training
  /// examples (nil without trials).
  private func firstTrialShape() throws(PipelineError) -> (
    features: Int, classes: Int?, examples: Int
  )? {
    guard let first = plan.trials.first else { return nil }
    return try shape(of: first)
  }

  /// A trial's data, prepared as the trial prepares it: feature count, classes and training
  /// examples.
  private func shape(of trial: SweepTrial) throws(PipelineError) -> (
    features: Int, classes: Int?, examples: Int
  ) {
    func shape<T: Scalar>(_: T.Type) throws(PipelineError) -> (
      features: Int, classes: Int?, examples: Int
    ) {
      let data = try RunExecution<T>(loaded: loaded(trial), context: context, observer: { _ in })
        .prepareData()
      return (data.train.features.cols, data.classCount, data.train.count)
    }
    switch trial.spec.dtype {
    case .float32: return try shape(Float.self)
    case .float64: return try shape(Double.self)
    }
  }

  /// The loaded spec of one trial (its resolved spec and where its values came from).
  func loaded(_ trial: SweepTrial) -> LoadedSpec {
    var loaded = plan.base
    loaded.spec = trial.spec
    loaded.sourceMap = trial.sourceMap
    return loaded
  }

  /// How many of the plan's trials run (`shouldRun`).
  func pendingCount(_ options: SweepOptions) -> Int {
    plan.trials.filter { shouldRun($0, retryFailed: options.retryFailed) }.count
  }

  /// Whether a trial runs: not complete, or failed and `retryFailed`.
  func shouldRun(_ trial: SweepTrial, retryFailed: Bool) -> Bool {
    guard let status = summary.status(trial.id) else { return true }
    return retryFailed && status.failed
  }

  /// The preview of the shard's trials; the cost is estimated, and the trials too big for their
  /// share of the memory marked, when `estimateCost` (it loads the data once).
  func preview(jobs: Int, retryFailed: Bool, estimateCost: Bool) -> SweepPreview {
    let axes = (plan.base.spec.sweep?.axes ?? []).map(\.path)
    // A dry run downloads nothing: data not downloaded yet is not read for the estimate.
    let downloads = estimateCost ? pendingDownloads(retryFailed: retryFailed) : []
    let shape = estimateCost && downloads.isEmpty ? dataShape() : nil
    // As the run checks each trial: against the limit shared by the trials running at once.
    let toRun = shardTrials.filter { shouldRun($0, retryFailed: retryFailed) }.count
    let memory =
      estimateCost
      ? (try? ExperimentRunner.memoryBudget(environment: context.environment)).map {
        plan.trialBudget($0, jobs: max(1, min(jobs, toRun)))
      } : nil
    let checkpoint = continuation != nil || plan.base.spec.sweep?.method.isAdaptive == true
    var trials: [SweepPreview.Trial] = []
    for trial in shardTrials {
      let values = axes.map { path in
        (
          key: path.description,
          value: trial.assignments.first { $0.path == path }?.recorded ?? ""
        )
      }
      var state = SweepPreview.Trial.State.pending
      if let status = summary.status(trial.id), !(retryFailed && status.failed) {
        state = status.failed ? .failed(reason: status.reason) : .done
      }
      let flops = shape.map {
        SweepCost.flops(
          trial.spec, features: $0.features, classes: $0.classes, examples: $0.examples)
      }
      var listed = SweepPreview.Trial(id: trial.id, values: values, state: state, flops: flops)
      listed.steps = shape.map { SweepCost.steps(trial.spec, examples: $0.examples) }
      if let memory, state == .pending {
        let estimate = MemoryEstimate.of(loaded(trial), context: context, checkpoint: checkpoint)
        if estimate.needed > memory.limit, estimate.dataReadable { listed.tooBig = estimate.needed }
      }
      trials.append(listed)
    }
    let pending = trials.filter { $0.state == .pending }
    var cost: SweepCost?
    if let shape {
      let flops = pending.compactMap(\.flops).reduce(0, +)
      let pendingIDs = Set(pending.map(\.id))
      let steps = shardTrials.filter { pendingIDs.contains($0.id) }
        .map { SweepCost.steps($0.spec, examples: shape.examples) }.reduce(0, +)
      let measuredRate = measuredRate(shape: shape)
      cost = SweepCost.estimate(
        flops: flops, steps: steps,
        rate: measuredRate
          ?? SweepCost.assumedRate(flops: flops, steps: steps, trials: Double(pending.count)),
        measured: measuredRate != nil, jobs: jobs, trials: pending.count)
    }
    var preview = SweepPreview(
      name: plan.base.spec.name, directory: layout.directory.path, shard: shard,
      sweepTrials: plan.trials.count, trials: trials, threads: threads, jobs: jobs, cost: cost)
    // The warnings and notes the sweep itself prints as it starts (`--dry-run` lists them).
    preview.notes =
      startNotes(jobs: max(1, min(jobs, pending.count))) + notDownloadedNotes(downloads)
    if !downloads.isEmpty { preview.costUnknown = "the data is not downloaded yet" }
    preview.memory = memory
    return preview
  }

  /// The base trial's data: feature count, classes and training examples (nil when the data
  /// does not load).
  private func dataShape() -> (features: Int, classes: Int?, examples: Int)? {
    // The first trial whose data prepares: a swept value may break a rule of the first's.
    for trial in plan.trials.prefix(8) {
      if let shape = try? shape(of: trial) { return shape }
    }
    return nil
  }

  /// Operations per second of the complete ok trials on disk (total flops over total train
  /// seconds), when any recorded their timings.
  private func measuredRate(shape: (features: Int, classes: Int?, examples: Int)) -> Double? {
    var flops = 0.0
    var seconds = 0.0
    for trial in plan.trials where summary.status(trial.id)?.failed == false {
      guard let s = SweepCost.trainSeconds(in: layout.trialDirectory(trial.id)), s > 0 else {
        continue
      }
      flops += SweepCost.flops(
        trial.spec, features: shape.features, classes: shape.classes, examples: shape.examples)
      seconds += s
    }
    return seconds > 0 ? flops / seconds : nil
  }
}
