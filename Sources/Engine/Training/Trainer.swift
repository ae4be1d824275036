/// The training loop: one entry point for every model kind.
public enum Trainer {
  /// Trains a model as `configuration` says and reports records as it goes.
  ///
  /// Records are taken every `recordEvery` budget units starting at 0, before the update of
  /// that unit (the cost of the parameters about to be updated), and once more after the last
  /// update unless that state is already recorded: a 2000-iteration run recording every 100 has
  /// records at 0, 100, …, 1900 and 2000. `final` evaluates the returned parameters. A NaN or
  /// infinite batch loss, or one above the optimizer's `divergenceFactor` × the starting loss
  /// (`DivergenceWatch`), stops the run (`stopReason` `.diverged`, the records before it kept);
  /// early stopping restores the best dev weights.
  ///
  /// With `saveCheckpoint`, the result carries a `TrainingCheckpoint` of where the loop stood
  /// (nil when the run cannot go on: diverged, converged, L-BFGS, the exact solver); a run
  /// given `resume` goes on from one and returns the very result of a run from the start.
  ///
  /// - Parameters:
  ///   - train: training examples; `trainDev`, `dev` (needed by early stopping) and `test` are
  ///     optional held-out sets, evaluated at every record.
  ///   - resume: a checkpoint of this configuration with a budget at most this one's.
  ///   - events: called with every record and with progress.
  /// - Throws: `TrainingError` when the configuration or data cannot be trained, or
  ///   `.checkpoint` when `resume` does not fit (nothing has trained then).
  public static func train<T: Scalar>(
    _ configuration: TrainingConfiguration, train: Examples<T>, dev: Examples<T>? = nil,
    test: Examples<T>? = nil, trainDev: Examples<T>? = nil, resume: TrainingCheckpoint? = nil,
    saveCheckpoint: Bool = false, events: (TrainingEvent) -> Void = { _ in }
  ) throws(TrainingError) -> TrainingResult<T> {
    try run(
      configuration, train: train, dev: dev, test: test, trainDev: trainDev, fastPath: true,
      resume: resume, saveCheckpoint: saveCheckpoint, events: events)
  }

  /// `train`, with the fused fast path optionally disabled (tests compare both paths).
  static func run<T: Scalar>(
    _ configuration: TrainingConfiguration, train: Examples<T>, dev: Examples<T>?,
    test: Examples<T>?, trainDev: Examples<T>? = nil, fastPath: Bool,
    resume: TrainingCheckpoint? = nil,
    saveCheckpoint: Bool = false, events: (TrainingEvent) -> Void
  ) throws(TrainingError) -> TrainingResult<T> {
    if case .linearRegression(.exact) = configuration.model,
      configuration.optimizer.coupledWeightDecay > 0
    {
      throw .invalidConfiguration(
        "the exact solver uses no optimizer, so its weight_decay cannot apply; use an L2 penalty")
    }
    var objective = configuration
    // torch's coupled weight_decay is an L2 term on the weights.
    objective.regularization.l2 += objective.optimizer.coupledWeightDecay
    let c = objective
    try train.validate(name: "the training set", features: nil)
    try dev?.validate(name: "the dev set", features: train.x.cols)
    try test?.validate(name: "the test set", features: train.x.cols)
    try trainDev?.validate(name: "the train-dev set", features: train.x.cols)
    let plan = try TrainingPlan(c, train: train)
    if let k = plan.classes {
      if let dev { try TrainingPlan.checkLabels(dev, classes: k, loss: c.loss, name: "dev") }
      if let test { try TrainingPlan.checkLabels(test, classes: k, loss: c.loss, name: "test") }
      if let trainDev {
        try TrainingPlan.checkLabels(trainDev, classes: k, loss: c.loss, name: "train-dev")
      }
    }
    if c.earlyStopping != nil && dev == nil {
      throw .invalidConfiguration("early stopping watches the dev loss, but there is no dev set")
    }
    if let watched = c.earlyStopping?.metric, !c.metrics.contains(watched) {
      throw .invalidConfiguration("early stopping watches \(watched), which is not evaluated")
    }
    let evaluator = Evaluator<T>(
      plan: plan, metrics: c.metrics,
      capacity: max(train.count, dev?.count ?? 0, test?.count ?? 0, trainDev?.count ?? 0))
    let trainSplit = evaluator.prepare(train)
    let trainDevSplit = trainDev.map(evaluator.prepare)
    let devSplit = dev.map(evaluator.prepare)
    let testSplit = test.map(evaluator.prepare)

    func record(_ thetas: [[T]], iteration: Int, epoch: Int, heldOut: Bool = true) -> Record {
      let penalty =
        thetas.reduce(0.0) { sum, theta in
          sum
            + theta.withUnsafeBufferPointer {
              c.regularization.penalty($0.baseAddress!, plan.layout)
            }
        } / Double(thetas.count)
      return Record(
        iteration: iteration, epoch: epoch,
        train: evaluator.evaluate(thetas, on: trainSplit),
        trainDev: heldOut ? trainDevSplit.map { evaluator.evaluate(thetas, on: $0) } : nil,
        dev: heldOut ? devSplit.map { evaluator.evaluate(thetas, on: $0) } : nil,
        test: heldOut ? testSplit.map { evaluator.evaluate(thetas, on: $0) } : nil,
        penalty: penalty)
    }

    if case .linearRegression(.exact) = c.model {
      let solution: LeastSquares.Solution<T> = try LeastSquares.solution(
        train, l2: c.regularization.l2,
        rankDeficient: c.minimumNormWhenRankDeficient ? .minimumNorm : .refuse)
      let final = record([solution.theta], iteration: 0, epoch: 0)
      if let cause = outOfRange(final.train.loss, solution.theta, train, evaluator.model) {
        throw .outOfRange(loss: final.train.loss, dtype: T.dtype, cause: cause)
      }
      events(.record(final))
      var result = TrainingResult(
        records: [final], final: final, model: evaluator.model([solution.theta]),
        stopReason: .solved, iterations: 0)
      result.minimumNormFeature = solution.deficientFeature
      return result
    }

    for (component, part) in zip(plan.components, trainSplit.parts) where part.count == 0 {
      if case .pair(let negative, let positive) = component {
        throw .shapeMismatch(
          "classes \(negative) and \(positive) have no training samples for their one-vs-one model")
      }
    }
    if case .perModel(let starts) = c.initializer, starts.count != plan.components.count {
      throw .invalidConfiguration(
        "initial values are given for \(starts.count) binary models; the model trains "
          + "\(plan.components.count) (\(plan.components.map(\.description).joined(separator: ", ")))"
      )
    }
    let sessions = try plan.components.enumerated().map { (index, _) throws(TrainingError) in
      try makeSession(
        c, plan: plan, data: trainSplit.parts[index], index: index, fastPath: fastPath)
    }
    let units = c.budget.units
    let byEpoch = if case .epochs = c.budget { true } else { false }
    let totalSteps = byEpoch ? units * sessions[0].stepsPerEpoch : units
    let progressEvery = max(1, units / 100)
    let stepProgressEvery = max(1, totalSteps / 100)

    var loop = LoopState<T>(
      watch: DivergenceWatch(
        factor: c.optimizer.settings.divergenceFactor, components: sessions.count))
    if let resume {
      try loop.resume(
        from: resume, sessions: sessions, configuration: configuration, train: train)
    }
    let probes = probeUnits(units)
    training: for unit in loop.firstUnit..<(loop.stop == .completed ? units : loop.firstUnit) {
      let lead = furthest(sessions)
      let recording = unit % c.recordEvery == 0
      var taken: Record?
      if unit == probes.half || unit == probes.late {
        // The training set evaluated once: a record taken at this unit holds the probe too.
        var r = record(
          sessions.map(\.parameters), iteration: lead.steps, epoch: lead.epoch,
          heldOut: recording)
        if recording { taken = r }
        (r.trainDev, r.dev, r.test) = (nil, nil, nil)
        if unit == probes.half { loop.half = r }
        if unit == probes.late { loop.late = r }
      }
      if recording {
        let r =
          taken ?? record(sessions.map(\.parameters), iteration: lead.steps, epoch: lead.epoch)
        if var divergence = Self.objectiveDivergence(r, as: T.self) {
          divergence.epoch = c.epoch(ofIteration: divergence.iteration, in: lead)
          loop.stop = .diverged(divergence)
          break training
        }
        loop.records.append(r)
        if r.iteration == 0 { loop.watch.wholeSetStart = r.train.loss }
        loop.recordedSteps = sessions.map(\.steps)
        events(.record(r))
        if let rule = c.earlyStopping, let dev = r.dev, let score = rule.score(dev) {
          if loop.best == nil || score < loop.best!.loss - rule.minDelta {
            loop.best = (score, sessions.map(\.parameters), lead.steps)
            loop.sinceBest = 0
          } else {
            loop.sinceBest += 1
            if loop.sinceBest >= rule.patience {
              let best = loop.best!.iteration
              loop.stop = .earlyStopped(
                bestIteration: best, restored: rule.restoreBest,
                bestEpoch: c.epoch(ofIteration: best, in: lead))
              loop.firstUnit = unit
              break training
            }
          }
        }
      }
      for (index, session) in sessions.enumerated() where !session.converged {
        let steps = byEpoch ? session.stepsPerEpoch : 1
        for _ in 0..<steps {
          let loss = session.step(
            learningRate: c.schedule.rate(base: c.learningRate, epoch: session.epoch))
          if var divergence = loop.watch.check(
            loss, component: index, iteration: session.steps - 1)
          {
            divergence.epoch = c.epoch(ofIteration: divergence.iteration, in: session)
            loop.stop = .diverged(divergence)
            break training
          }
          // L-BFGS's search could take no step from out-of-range inputs: the run stops here,
          // at this model's iteration and loss (one-vs-rest's others would train on).
          if let gradient = session.stuckGradient {
            var divergence = Divergence(iteration: session.steps, loss: loss)
            divergence.gradient = gradient
            divergence.tinyInputs = session.stuckOnTinyInputs
            divergence.epoch = c.epoch(ofIteration: divergence.iteration, in: session)
            loop.stop = .diverged(divergence)
            break training
          }
          if session.converged { break }
          // Within long epochs, progress about every 1% of the steps (never at an epoch's end,
          // which is reported below).
          if byEpoch, index == 0, session.steps % stepProgressEvery == 0,
            session.steps % session.stepsPerEpoch != 0
          {
            events(.progress(done: session.steps, total: totalSteps))
          }
        }
      }
      loop.firstUnit = unit + 1
      if sessions.allSatisfy(\.converged) {
        loop.stop = Self.stopped(sessions, plan: plan, tolerance: c.optimizer.settings.tolerance)
        break training
      }
      // Every 1% of the units, and before that eight times per doubling of the units done
      // (1, 2, …, 16, 18, 20, …, 32, 36, …), so that a long run says how it goes from its start.
      let n = unit + 1
      let early =
        n < progressEvery && n % (1 << max(0, Int.bitWidth - n.leadingZeroBitCount - 4)) == 0
      if n % progressEvery == 0 || n == units || early {
        events(.progress(done: byEpoch ? sessions[0].steps : n, total: totalSteps))
      }
    }
    let checkpoint =
      saveCheckpoint
      ? loop.checkpoint(sessions, configuration: configuration, train: train) : nil
    var records = loop.records
    var stop = loop.stop
    let (recordedSteps, best, watch) = (loop.recordedSteps, loop.best, loop.watch)

    if case .earlyStopped(_, true, _) = stop, let best {
      for (session, theta) in zip(sessions, best.thetas) { session.restore(theta) }
    }
    let thetas = sessions.map(\.parameters)
    let lead = furthest(sessions)
    var final: Record?
    if case .diverged = stop {
      final = nil
    } else {
      let last = record(thetas, iteration: lead.steps, epoch: lead.epoch)
      if var divergence =
        DivergenceWatch.check(
          last.train.loss, start: records.first?.train.loss, factor: watch.factor,
          iteration: lead.steps) ?? Self.objectiveDivergence(last, as: T.self)
      {
        divergence.epoch = c.epoch(ofIteration: divergence.iteration, in: lead)
        stop = .diverged(divergence)
      } else {
        final = last
        // The state after the last update ends the history (never twice the same state).
        if recordedSteps != sessions.map(\.steps) {
          records.append(last)
          events(.record(last))
        }
        if stop == .completed, units > 0, c.optimizer.kind == .lbfgs {
          // The tests run before each step: one that holds at the budget's last parameters
          // converged there (the run one iteration longer says so, with the same parameters).
          let open = zip(plan.components, sessions).filter {
            !$0.1.converged && !$0.1.meetsStoppingTest
          }
          stop =
            open.isEmpty
            ? Self.stopped(sessions, plan: plan, tolerance: c.optimizer.settings.tolerance)
            : .notConverged(
              iterations: lead.steps,
              gradient: open.compactMap(\.1.largestGradient).reduce(0, Kernels.maximum),
              tolerance: c.optimizer.settings.tolerance,
              models: sessions.count > 1 ? open.map(\.0.description) : [])
        }
      }
    }
    // A diverged run counts the updates up to the parameters whose loss went out of bounds,
    // as its message and metrics.csv do (not the update made from them).
    var iterations = lead.steps
    if case .diverged(let divergence) = stop { iterations = divergence.iteration }
    return TrainingResult(
      records: records, final: final, model: evaluator.model(thetas), stopReason: stop,
      iterations: iterations, half: loop.half, late: loop.late, stepPeaks: watch.peaks,
      checkpoint: final == nil ? nil : checkpoint)
  }

  /// Why the exact solution `theta` of `train`, whose training loss (in float64) is `loss`,
  /// cannot be reported in `T` (nil when it can): its weights are not finite, its loss is
  /// beyond `T` as `metrics.csv` holds it, or below `T`'s normal numbers though some
  /// prediction misses its target (an underflowed mse of 0 would read as a perfect fit).
  static func outOfRange<T: Scalar>(
    _ loss: Double, _ theta: [T], _ train: Examples<T>, _ model: ([[T]]) -> TrainedModel<T>
  ) -> RangeCause? {
    guard theta.allSatisfy(\.isFinite) else { return .weightsTooLarge }
    let held = T.dtype.held(loss)
    guard held.isFinite else { return .lossTooLarge }
    let smallest = T.dtype == .float32 ? Double(Float.leastNormalMagnitude) : .leastNormalMagnitude
    guard held < smallest else { return nil }
    if held > 0 { return .lossTooSmall }
    let predictions = (try? model([theta]).scores(train.x, classes: 2))?.storage ?? []
    let exact =
      predictions.count == train.y.storage.count
      && zip(predictions, train.y.storage).allSatisfy { $0 == $1.doubleValue }
    return exact ? nil : .lossTooSmall
  }

  /// The budget units at which a run of `units` evaluates its training set whatever it
  /// records (`TrainingResult.half`, `.late`): ⌈units/2⌉ and ⌊9·units/10⌋, each only when it
  /// is in the run's second half and before its end (nil for fewer than two units).
  static func probeUnits(_ units: Int) -> (half: Int?, late: Int?) {
    let inside = { (unit: Int) in 2 * unit >= units && unit < units ? unit : nil }
    return (inside((units + 1) / 2), inside(9 * units / 10))
  }

  /// The sub-model that has made the most updates (the first on ties): the run's step count is
  /// its count, like scikit-learn's largest `n_iter_` of a one-vs-rest model.
  static func furthest<T>(_ sessions: [TrainingSession<T>]) -> TrainingSession<T> {
    sessions.dropFirst().reduce(sessions[0]) { $1.steps > $0.steps ? $1 : $0 }
  }

  /// The divergence of a record whose objective (`train_cost`: loss + penalty) is not finite
  /// though its data loss is: the optimizer minimizes the objective, so a run whose weights
  /// made it ∞ has diverged even when every unit is dead and the loss looks calm.
  /// The objective and the loss are judged in the run's dtype `T`, as `metrics.csv` writes
  /// them: 3e55 is ∞ in float32, and a loss that is ∞ there is the loss's divergence.
  static func objectiveDivergence<T: Scalar>(_ r: Record, as _: T.Type) -> Divergence? {
    let cost = T(r.cost)
    guard T(r.train.loss).isFinite, !cost.isFinite else { return nil }
    var divergence = Divergence(iteration: r.iteration, loss: Double(cost))
    divergence.dataLoss = r.train.loss
    return divergence
  }

  /// The session for one component: the fused fast path where it applies, else the general one.
  static func makeSession<T: Scalar>(
    _ c: TrainingConfiguration, plan: TrainingPlan, data: Examples<T>, index: Int, fastPath: Bool
  ) throws(TrainingError) -> TrainingSession<T> {
    var generator = SeededGenerator(seed: SeededGenerator.derive(c.seed, "init/\(index)"))
    let theta: [T] = try c.initializer.parameters(plan.layout, model: index, using: &generator)
    if c.optimizer.kind == .lbfgs {
      return LBFGSSession(
        layout: plan.layout, theta: theta, data: data, loss: plan.loss, l2: c.regularization.l2,
        history: c.optimizer.settings.historySize, tolerance: c.optimizer.settings.tolerance,
        functionTolerance: c.optimizer.settings.functionTolerance)
    }
    if fastPath && GramDescentSession<T>.applies(c, plan.layout, rows: data.count),
      let session = GramDescentSession(
        layout: plan.layout, theta: theta, data: data, loss: plan.loss, l2: c.regularization.l2)
    {
      return session
    }
    return BatchSession(
      layout: plan.layout, theta: theta, data: data, loss: plan.loss, optimizer: c.optimizer,
      regularization: c.regularization, batchSize: c.batchSize, shuffle: c.shuffle,
      shuffleSeed: SeededGenerator.derive(c.seed, "shuffle/\(index)"),
      dropoutSeed: SeededGenerator.derive(c.seed, "dropout/\(index)"))
  }
}
