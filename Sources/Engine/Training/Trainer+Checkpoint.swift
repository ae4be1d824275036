/// The training loop's state besides the models: the records, the divergence watch, early
/// stopping and where the loop stands; with the sessions' own states, what a checkpoint holds.
struct LoopState<T: Scalar> {
  var records: [Record] = []
  /// The training set's figures at half and nine tenths of the run (`TrainingResult.half`).
  var half: Record?
  var late: Record?
  /// Each model's steps at the last record taken.
  var recordedSteps: [Int]?
  var watch: DivergenceWatch
  var best: (loss: Double, thetas: [[T]], iteration: Int)?
  var sinceBest = 0
  var stop = StopReason.completed
  /// The next budget unit to run (where early stopping stopped, once it has).
  var firstUnit = 0

  init(watch: DivergenceWatch) { self.watch = watch }

  /// Where the loop stands, with every session's state; nil when a session's state cannot be
  /// saved or the run cannot go on (diverged, converged).
  func checkpoint(
    _ sessions: [TrainingSession<T>], configuration: TrainingConfiguration, train: Examples<T>
  ) -> TrainingCheckpoint? {
    var stopped = false
    switch stop {
    case .completed: break
    case .earlyStopped: stopped = true
    default: return nil
    }
    var states: [TrainingCheckpoint.Session] = []
    for session in sessions {
      guard let state = session.save() else { return nil }
      states.append(state)
    }
    let early = best.map {
      TrainingCheckpoint.EarlyStoppingState(
        score: $0.loss, iteration: $0.iteration, sinceBest: sinceBest, stopped: stopped,
        parameters: $0.thetas.map(\.doubles))
    }
    return TrainingCheckpoint(
      units: firstUnit, fingerprint: TrainingCheckpoint.fingerprint(of: configuration),
      dtype: T.dtype, trainRows: train.count, trainHash: train.contentHash, records: records,
      recordedSteps: recordedSteps,
      divergenceStarts: watch.starts, stepPeaks: watch.peaks, earlyStopping: early, sessions: states
    )
  }

  /// Takes up `checkpoint`: the loop state here, each session's in `sessions`. Throws
  /// `.checkpoint` with the reason, before anything changes, when it does not fit.
  mutating func resume(
    from checkpoint: TrainingCheckpoint, sessions: [TrainingSession<T>],
    configuration: TrainingConfiguration, train: Examples<T>
  ) throws(TrainingError) {
    if let reason = checkpoint.refusal(for: configuration, train: train) {
      throw .checkpoint(reason)
    }
    let count = sessions.count
    var best: (loss: Double, thetas: [[T]], iteration: Int)?
    if let early = checkpoint.earlyStopping {
      let thetas = early.parameters.compactMap { [T]($0, count: sessions[0].layout.count) }
      guard thetas.count == count, early.sinceBest >= 0 else {
        throw .checkpoint("its early-stopping state does not fit the model")
      }
      best = (early.score, thetas, early.iteration)
    }
    guard checkpoint.sessions.count == count, checkpoint.divergenceStarts.count == count,
      checkpoint.recordedSteps.map({ $0.count == count }) ?? true, checkpoint.units >= 0
    else { throw .checkpoint("it holds \(checkpoint.sessions.count) models, not \(count)") }
    // A refusal here leaves sessions half loaded: the caller trains new ones from the start.
    for (session, state) in zip(sessions, checkpoint.sessions) {
      guard state.steps >= 0, session.load(state) else {
        throw .checkpoint("a model's saved state does not fit this run")
      }
      session.resume(steps: state.steps)
    }
    records = checkpoint.records
    recordedSteps = checkpoint.recordedSteps
    watch.starts = checkpoint.divergenceStarts
    watch.peaks = checkpoint.stepPeaks?.count == count ? checkpoint.stepPeaks : nil
    self.best = best
    sinceBest = checkpoint.earlyStopping?.sinceBest ?? 0
    firstUnit = checkpoint.units
    if let early = checkpoint.earlyStopping, early.stopped {
      stop = .earlyStopped(
        bestIteration: early.iteration, restored: configuration.earlyStopping?.restoreBest ?? true,
        bestEpoch: configuration.epoch(ofIteration: early.iteration, in: Trainer.furthest(sessions))
      )
    }
  }
}
