import Engine
import Reports
import Specs

/// One model trained for a curve point: its train error and its held-out error (dev, else test).
struct CurveTraining<T: Scalar>: Sendable {
  /// What is trained (the seed and metrics as the run's).
  var configuration: TrainingConfiguration
  var train: Examples<T>
  var dev: Examples<T>?
  var test: Examples<T>?
  /// The model's input columns' names, to name a collinear one.
  var featureNames: [String]? = nil
  /// The key whose value 0 sets the point's l2 (`TrainingError.zeroL2Setter`), which an
  /// unsolvable point's remedy names; nil: the spec's own.
  var zeroL2By: SpecPath? = nil

  /// The held-out split the curve reports: dev when present, else test.
  var heldOutSplit: Reports.Split? { dev != nil ? .dev : test != nil ? .test : nil }

  /// Trains and returns (train error, held-out error) and the facts its verdict judges: how the
  /// training loss went (from the initial record to the end) and, given the `baseError` the
  /// point is judged at, the errors' sampling errors (`SamplingErrors`) and the loss of
  /// predicting the training targets' mean, each from this point's model and training rows as
  /// a run of them would compute it; `what` names the point in errors. A model that diverges
  /// gives NaN errors and the reason in `failure`: the curve keeps the point as failed (like
  /// scikit-learn's `error_score=nan`) and goes on. `stop` is how the point's training ended
  /// (nil when it failed), for the curve's warning on L-BFGS short of its tolerance.
  func errors(what: String, baseError: Double? = nil) throws(AnalysisError) -> (
    train: Double, heldOut: Double, failure: String?, facts: CurveDiagnosis.Facts,
    stop: StopReason?
  ) {
    var c = configuration
    let measure = ErrorMeasure(c)
    c.metrics = measure.metrics
    if let watched = c.earlyStopping?.metric, !c.metrics.contains(watched) {
      c.metrics.append(watched)
    }
    if c.earlyStopping == nil { c.recordEvery = Int.max }
    let result: TrainingResult<T>
    do {
      result = try Trainer.train(c, train: train, dev: dev, test: dev == nil ? test : nil)
    } catch  where error.isUnsolvable {
      // Too few rows for the exact solver (6 rows, 7 unknowns): a failed point, as a diverged
      // one is (scikit-learn's error_score=nan), not a failed run.
      return (
        .nan, .nan, "\(what): \(error.described(featureNames: featureNames, zeroL2By: zeroL2By))",
        CurveDiagnosis.Facts(), nil
      )
    } catch {
      throw .training(what: what, error)
    }
    if let divergence = result.divergence {
      return (
        .nan, .nan, AnalysisError.diverged(what: what, divergence).description,
        CurveDiagnosis.Facts(), nil
      )
    }
    guard let final = result.final,
      let trainError = measure.error(final.train, count: train.count),
      let heldOut = measure.error(final.dev ?? final.test, count: (dev ?? test)?.count ?? 0)
    else {
      throw .curve("\(what): a curve needs a dev or test split to measure the held-out error")
    }
    var facts = CurveDiagnosis.Facts(
      progress: TrainingProgress(result, configuration: c, trainRows: train.count))
    if let baseError {
      let sampling = SamplingErrors(
        loss: c.loss, classification: measure.classification, model: result.model, train: train,
        trainError: trainError, heldOut: (dev ?? test).map { (error: heldOut, examples: $0) },
        baseError: baseError)
      facts.trainSampling = sampling.train
      facts.heldOutSampling = sampling.heldOut
      if measure.classification {
        facts.majorityClassError = MeanPrediction.majorityError(targets: train.y)
        facts.priorLoss = MeanPrediction.priorLoss(c.loss, targets: train.y)
        facts.weightDecay = c.optimizer.settings.weightDecay
      } else {
        facts.meanPredictionError = MeanPrediction.loss(c.loss, targets: train.y)
        facts.penaltyZeroesWeights = LassoZeroWeights.areOptimal(c, train)
        if case .linearRegression(solver: .exact) = c.model { facts.closedForm = true }
      }
      (facts.trainRows, facts.heldOutRows) = (train.count, (dev ?? test)?.count)
    }
    return (trainError, heldOut, nil, facts, result.stopReason)
  }
}
