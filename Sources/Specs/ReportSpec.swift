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
}

/// Andrew Ng's diagnosis: avoidable bias = train − base, variance = (train-dev | dev | test) − train.
/// Errors are fractions for classification (a run judged as classes, `ExperimentSpec.judgesClasses`)
/// and the loss for regression, whose thresholds apply to the gaps relative to base and train
/// error.
public struct BiasVarianceSpec: Sendable, Equatable {
  /// The best achievable error (human-level, estimating the Bayes error) as written; nil when
  /// not written: the generator's noise floor when it is known (`GeneratorSpec.knowsNoiseFloor`),
  /// else 0.
  public var baseError: Double?
  /// Avoidable bias above this is "high bias".
  public var biasThreshold: Double = 0.05
  /// Variance above this is "high variance".
  public var varianceThreshold: Double = 0.05

  /// Base error not written and the task's thresholds: 0.05 for classification (the default: thresholds
  /// 0.05 for both high bias and high variance), 0.1 (relative) otherwise.
  public init(classification: Bool = true) {
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

extension ReportSpec {
  /// The keys of `report:`.
  static let keys: [SpecKey<ReportSpec>] = [
    .section(
      "bias_variance", \.biasVariance, BiasVarianceSpec.keys,
      "Andrew Ng's diagnosis: avoidable bias and variance with a verdict.",
      example: "{base_error: 0.0}"),
    .optional(
      "bootstrap", \.bootstrap, BootstrapSpec.keys,
      start: { d in BootstrapSpec(loss: d.loss.isClassification ? .zeroOne : .mse) },
      defaults: BootstrapSpec(loss: .mse),
      "Bias/variance decomposition by bootstrap (mlxtend's); a round is a run of its resample.",
      example: "{rounds: 200}"),
    .optional(
      "learning_curve", \.learningCurve, "mapping", default: "none (off)",
      "Train and dev error against training-set size; a point is a run of its rows, with the "
        + "spec's `l2` and `l1` (per mean loss: at n rows `l2` is C = 1/(l2·n), not the full set's C).",
      example: "{sizes: [0.1, 0.5, 1.0]}",
      more: [
        Schema.k(
          "learning_curve.sizes", "list of fractions or counts", "required",
          "Training-set sizes, increasing (fractions of the training set, rounded to the nearest row,"
            + " halves up; counts of rows).",
          "sizes: [50, 100, 200]")
      ], read: { d, n, p in d.decodeLearningCurve(n, p) },
      write: { b, sizes in b.add("sizes", flow: .list(sizes.map(\.specValue))) }),
    .optional(
      "validation_curve", \.validationCurve, "mapping", default: "none (off)",
      "Train and dev error against one hyperparameter.",
      example: "{parameter: regularization.l2, values: [0, 0.01, 0.1]}",
      more: [
        Schema.k(
          "validation_curve.parameter", "key path", "required",
          "The swept key path (validated like --set); not `dtype`, `threads`, `description` "
            + "or a `report` key (no point would differ).",
          "parameter: dataset.preprocessing[0].polynomial"),
        Schema.k(
          "validation_curve.values", "list of numbers", "required",
          "The values, each given once (0.1 and 1e-1 are one) and validated like --set (its "
            + "errors and warnings said at the value), with the data's rules too.",
          "values: [1, 2, 4, 8]"),
      ], read: { d, n, p in d.decodeValidationCurve(n, p) },
      write: { b, curve in
        b.add("parameter", string: curve.parameter.description)
        b.add("values", flow: .list(curve.values))
      }),
    .flag("plots", \.plots, "Write SVG plots and report.html / report.md.", example: "false"),
  ]
}

extension BiasVarianceSpec {
  /// The keys of `report.bias_variance:`.
  static let keys: [SpecKey<BiasVarianceSpec>] = [
    .value(
      "base_error", \.baseError, type: "number ≥ 0 (in [0, (k−1)/k] for k classes)",
      default: "the generator's noise floor when known, else 0",
      "The best achievable error, avoidable bias's floor: human-level error as the estimate of the Bayes error (a fraction; 0 for cat pictures), or for regression the lowest loss. A run is a classification here when its loss is one or its `metrics` score classes (`accuracy`, `f1`, …: a step or sigmoid output trained with mse on 0/1 targets is judged by its misclassified fraction); see docs/results.md. Not written, data from a generator whose floor its own keys give is judged against that floor, and the verdict names it: `blobs`, the Bayes error of its Gaussians with the sizes' shares as priors (quasi-Monte Carlo, 3 significant digits, fewer when its standard error leaves the third open); `linear`, `polynomial`, `sine` with noise σ > 0, the loss of the noise itself (mse σ², mae σ·√(2/π), huber its mean over N(0, σ²)). Moons, circles, spirals and gates: 0. A written value (0 too) wins. On k classes a value above (k−1)/k (0.5 for two) is refused once the classes are known (from the spec, else from the data): always answering the most common class errs at most that much, so no Bayes error is larger; an accuracy of 0.9 is base_error 0.1.",
      example: "0.01", read: { d, n, p in d.baseError(n, p).map(Optional.some) },
      write: { b, key, v in b.add(key, number: v ?? 0) }),
    .number(
      "bias_threshold", \.biasThreshold, .nonNegative, default: "0.05 (regression: 0.1)",
      "High bias above: train − base, or for regression (train − base)/base, when the gap is also"
        + " beyond the sampling error at the base error, p < 0.02275 (else `bias unclear`).",
      example: "0.02"),
    .number(
      "variance_threshold", \.varianceThreshold, .nonNegative, default: "0.05 (regression: 0.1)",
      "High variance above: held-out − train, or for regression that over train, when the gap is"
        + " also beyond its sampling error were both errors drawn alike, p < 0.02275 (else `variance"
        + " unclear`); the data-mismatch threshold too.",
      example: "0.02"),
  ]
}

extension BootstrapSpec {
  /// The keys of `report.bootstrap:`.
  static let keys: [SpecKey<BootstrapSpec>] = [
    .integer("rounds", \.rounds, .within(2, 100_000), "Bootstrap rounds.", example: "200"),
    .choice(
      "loss", \.loss, what: "bootstrap loss",
      default: "regression losses: mse; classification: zero_one",
      "Loss decomposed. mse on a classifier of 3 or more classes is refused: it would square "
        + "the distance between class numbers (predicting class 2 for class 0 costs 4, class 1 "
        + "costs 1), a figure that renaming the classes changes, which is what mlxtend's "
        + "`bias_variance_decomp(loss='mse')` computes on label-encoded classes; on two classes "
        + "each prediction's squared error is its 0-1 loss, decomposed as mse.",
      example: "mse"),
    .seed("seed", \.seed, "Seed of the resamples.", example: "123"),
  ]
}
