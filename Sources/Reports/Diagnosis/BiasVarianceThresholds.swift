/// How large each gap must be before the diagnosis calls it a problem.
///
/// For classification the gaps are compared as they are (fractions of examples). For regression
/// an error is a loss in the target's units (an MSE of 2908 on diabetes), so the gaps are compared
/// relative to the error they grow from: avoidable bias / base error, variance / train error,
/// data mismatch / train-dev error.
public struct BiasVarianceThresholds: Sendable, Equatable {
  /// Avoidable bias (train − base) above this is high bias.
  public var avoidableBias: Double
  /// Variance (train-dev, else dev, else test, minus train) above this is high variance.
  public var variance: Double
  /// Data mismatch (dev, else test, minus train-dev) above this is a data mismatch.
  public var dataMismatch: Double
  /// True when the thresholds apply to the relative gaps (regression), false when to the gaps.
  public var relative: Bool

  /// Thresholds for each gap, absolute unless `relative`.
  public init(avoidableBias: Double, variance: Double, dataMismatch: Double, relative: Bool = false)
  {
    self.avoidableBias = avoidableBias
    self.variance = variance
    self.dataMismatch = dataMismatch
    self.relative = relative
  }

  /// The defaults for classification error: five percentage points for each gap (one sample
  /// of a 50-sample test set is two points, so smaller gaps are usually noise).
  public static let classificationDefault = BiasVarianceThresholds(
    avoidableBias: 0.05, variance: 0.05, dataMismatch: 0.05)

  /// The defaults for regression: each gap above 10% of the error it grows from (the mean
  /// squared error of a test set of a few hundred examples varies by about that much between
  /// samples, so smaller gaps are usually noise).
  public static let regressionDefault = BiasVarianceThresholds(
    avoidableBias: 0.1, variance: 0.1, dataMismatch: 0.1, relative: true)

  /// The defaults for a task.
  public static func defaults(classification: Bool) -> BiasVarianceThresholds {
    classification ? classificationDefault : regressionDefault
  }
}

/// What the diagnosis says is wrong.
public enum BiasVarianceVerdict: String, Sendable, Equatable, CaseIterable {
  /// Neither gap exceeds its threshold, and both were measured.
  case fine
  /// The model underfits: train error is far above the base error.
  case highBias = "high bias"
  /// The model overfits: held-out error is far above train error.
  case highVariance = "high variance"
  /// Both at once.
  case both = "high bias and high variance"
  /// Variance is low and bias not judged (a regression's base error of 0).
  case lowVariance = "low variance"
  /// Bias is not high, and the variance gap passed its threshold but not the held-out error's
  /// sampling error: it may be noise, and more held-out rows would tell.
  case varianceUnclear = "variance unclear"
  /// Variance is not high, and the avoidable-bias gap passed its threshold but not the training
  /// error's sampling error: it may be noise, and more training rows would tell.
  case biasUnclear = "bias unclear"
  /// Both gaps passed their thresholds, each within its sampling error.
  case bothUnclear = "bias and variance unclear"
  /// Nothing stands out, but variance could not be measured (no held-out split), or too few
  /// rows (`BiasVarianceDiagnosis.rowsToJudge`) or a class without a training row leave
  /// "fine" unsupported.
  case notJudged = "not judged"
  /// Training made no progress (`TrainingProgress`): bias and variance are not judged.
  case notConverged = "training did not converge"
  /// A closed-form solve (`DiagnosisContext.closedForm`) whose optimum is no better than
  /// predicting the training targets' mean: bias and variance are not judged.
  case predictsMean = "the exact solve predicts the mean"
  /// Training failed only by a rise (`TrainingProgress.roseALot`) of a loss that then fell below
  /// its start: it went down in the end, but the gaps of so unstable a run are not judged.
  case unstable = "training was unstable"
}
