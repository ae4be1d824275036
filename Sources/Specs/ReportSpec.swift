/// What the reports compute beyond the metrics.
public struct ReportSpec: Sendable, Equatable {
  /// Thresholds of the train/dev bias-variance diagnosis.
  public var biasVariance: BiasVarianceSpec = .init()
  /// Bias/variance decomposition by bootstrap; nil: off.
  public var bootstrap: BootstrapSpec?
  /// Training-set sizes for a learning curve (fractions or counts); nil: off.
  public var learningCurve: [SplitAmount]?
  /// A validation curve over one hyperparameter; nil: off.
  public var validationCurve: ValidationCurveSpec?
  /// Write SVG plots and the HTML/Markdown reports.
  public var plots: Bool = true

  /// Bias/variance diagnosis with default thresholds, plots on, no bootstrap or curves.
  public init() {}
}

/// Andrew Ng's diagnosis: avoidable bias = train − base, variance = (train-dev | dev | test) − train.
/// Errors are fractions for classification and the loss for regression, whose thresholds apply
/// to the gaps relative to base and train error.
public struct BiasVarianceSpec: Sendable, Equatable {
  /// The best achievable (e.g. human) error.
  public var baseError: Double = 0
  /// Avoidable bias above this is "high bias".
  public var biasThreshold: Double = 0.05
  /// Variance above this is "high variance".
  public var varianceThreshold: Double = 0.05

  /// Base error 0 and thresholds 0.05 for both high bias and high variance.
  public init() {}

  /// Base error 0 and the task's thresholds: 0.05 for classification, 0.1 (relative) otherwise.
  public init(classification: Bool) {
    if !classification { (biasThreshold, varianceThreshold) = (0.1, 0.1) }
  }
}

/// mlxtend-style bootstrap decomposition of the test loss into bias² and variance.
public struct BootstrapSpec: Sendable, Equatable {
  /// Bootstrap rounds (≥ 1): models trained on resampled training sets (200 by default).
  public var rounds: Int = 200
  /// The loss decomposed into bias² and variance over the rounds.
  public var loss: DecomposedLoss
  /// Defaults to the experiment's seed.
  public var seed: UInt64 = 0

}

/// Train and dev error against the values of one hyperparameter.
public struct ValidationCurveSpec: Sendable, Equatable {
  /// A key path into this spec, e.g. `regularization.l2`.
  public var parameter: SpecPath
  /// Values, each typed and validated as `--set parameter=value` would be.
  public var values: [SpecValue]

}
