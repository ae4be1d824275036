import Datasets
import Engine
import Reports
import Specs

extension BiasVarianceThresholds {
  /// The spec's thresholds: on the gaps for classification, on the relative gaps for
  /// regression (whose errors are losses in the target's units).
  init(_ spec: BiasVarianceSpec, classification: Bool) {
    self.init(
      avoidableBias: spec.biasThreshold, variance: spec.varianceThreshold,
      dataMismatch: spec.varianceThreshold, relative: !classification)
  }
}

extension DiagnosisContext.Training {
  /// Where a run's training stood: converged when the optimizer or the exact solver said so or
  /// early stopping ended it; else (budget spent, L-BFGS included) still improving when the
  /// objective (loss + penalty) fell by more than 0.1% per tenth of the run from nine tenths of
  /// it (`TrainingResult.late`, taken whatever `record_every` is) to its end, converged when it
  /// fell less; unknown when the run was too short to have that point (one budget unit).
  init<T: Scalar>(_ result: TrainingResult<T>) {
    switch result.stopReason {
    case .converged, .solved, .earlyStopped: self = .converged
    case .diverged: self = .unknown
    case .completed, .notConverged:
      guard let perTenth = Self.dropPerTenth(result) else {
        self = .unknown
        return
      }
      self = perTenth > 1e-3 ? .stillImproving : .converged
    }
  }

  /// The relative fall of the objective per tenth of the run over its last stretch, from
  /// `stretchStart`; nil without one.
  static func dropPerTenth<T: Scalar>(_ result: TrainingResult<T>) -> Double? {
    let steps = result.iterations
    guard let final = result.final, let earlier = stretchStart(result) else { return nil }
    let drop = (earlier.cost - final.cost) / max(abs(earlier.cost), .leastNormalMagnitude)
    return drop * 0.1 * Double(steps) / Double(steps - earlier.iteration)
  }

  /// The start of a run's last stretch: its figures at nine tenths of the run
  /// (`TrainingResult.late`); for a run that went on from a checkpoint past that point, the last
  /// record in the second half of the run and at most nine tenths into it; nil when neither is.
  static func stretchStart<T: Scalar>(_ result: TrainingResult<T>) -> Record? {
    let steps = result.iterations
    let inStretch = { (r: Record) in
      r.iteration < steps && 10 * r.iteration <= 9 * steps && 2 * r.iteration >= steps
    }
    return result.late.flatMap { inStretch($0) ? $0 : nil } ?? result.records.last(where: inStretch)
  }
}

extension TrainingProgress {
  /// How a run of `configuration` on `trainRows` rows went, from its first record to the model
  /// returned; nil when nothing was trained (no step, the exact solver), L-BFGS converged (at
  /// its optimum), the run diverged (said otherwise) or nothing was recorded. A network is a
  /// model with hidden layers or a ReLU output: its loss can sit still away from the optimum (no
  /// step from zeros, dead units), where a linear or logistic model's flat loss is at its
  /// optimum. The peak is the records' largest objective and, for a full-batch run of one model
  /// without a penalty, the largest step loss (`TrainingResult.stepPeaks`: then the whole
  /// training set's loss, the same whatever `record_every` is); a mini-batch step's loss is one
  /// batch's, too noisy, and a step's loss leaves out the penalty a cost includes. A full-batch
  /// run's objective at nine tenths of it (`stretchStart`) tells whether it still fell.
  init?<T: Scalar>(
    _ result: TrainingResult<T>, configuration c: TrainingConfiguration, trainRows: Int
  ) {
    switch result.stopReason {
    case .solved, .diverged, .converged: return nil
    default: break
    }
    guard result.iterations > 0, let first = result.records.first, let final = result.final
    else { return nil }
    var peak = (result.records + [final]).map(\.cost).max() ?? first.cost
    let fullBatch = (c.batchSize ?? trainRows) >= trainRows
    if fullBatch, !c.hasPenalty, let peaks = result.stepPeaks, peaks.count == 1,
      let stepPeak = peaks[0]
    {
      peak = max(peak, stepPeak)
    }
    self.init(
      start: first.cost, end: final.cost, peak: peak,
      penalized: first.penalty != 0 || final.penalty != 0,
      network: c.model.layers.count > 1 || c.model.layers.last?.activation == .relu,
      late: fullBatch ? DiagnosisContext.Training.stretchStart(result)?.cost : nil)
  }
}

extension RunResultsWriter {
  /// Andrew Ng's diagnosis of the final model, with advice that fits the model, the task and
  /// where training stood.
  func diagnose() -> BiasVarianceDiagnosis? {
    guard let final = result.final, let trainError = error(final.train, count: data.train.count)
    else { return nil }
    let classification = ErrorMeasure(configuration.engine).classification
    let progress = TrainingProgress(
      result, configuration: configuration.engine, trainRows: data.train.count)
    let (baseError, baseErrorSource) = spec.judgedBaseError
    let heldOut = [(data.trainDev, final.trainDev), (data.dev, final.dev), (data.test, final.test)]
      .first { $0.1 != nil }.flatMap { part, evaluation in
        part.map { (error: error(evaluation, count: $0.count), examples: $0.examples) }
      }
    let trainDevError = error(final.trainDev, count: data.trainDev?.count)
    let devError = error(final.dev, count: data.dev?.count)
    let testError = error(final.test, count: data.test?.count)
    // Data mismatch: dev (else test) against train-dev, were both drawn alike.
    let mismatchHeldOut = [(data.dev, devError), (data.test, testError)].lazy
      .compactMap { part, error in
        error.flatMap { error in part.map { (error: error, examples: $0.examples) } }
      }.first
    let mismatch = data.trainDev.flatMap { trainDev in
      trainDevError.flatMap { error in mismatchHeldOut.map { (trainDev.examples, error, $0) } }
    }
    let sampling = SamplingErrors(
      loss: configuration.engine.loss, classification: classification, model: result.model,
      train: data.train.examples,
      trainError: trainError, heldOut: heldOut, baseError: baseError, mismatch: mismatch)
    return BiasVarianceDiagnosis(
      baseError: baseError, baseErrorSource: baseErrorSource, trainError: trainError,
      trainDevError: trainDevError,
      devError: devError, testError: testError,
      thresholds: BiasVarianceThresholds(spec.report.biasVariance, classification: classification),
      context: diagnosisContext(
        classification: classification, trainError: trainError, progress: progress),
      progress: progress, heldOutSampling: sampling.heldOut, trainSampling: sampling.train,
      mismatchSampling: sampling.mismatch, precision: precision)
  }

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

  /// The least-squares optimum of the training objective, for a linear regression under mse
  /// without L1 or weight decay trained by full-batch steps that did not diverge (mini-batch
  /// steps wander about their floor, which a lower rate lowers: not judged by it); nil
  /// otherwise, or when the normal equations are singular.
  var leastSquaresOptimum: Double? {
    let c = configuration.engine
    guard case .linearRegression(.iterative) = c.model, c.loss == .mse,
      c.regularization.l1 == 0, c.optimizer.settings.weightDecay == 0,
      (c.batchSize ?? data.train.count) >= data.train.count
    else { return nil }
    if case .diverged = result.stopReason { return nil }
    return LeastSquaresOptimum.cost(data.train.examples, l2: c.regularization.l2)
  }

  /// The facts the recommendations use.
  func diagnosisContext(classification: Bool, trainError: Double, progress: TrainingProgress?)
    -> DiagnosisContext
  {
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
    context.hiddenLayers = max(0, spec.model.layers.count - 1)
    switch spec.optimizer.budget {
    case .iterations(let n):
      context.trainingLengthKey = "optimizer.iterations"
      context.trainingLength = n
    case .epochs(let n):
      context.trainingLengthKey = "optimizer.epochs"
      context.trainingLength = n
    }
    if case .linearRegression(solver: .exact) = configuration.engine.model {
      context.training = .converged
    } else {
      context.training = DiagnosisContext.Training(result)
      if classification, context.hiddenLayers == 0, context.training == .stillImproving,
        trainingErrorStalled
      {
        context.training = .converged
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
    }
    switch spec.model.initialization {
    case .explicit, .from: context.fixedInit = true
    case .declared: break
    }
    if context.hiddenLayers > 0 {
      context.outputActivation = spec.model.layers.last?.activation.rawValue
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
      // A class-shaped output the metrics do not score: the advice says how to judge classes.
      if spec.model.kind == .mlp, let output = spec.model.layers.last, output.units == 1,
        [.sigmoid, .step].contains(output.activation), targets.cols == 1, targets.rows > 0,
        targets.storage.allSatisfy({ $0 == 0 || $0 == 1 })
      {
        context.unscoredClassOutput = output.activation.rawValue
      }
    }
    if context.isNoBetterThanMean(trainError)
      || progress.map({
        $0.madeNoProgress || $0.roseALot || context.isAt(.prior, loss: $0.end)
          || ($0.network && $0.barelyMoved)
      }) == true
    {
      context.featureScale = InputScale.unscaled(spec, data)
    }
    if let optimum = leastSquaresOptimum, let final = result.final {
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
