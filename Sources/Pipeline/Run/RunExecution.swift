import Datasets
import Engine
import Foundation
import Reports
import Specs

/// One run in scalar type `T`: load the data, train, write the results.
struct RunExecution<T: Scalar> {
  let loaded: LoadedSpec
  let context: ProjectContext
  let observer: RunObserver
  /// Whether a replaced results folder with a different spec, or with files the runner did not
  /// write, is kept in history (single runs; a sweep's trial folders are not).
  var keepHistory = false
  /// A successive-halving trial: save a checkpoint, go on from the rung below's (else nil).
  var continuation: TrialContinuation? = nil
  /// `--strict`: a warning the data gives is an error before training, as `validate` says it.
  var strict = false
  /// Called once the data is read, before its files are digested (tests change a file there).
  var dataRead: @Sendable () -> Void = {}
  /// What `model.init.from` holds, read once (the check before the run reads it for the run,
  /// and a validation-curve point of the same model shares its run's).
  var savedStart = SavedStart()
  /// The memory check the run passed before its data was read, made again for the classes its
  /// labels make (nil: not checked, as a curve's point or a prediction).
  var admission: MemoryAdmission? = nil

  var spec: ExperimentSpec { loaded.spec }

  /// Loads, splits and preprocesses the spec's data, and checks the model's outputs against
  /// the classes and target columns found in it. A data file whose identity is not the one in
  /// `read` (taken now when nil) once parsed, or when parsing failed, is refused as changed.
  /// `keepingUnfitted` keeps the features as read when a step is fitted on the training rows.
  func prepareData(_ read: DataFilesRead? = nil, keepingUnfitted: Bool = false)
    throws(PipelineError) -> PreparedData<T>
  {
    let read = read ?? DataFilesRead(loaded, context: context, start: savedStart)
    var configuration = try DataConfiguration.of(loaded)
    configuration.keepsUnfittedFeatures = keepingUnfitted
    let observer = self.observer
    let fetcher = context.fetcher { observer(.download($0)) }
    let data: PreparedData<T>
    do {
      var loader = DataLoader(locator: context.locator, fetcher: fetcher)
      loader.cache = context.sourceCache
      data = try loader.prepare(configuration, as: T.self)
    } catch {
      let said = ([error] + error.also).map { $0.diagnostic(in: loaded, context: context) }
      // A file changed while it was read is said first: the parse error may come of the change.
      if case .data(let changed, let first)? = read.change() {
        throw .data(changed, diagnostics: first + said)
      }
      throw .data(error.error, diagnostics: said)
    }
    if let changed = read.change() { throw changed }
    // Before the model, its targets and scores are sized by the classes: refused if too big.
    try admission?.check(loaded, context: context, classes: data.classCount)
    // Only the errors matter here (the warnings are said where the run reports them).
    let diagnostics = loaded.check(against: data.facts(in: loaded), saved: savedNetworks)
    if diagnostics.contains(where: { $0.severity == .error }) { throw .spec(.invalid(diagnostics)) }
    return data
  }

  /// The spec's problems that `data` reveals (errors and warnings), located in the spec: the
  /// held-out parts in file order without a class training has (`gaps`) among the warnings.
  func checkFacts(_ data: PreparedData<T>, gaps: [HeldOutClassGap]) -> [Diagnostic] {
    loaded.check(against: data.facts(in: loaded), saved: savedNetworks)
      + loaded.heldOutClassWarnings(gaps)
  }

  /// What `model.init.from` holds (nil without it, or when it cannot be read: the run's own
  /// check refuses it then), for the checks against the data.
  var savedNetworks: SavedNetworks? { (try? savedStart.networks(loaded)) ?? nil }

  /// The spec's run configuration for `data`, its engine starting from the parameters an
  /// earlier run saved when the spec says `init: {from: DIR}` (as every run, curve point and
  /// gradient check of the spec starts).
  func configuration(_ data: PreparedData<T>) throws(PipelineError) -> RunConfiguration {
    var configuration = RunConfiguration(spec: spec, classes: data.classCount)
    do {
      if let saved = try savedStart.networks(loaded) {
        configuration.engine.initializer = Initializer(starting: saved)
      }
    } catch {
      throw AnalysisFailure.pipelineError(error, loaded)
    }
    return configuration
  }

  /// Trains the spec's model on `data`, reporting progress to the observer.
  func train(
    _ data: PreparedData<T>, configuration: RunConfiguration, resume: TrainingCheckpoint? = nil,
    saveCheckpoint: Bool = false
  ) throws(PipelineError) -> TrainingResult<T> {
    let total = configuration.totalSteps(trainCount: data.train.count)
    observer(.started(name: spec.name, totalSteps: total.steps, unit: total.unit))
    let units = configuration.budgetUnits
    do {
      return try Trainer.train(
        configuration.engine, train: data.train.examples, dev: data.dev?.examples,
        test: data.test?.examples, trainDev: data.trainDev?.examples, resume: resume,
        saveCheckpoint: saveCheckpoint,
        events: { event in
          switch event {
          case .record(let r):
            observer(.recorded(configuration.recordedFigures(r, budgetUnits: units)))
          case .progress(let done, let totalSteps):
            observer(.progress(step: done, total: totalSteps))
          }
        })
    } catch {
      throw error.refusal(in: loaded, of: data)
    }
  }

  /// The run's `environment.csv` record, started at `started`.
  func environment(started: Date) -> RunEnvironment {
    // The spec the data were found from: a rerun of a run's spec.resolved.yaml (into the
    // same folder) records the spec that run was made from, not itself.
    let specFile = context.specAnchor
    // The spec, data files and `model.init.from` arrays read, for `git_dirty`: one untracked
    // is not in the commit.
    let read = DataFilesRecord.inputs(loaded, context: context, start: savedStart)
    var environment = RunEnvironment.current(
      specDirectory: ProjectContext.specFolder(of: specFile).path, threads: spec.threads,
      started: started, files: [specFile.path] + read.map(\.path))
    environment.fields.append((RunEnvironment.specFileKey, specFile.path))
    return environment
  }

  /// The numeric environment the run's `environment.csv` records (a checkpoint records it too).
  var numericEnvironment: String { RunEnvironment.currentNumericEnvironment(threads: spec.threads) }

  func run(destination: URL? = nil) throws(PipelineError) -> RunOutcome {
    var timings = TimingsTable()
    let started = Date()
    var clock = Date()
    func lap(_ phase: String) {
      let now = Date()
      timings.record(phase, seconds: now.timeIntervalSince(clock))
      clock = now
    }

    let read = DataFilesRead(loaded, context: context, start: savedStart)
    // A learning-curve point or bootstrap round fits the fitted steps again on its own rows.
    let data = try prepareData(
      read, keepingUnfitted: spec.report.learningCurve != nil || spec.report.bootstrap != nil)
    // A validation-curve point on other rows is refused before training, as `validate` does;
    // a learning-curve size whose rows the exact solver cannot solve is warned of there too.
    var checked = CheckedData()
    let failingPoints =
      try ExperimentRunner.checkCurveData(loaded, context: context, checked: &checked)
      + ExperimentRunner.learningCurveSizeWarnings(loaded, data)
    dataRead()
    // `init: {from:}`'s arrays were read before the digests (by the check before the run, else
    // with the data): changed since first examined, or another array added beside them, they
    // are refused as a data file is, not recorded with bytes the run did not start from.
    let configuration = try configuration(data)
    // Digested as soon as the data is read: an edit during training is not the data trained on;
    // a file changed since it was first examined is refused, not recorded.
    let files = try DataFilesRecord.files(loaded, context: context, read: read)
    let dataFiles = DataFilesRecord.table(files)
    lap("load_data")
    // What the data alone shows is said before training, so a run that diverges says it too;
    // under --strict it is refused before anything trains or is written.
    // Computed once: said here, and judged again by the diagnosis (`bias_variance.csv`).
    let gaps = data.heldOutClassGaps(spec.dataset)
    let facts = checkFacts(data, gaps: gaps) + failingPoints
    let shown = data.warnings(spec.dataset)
    if strict, !facts.isEmpty || !shown.isEmpty {
      throw .spec(.invalid((facts + loaded.dataWarnings(shown)).map(\.strict)))
    }
    let copies = DataFilesRecord.uncheckedCopies(files, context: context)
    let dataWarnings =
      shown + facts.map { "\($0.location.map { "\($0): " } ?? "")\($0.message)" } + copies
    // A single run (`keepHistory`) says them located, as `validate` does; a sweep's trial
    // names itself (the sweep says a warning its trials share once).
    if keepHistory {
      for warning in facts + loaded.dataWarnings(shown) { observer(.warning(warning)) }
    }
    for warning in keepHistory ? copies : dataWarnings {
      observer(.note("warning: \(spec.name): \(warning)"))
    }
    let (result, start) = try trainContinuing(data, configuration: configuration)
    lap("train")

    let writer = RunResultsWriter(
      spec: spec, configuration: configuration, data: data, result: result,
      heldOutClassGaps: gaps, rung: continuation.map { RungBudget(isLast: !$0.saves) })
    var staging = try ResultsStaging(
      destination: destination ?? configuration.destination(root: context.resultsRoot),
      hook: CrashHook(environment: context.environment))
    var warnings = [rungWarning(result.stopReason)].compactMap { $0 } + dataWarnings
    var analysis = AnalysisReports(
      execution: self, data: data, configuration: configuration, result: result,
      diagnosis: writer.diagnosis)
    do {
      try writer.write(into: &staging)
      if let dataFiles { try staging.write(dataFiles, as: ResultsFile.dataFiles) }
      try writeContinuation(result.checkpoint, start, into: &staging)
      warnings += try analysis.write(into: &staging, timings: &timings)
      lap("report")
      timings.record("total", seconds: Date().timeIntervalSince(started))
      try staging.write(timings.table, as: ResultsFile.timings)
      try staging.write(environment(started: started).table, as: ResultsFile.environment)
      if let note = try staging.commit(keepHistory: keepHistory) { observer(.note(note)) }
    } catch {
      staging.discard()
      throw error
    }
    if let divergence = result.divergence {
      let origin = loaded.sourceMap.origin(of: SpecPath("optimizer.learning_rate"))
      // A run that cannot start is told of targets too large for the loss; else of inputs
      // (too large, or too small to move) and a penalty that make it diverge.
      let causes =
        divergence.atStart
        ? [TargetScale.advice(spec, data)]
        : [
          InputScale.advice(spec, data, tiny: divergence.tinyInputs),
          PenaltyOvershoot.advice(spec),
        ]
      throw PipelineError.diverged(
        divergence, results: staging.destination.path,
        rateOrigin: origin?.location == nil ? nil : origin?.description,
        causes: causes.compactMap { $0 },
        scheduled: spec.optimizer.schedule.kind != .constant)
    }
    for warning in warnings where !dataWarnings.contains(warning) {
      observer(.note("warning: \(spec.name): \(warning)"))
    }
    let diagnosis = analysis.diagnosis
    return RunOutcome(
      name: spec.name, directory: staging.destination.path, figures: writer.summaryFigures,
      verdict: diagnosis?.verdictText,
      gaps: diagnosis.map(\.gapsText).flatMap { $0.isEmpty ? nil : $0 },
      nextSteps: diagnosis?.nextSteps() ?? [],
      stopReason: result.stopReason.description, files: staging.files, warnings: warnings,
      classes: data.classCount)
  }
}

extension RunExecution {
  /// How training ended, as a warning (L-BFGS short of its tolerance): in a successive-halving
  /// rung below the last none (stopping short is the point of a low rung, and the rung's budget
  /// is not `optimizer.iterations`, which the rungs replace); in the last rung with the advice
  /// to raise `sweep.budget.max`.
  func rungWarning(_ reason: StopReason) -> String? {
    guard let warning = reason.warning(LBFGSInEffect(spec)) else { return nil }
    guard let continuation else { return warning }
    if continuation.saves { return nil }
    return RungBudget.lastRungAdvice(warning)
  }
}
