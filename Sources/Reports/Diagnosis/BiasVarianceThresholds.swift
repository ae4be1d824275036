/// How large each gap must be before the diagnosis calls it a problem (absolute, in the units
/// of the error: a fraction for classification error, the loss for regression).
public struct BiasVarianceThresholds: Sendable, Equatable {
  /// Avoidable bias (train − base) above this is high bias.
  public var avoidableBias: Double
  /// Variance (train-dev, else dev, else test, minus train) above this is high variance.
  public var variance: Double
  /// Data mismatch (dev, else test, minus train-dev) above this is a data mismatch.
  public var dataMismatch: Double

  /// Thresholds for each gap.
  public init(avoidableBias: Double, variance: Double, dataMismatch: Double) {
    self.avoidableBias = avoidableBias
    self.variance = variance
    self.dataMismatch = dataMismatch
  }

  /// The defaults for classification error: five percentage points for each gap (one sample
  /// of a 50-sample test set is two points, so smaller gaps are usually noise).
  public static let classificationDefault = BiasVarianceThresholds(
    avoidableBias: 0.05, variance: 0.05, dataMismatch: 0.05)
}

/// What the diagnosis says is wrong.
public enum BiasVarianceVerdict: String, Sendable, Equatable, CaseIterable {
  /// Neither gap exceeds its threshold.
  case fine
  /// The model underfits: train error is far above the base error.
  case highBias = "high bias"
  /// The model overfits: held-out error is far above train error.
  case highVariance = "high variance"
  /// Both at once.
  case both = "high bias and high variance"
}
