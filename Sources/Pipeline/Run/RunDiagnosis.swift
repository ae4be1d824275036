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
    case .completed, .notConverged, .searchFailed:
      guard let perTenth = Self.dropPerTenth(result) else {
        self = .unknown
        return
      }
      self = perTenth > 1e-3 ? .stillImproving : .converged
    }
  }

  /// Whether the objective fell over the run's last stretch (`stretchStart`) at half its
  /// average pace over the whole run or more: a budget spent mid-descent (a few steps, or
  /// steps too small to slow it, tester BD), not a run that levelled off, however little of
  /// the objective each tenth took. Judged of models without hidden layers only: a network
  /// crawling at a tiny rate is told of its rate (`BiasVarianceDiagnosis.convergenceAdvice`).
  static func fellAtItsPace<T: Scalar>(_ result: TrainingResult<T>) -> Bool {
    guard let final = result.final, let first = result.records.first,
      let earlier = stretchStart(result), first.iteration < earlier.iteration
    else { return false }
    let total = (first.cost - final.cost) / Double(result.iterations - first.iteration)
    let late = (earlier.cost - final.cost) / Double(result.iterations - earlier.iteration)
    return total > 0 && late >= total / 2
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
    let late = fullBatch ? DiagnosisContext.Training.stretchStart(result) : nil
    self.init(
      start: first.cost, end: final.cost, peak: peak,
      penalized: first.penalty != 0 || final.penalty != 0,
      network: c.model.layers.count > 1 || c.model.layers.last?.activation == .relu,
      late: late?.cost)
    lateSteps = late.map { result.iterations - $0.iteration }
  }
}

extension RunResultsWriter {
  /// Andrew Ng's diagnosis of the final model, with advice that fits the model, the task and
  /// where training stood; the held-out parts in file order without a class training has are
  /// `heldOutClassGaps` (`PreparedData.heldOutClassGaps`).
  func diagnose(heldOutClassGaps: [HeldOutClassGap]) -> BiasVarianceDiagnosis? {
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
        classification: classification, trainError: trainError, progress: progress,
        heldOutClassGaps: heldOutClassGaps),
      progress: progress, heldOutSampling: sampling.heldOut, trainSampling: sampling.train,
      mismatchSampling: sampling.mismatch, precision: precision)
  }
}
