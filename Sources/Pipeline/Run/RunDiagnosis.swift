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
  /// early stopping ended it; else (budget spent, L-BFGS included) still improving when the objective (loss + penalty) fell by
  /// more than 0.1% per tenth of the run over its last recorded stretch (at most its second
  /// half), converged when it fell less; unknown without a record in that stretch.
  init<T: Scalar>(_ result: TrainingResult<T>) {
    switch result.stopReason {
    case .converged, .solved, .earlyStopped: self = .converged
    case .diverged: self = .unknown
    case .completed, .notConverged:
      let steps = result.iterations
      guard let final = result.final, steps > 0,
        let earlier = result.records.last(where: {
          $0.iteration < steps && 10 * $0.iteration <= 9 * steps && 2 * $0.iteration >= steps
        })
      else {
        self = .unknown
        return
      }
      let drop = (earlier.cost - final.cost) / max(abs(earlier.cost), .leastNormalMagnitude)
      let perTenth = drop * 0.1 * Double(steps) / Double(steps - earlier.iteration)
      self = perTenth > 1e-3 ? .stillImproving : .converged
    }
  }
}

extension TrainingProgress {
  /// How a run of `model` went, from its first record to the model returned; nil when nothing
  /// was trained (no step, the exact solver), L-BFGS converged (at its optimum), the run
  /// diverged (said otherwise) or nothing was recorded. A network is a model with hidden layers
  /// or a ReLU output: its loss can sit still away from the optimum (no step from zeros, dead
  /// units), where a linear or logistic model's flat loss is at its optimum.
  init?<T: Scalar>(_ result: TrainingResult<T>, model: ModelKind) {
    switch result.stopReason {
    case .solved, .diverged, .converged: return nil
    default: break
    }
    guard result.iterations > 0, let first = result.records.first, let final = result.final
    else { return nil }
    let peak = (result.records + [final]).map(\.cost).max()
    self.init(
      start: first.cost, end: final.cost, peak: peak,
      penalized: first.penalty != 0 || final.penalty != 0,
      network: model.layers.count > 1 || model.layers.last?.activation == .relu)
  }
}

extension RunResultsWriter {
  /// Andrew Ng's diagnosis of the final model, with advice that fits the model, the task and
  /// where training stood.
  func diagnose() -> BiasVarianceDiagnosis? {
    guard let final = result.final, let trainError = error(final.train, count: data.train.count)
    else { return nil }
    let classification = configuration.engine.loss.isClassification
    let progress = TrainingProgress(result, model: configuration.engine.model)
    let baseError = spec.report.biasVariance.baseError
    let sampling = samplingErrors(final, baseError: baseError)
    return BiasVarianceDiagnosis(
      baseError: baseError, trainError: trainError,
      trainDevError: error(final.trainDev, count: data.trainDev?.count),
      devError: error(final.dev, count: data.dev?.count),
      testError: error(final.test, count: data.test?.count),
      thresholds: BiasVarianceThresholds(spec.report.biasVariance, classification: classification),
      context: diagnosisContext(
        classification: classification, trainError: trainError, progress: progress),
      progress: progress, heldOutSampling: sampling.heldOut, trainSampling: sampling.train)
  }

  /// The sampling errors the gaps are judged against.
  ///
  /// For bias, the training error's, had the model been at the base error (no avoidable bias):
  /// for classifiers √(b(1 − b)/n) at base error b, 0 for a noise-free target (every gap is
  /// real then); for regression the training samples' losses' spread relative to their mean,
  /// scaled to the base error (for Gaussian noise and mse, b·√(2/n)).
  ///
  /// For variance, the error's on the held-out split it is measured on (train-dev, else dev,
  /// else test): for classifiers of its misclassified fraction; for regression of a mean of as
  /// many losses spread like the training samples' losses under the returned model (what the
  /// held-out mean would vary by if the model did as well there: no variance). The held-out
  /// losses' own spread would not do: an overfit model's few huge held-out losses widen it and
  /// hide the overfit (a degree-9 polynomial on 15 points, test MSE 466 times the train MSE).
  func samplingErrors(_ final: Record, baseError: Double) -> (
    train: SamplingError?, heldOut: SamplingError?
  ) {
    let splits = [(data.trainDev, final.trainDev), (data.dev, final.dev), (data.test, final.test)]
    let heldOut = splits.first { $0.1 != nil }
    let heldOutCount = heldOut?.0?.count ?? 0
    if configuration.engine.loss.isClassification {
      return (
        SamplingError.fraction(atRate: baseError, count: data.train.count),
        error(heldOut?.1, count: heldOutCount).flatMap {
          SamplingError.fraction($0, count: heldOutCount)
        }
      )
    }
    guard let losses = trainingLosses() else { return (nil, nil) }
    return (
      SamplingError.meanLoss(losses, count: data.train.count, scaledTo: baseError),
      heldOut == nil ? nil : SamplingError.meanLoss(losses, count: heldOutCount)
    )
  }

  /// Each training sample's loss under the returned model, predicted in blocks of rows as
  /// evaluation predicts, so that no more memory is needed than the run's estimate allows for;
  /// nil when the model cannot predict.
  func trainingLosses() -> [Double]? {
    let (x, y) = (data.train.features, data.train.targets)
    let loss = configuration.engine.loss
    var losses: [Double] = []
    for start in stride(from: 0, to: x.rows, by: 256) {
      let block = start..<min(start + 256, x.rows)
      guard let outputs = try? result.model.network?.predict(x.rows(block)),
        let part = loss.sampleLosses(outputs: outputs, targets: y.rows(block))
      else { return nil }
      losses += part
    }
    return losses
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
    if case .generator(let generator) = spec.dataset.source,
      GeneratorSpec.keys(for: generator.kind).contains("samples")
    {
      context.generatedSamples = generator.samples
    }
    context.l2 = spec.regularization.l2
    context.l1 = spec.regularization.l1
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
      context.optimizer = spec.optimizer.kind.rawValue
      if spec.optimizer.kind != .lbfgs { context.learningRate = spec.optimizer.learningRate }
    }
    if context.hiddenLayers > 0, spec.model.initialization == .zeros {
      context.randomInit =
        InitializerKind.random(for: spec.model.layers.dropLast().map(\.activation))
        .rawValue
    }
    context.meanPredictionError = MeanPrediction.loss(
      configuration.engine.loss, targets: data.train.examples.y)
    if context.isWorseThanMean(trainError)
      || progress.map({ $0.madeNoProgress || $0.roseALot }) == true
    {
      context.featureScale = InputScale.unscaled(spec, data)
    }
    context.inputFeatures = data.train.examples.x.cols
    context.unusedColumns = data.unusedColumns
    for case .polynomial(let degree) in spec.dataset.preprocessing {
      context.polynomialDegree = degree
    }
    return context
  }
}
