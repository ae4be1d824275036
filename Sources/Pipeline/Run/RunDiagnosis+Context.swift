import Datasets
import Engine
import Reports
import Specs

/// What the diagnosis of a run knows about its spec and training (`DiagnosisContext`), so that
/// its advice fits the model, the task and where training stood.
extension RunResultsWriter {
  /// True when the training error did not fall by one training example over the second half
  /// of the run (from `TrainingResult.half`, taken whatever `record_every` is) while the loss crept down by less than 1% per tenth of it: a linear
  /// classifier's loss goes on falling as its right answers grow surer, which training longer
  /// does not turn into fewer errors (blobs: 6000 → 24 000 iterations, 8% → 9%); a loss still
  /// falling faster is still learning (iris at 400 iterations: 11% over its last tenth, fine by
  /// 1600). A network's error can sit on a plateau and then drop, so it is not judged by this.
  var trainingErrorStalled: Bool {
    let measure = ErrorMeasure(configuration.engine)
    let rows = data.train.count
    guard let perTenth = DiagnosisContext.Training.dropPerTenth(result), perTenth < 0.01,
      let start = result.half
        ?? result.records.first(where: { 2 * $0.iteration >= result.iterations }),
      start.iteration < result.iterations, let final = result.final,
      rows > 0, start.train.metrics[.accuracy] != nil,
      let before = measure.error(start.train, count: rows),
      let after = measure.error(final.train, count: rows)
    else { return false }
    return before - after < 0.5 / Double(rows)
  }

  /// The training rows the spec's generator gives with `samples` samples, after the run's own
  /// split and train-dev carve (`DataLoader.inspect`); nil when not known.
  func trainingRows(generating samples: Int) -> Int? {
    var more = spec
    guard case .generator(var generator) = spec.dataset.source else { return nil }
    generator.samples = samples
    more.dataset.source = .generator(generator)
    let loader = DataLoader(locator: DataLocator(searchDirectories: []))
    return (try? DataConfiguration(more)).flatMap { try? loader.inspect($0).trainSamples }
  }

  /// The run's schedule when it lowered the rate so far that no longer run moves the weights
  /// (`ScheduleFreeze`, from the steps taken and the steps of an epoch: the engine steps the
  /// schedule once per epoch, a short last batch a step); nil otherwise, and for L-BFGS.
  var scheduleFreeze: ScheduleFreeze? {
    let c = configuration.engine
    guard spec.optimizer.kind != .lbfgs else { return nil }
    let rows = data.train.count
    return ScheduleFreeze(
      c.schedule, base: c.learningRate, steps: result.iterations,
      stepsPerEpoch: stepsPerEpoch(rows: rows, batch: c.batchSize ?? rows))
  }

  /// The least-squares optimum of the training objective, for a linear regression under mse
  /// without L1 or weight decay trained by full-batch steps that did not diverge, or by
  /// mini-batch steps its schedule froze (`frozen`: its last rates are about 0, so it does not
  /// wander about a floor; tester BR-4); other mini-batch steps wander about their floor, which
  /// a lower rate lowers: not judged by it. Nil otherwise, or when the design is singular.
  func leastSquaresOptimum(frozen: Bool) -> Double? {
    let c = configuration.engine
    guard case .linearRegression(.iterative) = c.model, c.loss == .mse,
      c.regularization.l1 == 0, c.optimizer.settings.weightDecay == 0,
      frozen || (c.batchSize ?? data.train.count) >= data.train.count
    else { return nil }
    if case .diverged = result.stopReason { return nil }
    return LeastSquaresOptimum.cost(data.train.examples, l2: c.regularization.l2)
  }

  /// The facts the recommendations use, the held-out class gaps among them.
  func diagnosisContext(
    classification: Bool, trainError: Double, progress: TrainingProgress?,
    heldOutClassGaps: [HeldOutClassGap]
  ) -> DiagnosisContext {
    var context = DiagnosisContext()
    if classification {
      let classes = data.classCount ?? 2
      context.task = classes <= 2 ? .binary : .multiclass(classes: classes)
    } else {
      context.task = .regression(outputs: data.train.examples.y.cols)
    }
    if case .files(_, let dev, let test) = spec.dataset.source {
      context.givenParts = Set(
        [dev.map { _ in "dev" }, test.map { _ in "test" }].compactMap { $0 })
    } else if spec.dataset.hasTest, spec.dataset.split.test.isEmpty {
      context.givenParts = ["test"]  // the named dataset's own test part
    }
    // More samples give every part more rows only when no part is a count (`train: 30`).
    if case .generator(let generator) = spec.dataset.source,
      GeneratorSpec.keys(for: generator.kind).contains("samples"), !spec.dataset.split.hasCount
    {
      context.generatedSamples = generator.samples
    }
    context.miniBatches = (configuration.engine.batchSize ?? data.train.count) < data.train.count
    if !spec.optimizer.kind.isFullBatch, let batch = spec.optimizer.batchSize,
      batch >= data.train.count
    {
      context.coveringBatch = batch
      context.trainRowsOfMoreSamples = context.generatedSamples.flatMap {
        trainingRows(generating: 4 * $0)
      }
    }
    let layers = SavedParameters.prefixes(result.model).flatMap(\.network.layers)
    let largest = layers.map { layer in
      (layer.weights.storage + layer.bias).map { abs(Double($0)) }.max() ?? 0
    }.max()
    (context.steps, context.largestParameter) = (result.iterations, largest)
    if layers.count > 1 {
      context.adamRateLimit = layers.map { layer in
        let weights = layer.weights.storage.map { Double($0) * Double($0) }
        let rms = (weights.reduce(0, +) / Double(max(weights.count, 1))).squareRoot()
        return 10 * rms / Double(max(layer.inputs, 1)).squareRoot()
      }.min()
    }
    context.l2 = spec.regularization.l2
    context.l1 = spec.regularization.l1
    context.weightDecay = spec.optimizer.weightDecay
    context.layerUnits = spec.model.layers.map(\.units)
    context.penaltyZeroesWeights = LassoZeroWeights.areOptimal(
      configuration.engine, data.train.examples)
    for (index, layer) in spec.model.layers.enumerated() where layer.dropout > 0 {
      context.dropout[index] = layer.dropout
    }
    context.validationCurveParameter = spec.report.validationCurve?.parameter.description
    context.validationCurveValue = spec.report.validationCurve.flatMap {
      spec.number(at: $0.parameter)
    }
    context.hiddenLayers = max(0, spec.model.layers.count - 1)
    switch spec.optimizer.budget {
    case .iterations(let n):
      context.trainingLengthKey = "optimizer.iterations"
      context.trainingLength = n
    case .epochs(let n):
      context.trainingLengthKey = "optimizer.epochs"
      context.trainingLength = n
    }
    if let rung {
      // A rung's budget is set by `sweep.budget` (the last rung's by its `max`), not the
      // optimizer's: a lower rung's is not a key's value.
      context.trainingLengthKey = RungBudget.key
      if !rung.isLast { context.trainingLength = nil }
    }
    if case .linearRegression(solver: .exact) = configuration.engine.model {
      context.training = .converged
      context.closedForm = true
    } else {
      context.training = DiagnosisContext.Training(result)
      // A linear model's budget spent mid-descent is still improving, however slowly.
      let midDescent =
        context.hiddenLayers == 0 && DiagnosisContext.Training.fellAtItsPace(result)
      if midDescent { context.training = .stillImproving }
      if classification, context.hiddenLayers == 0, context.training == .stillImproving,
        trainingErrorStalled, !midDescent
      {
        context.training = .converged
      }
      context.unfinishedFit = result.stopReason.remedy(LBFGSInEffect(spec)).flatMap {
        remedy in rung.map { $0.isLast ? RungBudget.lastRungAdvice(remedy) : nil } ?? remedy
      }
      context.optimizer = spec.optimizer.kind.rawValue
      if spec.optimizer.kind != .lbfgs { context.learningRate = spec.optimizer.learningRate }
    }
    if let final = result.final, final.cost > 0 {
      context.penaltyShare = final.penalty / final.cost
    }
    let untrained = data.heldOutRowsOfUntrainedClasses
    if !untrained.classes.isEmpty {
      context.untrainedClasses = DiagnosisContext.UntrainedClasses(
        classes: untrained.classes, heldOutRows: untrained.rows,
        shuffled: spec.dataset.split.shuffle, stratified: spec.dataset.split.stratify)
      context.untrainedClasses?.heldOutFiles = data.heldOutFilesOfUntrainedClasses(
        spec.dataset.source)
    }
    context.heldOutClassGaps = heldOutClassGaps
    switch spec.model.initialization {
    case .explicit, .from: context.fixedInit = true
    case .declared: break
    }
    if context.hiddenLayers > 0 {
      context.outputActivation = spec.model.layers.last?.activation.rawValue
      context.deadOutput = spec.model.layers.last?.activation == .relu && outputsAllZero
    }
    if context.hiddenLayers > 0, spec.model.initialization == .zeros {
      context.randomInit =
        InitializerKind.random(for: spec.model.layers.dropLast().map(\.activation))
        .rawValue
    }
    let targets = data.train.examples.y
    if classification {
      context.majorityClassError = MeanPrediction.majorityError(targets: targets)
      context.priorLoss = MeanPrediction.priorLoss(configuration.engine.loss, targets: targets)
    } else {
      context.meanPredictionError = MeanPrediction.loss(configuration.engine.loss, targets: targets)
      // An output fitting 0/1 targets the metrics do not score as classes, whatever its
      // activation (a relu or identity output too, tester BH F6): the advice says how to judge
      // classes.
      if spec.model.kind == .mlp, let output = spec.model.layers.last, output.units == 1,
        targets.cols == 1, targets.rows > 0, targets.storage.allSatisfy({ $0 == 0 || $0 == 1 })
      {
        context.unscoredClassOutput = output.activation.rawValue
      } else if spec.model.kind == .mlp, spec.model.layers.last?.units == 1, targets.cols == 1 {
        context.integerLabelClasses = Self.integerLabelClasses(targets.storage.map { Double($0) })
      }
      // `[mse]` alone is also what a spec listing none records, so it tells no choice.
      context.regressionMetricsListed =
        !spec.metrics.isEmpty && !spec.metrics.contains(where: \.isClassification)
        && spec.metrics != [.mse]
    }
    if context.isNoBetterThanMean(trainError)
      || progress.map({
        $0.madeNoProgress || $0.roseALot || context.isAt(.prior, loss: $0.end)
          || ($0.network && $0.barelyMoved)
      }) == true
    {
      context.featureScale = InputScale.unscaled(spec, data)
    }
    // A solve at the mean is told the inputs' scale: small inputs need large weights, which a
    // penalty outweighs.
    if context.closedForm, context.isNoBetterThanMean(trainError) {
      context.inputSpread = InputScale.spread(spec, data)
    }
    context.scheduleFreeze = scheduleFreeze
    if let optimum = leastSquaresOptimum(frozen: context.scheduleFreeze != nil),
      let final = result.final
    {
      context.leastSquares = DiagnosisContext.LeastSquaresReach(
        reached: final.cost, optimum: optimum)
      context.inputSpread = InputScale.spread(spec, data)
    }
    context.inputFeatures = data.train.examples.x.cols
    context.trainRows = data.train.count
    context.heldOutRows = (data.trainDev ?? data.dev ?? data.test)?.count
    if case .earlyStopped = result.stopReason {
      context.earlyStoppedPatience = spec.optimizer.earlyStopping?.patience
    }
    context.unusedColumns = data.unusedColumns
    for case .polynomial(let degree) in spec.dataset.preprocessing {
      context.polynomialDegree = degree
    }
    return context
  }
}
