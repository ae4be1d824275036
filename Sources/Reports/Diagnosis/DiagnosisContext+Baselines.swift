/// The baselines a training loss is judged against: models that ignore their inputs (the
/// training targets' mean, the class frequencies, the most common class).
extension DiagnosisContext {
  /// A loss of a model that ignores its inputs, which a training loss no lower than it did not
  /// beat: it learned next to nothing from the inputs.
  public enum Baseline: Sendable {
    /// Predicting every row the training targets' mean (a regression's: `meanPredictionError`).
    case mean
    /// Predicting every row the training class frequencies (a classifier's: `priorLoss`).
    case prior

    /// How far below the baseline's loss, as a fraction of it, a training loss may end and
    /// still count as at it (`isAt`): for the mean the same loss to nine digits; for the prior
    /// 1%, a hundredth of the information the labels hold.
    public var tolerance: Double {
      switch self {
      case .mean: 1e-9
      case .prior: 0.01
      }
    }
  }

  /// The loss of `baseline`, when known.
  public func loss(of baseline: Baseline) -> Double? {
    switch baseline {
    case .mean: meanPredictionError
    case .prior: priorLoss
    }
  }

  /// True when `loss` is at `baseline`'s loss: above it, or below it by at most the baseline's
  /// `tolerance` of it, so the model learned next to nothing beyond ignoring its inputs (a
  /// classifier at its prior; a regression at its mean: for mse a train R² at or below 0).
  public func isAt(_ baseline: Baseline, loss: Double) -> Bool {
    guard let value = self.loss(of: baseline), value > 0 else { return false }
    return loss >= value * (1 - baseline.tolerance)
  }

  /// True when a regression's `trainError` is at its mean predictor's loss (`isAt(.mean)`):
  /// training that did not converge or stalled (gd oscillating between two points of the mean's
  /// loss), unless its L1 penalty alone makes zero weights the optimum (`penaltyZeroesWeights`):
  /// the model then sits at the mean by design.
  public func isNoBetterThanMean(_ trainError: Double) -> Bool {
    penaltyZeroesWeights != true && isAt(.mean, loss: trainError)
  }

  /// True when a classifier's `trainError` is no lower than always predicting the most common
  /// class.
  public func isNoBetterThanMajority(_ trainError: Double) -> Bool {
    guard let majority = majorityClassError, majority > 0 else { return false }
    return trainError >= majority
  }

  /// True when a regression's `trainError` is at least `flatFraction` of the loss of predicting
  /// the training targets' mean: the model is all but a constant (for mse, a train R² of 0.05
  /// or less), the regression twin of a classifier no better than its most common class.
  public func isAllButConstant(_ trainError: Double) -> Bool {
    guard let mean = meanPredictionError, mean > 0 else { return false }
    return trainError >= Self.flatFraction * mean
  }

  /// The share of the mean predictor's loss at or above which a regression is all but a
  /// constant (`isAllButConstant`).
  public static let flatFraction = 0.95
}
