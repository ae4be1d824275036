import Conventions
import Foundation

/// Andrew Ng's bias/variance diagnosis from the errors of one trained model.
///
///     avoidable bias = train − base
///     variance       = (train-dev, else dev, else test) − train
///     data mismatch  = (dev, else test) − train-dev      (only when a train-dev split exists)
///
/// Each gap above its threshold is a problem; the verdict names them, and `recommendations`
/// phrases what to try as changes to the spec. The variance gap must also exceed its own
/// sampling error, were the held-out and training errors drawn alike (`SamplingError.holds`,
/// when known): a gap within it may be the luck of a small draw, and the verdict says so
/// instead of calling it high variance.
/// Likewise the avoidable-bias gap must exceed the sampling error the training error would have
/// at the base error (`trainSampling`): a training error within it of the base error may be the
/// luck of few training rows, not underfitting. And the data-mismatch gap must exceed its own
/// sampling error, were the dev (else test) and train-dev errors drawn alike
/// (`mismatchSampling`): a train-dev split drawn from the same shuffled rows as dev and test
/// has no mismatch, whatever the luck of its few rows.
/// With relative thresholds (regression, whose errors are losses in the target's units) each gap
/// is first divided by the error it grows from: base, train and train-dev error; a base error of
/// 0 then leaves bias unjudged (no gap is small beside a perfect fit), and the verdict says so.
///
/// Bias and variance are judged only on a model that trained: when training made no progress
/// (`TrainingProgress`), the verdict says so and the advice is what makes the loss go down.
public struct BiasVarianceDiagnosis: Sendable, Equatable {
  /// The error the best possible model would make (human-level or Bayes error estimate).
  public let baseError: Double
  /// Where `baseError` came from when the spec did not write it and the data's generator gave
  /// it (e.g. `the Bayes error of these blobs, from the generator's means, covariances and
  /// sizes`); nil for a written base error or the default 0.
  public let baseErrorSource: String?
  /// Error on the training set.
  public let trainError: Double
  /// Error on held-out data drawn like the training set, if such a split exists.
  public let trainDevError: Double?
  /// Error on the dev (validation) set, if any.
  public let devError: Double?
  /// Error on the test set, if any.
  public let testError: Double?
  /// The thresholds the gaps are compared with.
  public let thresholds: BiasVarianceThresholds
  /// Facts about the spec that make recommendations concrete (with the validation curve once
  /// it is trained, after the final model).
  public var context: DiagnosisContext
  /// How the training loss went, when known.
  public let progress: TrainingProgress?
  /// The sampling error of the variance gap (the held-out error on `varianceSplit` less the
  /// training error) were both drawn alike, when known; its count is the held-out samples'.
  public let heldOutSampling: SamplingError?
  /// The sampling error the training error would have were the model at the base error, when
  /// known (0 for a noise-free classification: any gap is then real).
  public let trainSampling: SamplingError?
  /// The sampling error of the data-mismatch gap (the dev, else test, error less the train-dev
  /// error) were both drawn alike, when known; its count is the dev (test) samples'.
  public let mismatchSampling: SamplingError?
  /// How the figures print in `bias_variance.csv`: as float32 text for a float32 run's (the
  /// base error and thresholds as the spec holds them).
  public let precision: NumberPrecision

  /// A diagnosis; at least one of train-dev, dev and test must be given for a variance figure.
  /// The errors are held (and judged) as they print in `precision`, so each gap in
  /// `bias_variance.csv` is the difference of the row's own cells, as in a float64 run.
  public init(
    baseError: Double, baseErrorSource: String? = nil, trainError: Double,
    trainDevError: Double? = nil, devError: Double? = nil, testError: Double? = nil,
    thresholds: BiasVarianceThresholds = .classificationDefault,
    context: DiagnosisContext = DiagnosisContext(), progress: TrainingProgress? = nil,
    heldOutSampling: SamplingError? = nil, trainSampling: SamplingError? = nil,
    mismatchSampling: SamplingError? = nil, precision: NumberPrecision = .float64
  ) {
    self.precision = precision
    self.baseError = baseError
    self.baseErrorSource = baseErrorSource
    self.trainError = precision.rounded(trainError)
    self.trainDevError = trainDevError.map(precision.rounded)
    self.devError = devError.map(precision.rounded)
    self.testError = testError.map(precision.rounded)
    self.thresholds = thresholds
    self.context = context
    self.progress = progress
    self.heldOutSampling = heldOutSampling
    self.trainSampling = trainSampling
    self.mismatchSampling = mismatchSampling
  }

  /// train − base.
  public var avoidableBias: Double { trainError - baseError }

  /// The split the variance is measured on: train-dev, else dev, else test (nil when none).
  public var varianceSplit: String? {
    if trainDevError != nil { return "train_dev" }
    if devError != nil { return "dev" }
    if testError != nil { return "test" }
    return nil
  }

  /// (train-dev, else dev, else test) − train; nil when there is no held-out error.
  public var variance: Double? {
    (trainDevError ?? devError ?? testError).map { $0 - trainError }
  }

  /// (dev, else test) − train-dev; nil without a train-dev split.
  public var dataMismatch: Double? {
    guard let trainDev = trainDevError, let heldOut = devError ?? testError else { return nil }
    return heldOut - trainDev
  }

  /// The split the data mismatch is measured on: dev, else test (nil without a train-dev split).
  public var mismatchSplit: String? {
    dataMismatch == nil ? nil : devError != nil ? "dev" : "test"
  }

  /// (train − base) / base with relative thresholds and a positive base error; else nil.
  public var relativeAvoidableBias: Double? {
    guard thresholds.relative, baseError > 0 else { return nil }
    return avoidableBias / baseError
  }

  /// variance / train error with relative thresholds; else nil.
  public var relativeVariance: Double? {
    guard thresholds.relative, let variance else { return nil }
    return Self.relative(variance, to: trainError)
  }

  /// data mismatch / train-dev error with relative thresholds; else nil.
  public var relativeDataMismatch: Double? {
    guard thresholds.relative, let dataMismatch, let trainDev = trainDevError else { return nil }
    return Self.relative(dataMismatch, to: trainDev)
  }

  /// False when bias cannot be judged: relative thresholds, no positive base error and a
  /// training error above 0 (a perfect fit has no avoidable bias whatever the base error).
  public var judgesBias: Bool { !thresholds.relative || baseError > 0 || trainError == 0 }

  /// True when avoidable bias (relative with relative thresholds) exceeds its threshold and the
  /// sampling error of the training error (its p-value below `SamplingError.significance`, when known).
  public var hasHighBias: Bool { biasExceedsThreshold && !biasWithinSamplingError }

  /// True when avoidable bias (relative with relative thresholds) exceeds its threshold.
  var biasExceedsThreshold: Bool {
    if thresholds.relative {
      return baseError > 0
        && Self.exceeds(trainError, baseError, thresholds.avoidableBias, of: baseError)
    }
    return Self.exceeds(trainError, baseError, thresholds.avoidableBias)
  }

  /// True when the training error is below the base error by more than the avoidable-bias
  /// threshold and beyond the training error's sampling error at the base error (when known):
  /// its p-value in the lower tail (`SamplingError.pValue(below:)`: for a classifier the exact
  /// binomial P(X ≤ errors) at the base error, for a regression the normal tail) below
  /// `SamplingError.significance`, the cut-off a gap above it must pass to be high bias. The
  /// model then beat what `base_error` says no model can, or it is set too high. (A fitted
  /// model's training error is optimistic, least squares' σ²(n − p)/n, by less than that unless
  /// its p parameters near n.)
  var beatsBaseError: Bool {
    guard judgesBias, baseError > 0 else { return false }
    let below = Self.exceeds(
      baseError, trainError, thresholds.avoidableBias, of: thresholds.relative ? baseError : 1)
    return below && !(trainSampling?.holds(below: avoidableBias) ?? false)
  }

  /// True when variance (relative with relative thresholds) exceeds its threshold and the
  /// sampling error of the held-out error (its p-value below `SamplingError.significance`, when known).
  public var hasHighVariance: Bool { varianceExceedsThreshold && !varianceWithinSamplingError }

  /// True when variance (relative with relative thresholds) exceeds its threshold.
  var varianceExceedsThreshold: Bool {
    guard let heldOut = trainDevError ?? devError ?? testError else { return false }
    return Self.exceeds(
      heldOut, trainError, thresholds.variance, of: thresholds.relative ? trainError : 1)
      && heldOut - trainError > Self.roundingShare * max(context.meanPredictionError ?? 0, 0)
  }

  /// True when data mismatch (relative with relative thresholds) exceeds its threshold and the
  /// sampling error of the gap (its p-value below `SamplingError.significance`, when known); nil without a train-dev split.
  public var hasDataMismatch: Bool? {
    dataMismatch.map { _ in mismatchExceedsThreshold && !mismatchWithinSamplingError }
  }

  /// True when data mismatch (relative with relative thresholds) exceeds its threshold.
  var mismatchExceedsThreshold: Bool {
    guard let trainDev = trainDevError, let heldOut = devError ?? testError else { return false }
    return Self.exceeds(
      heldOut, trainDev, thresholds.dataMismatch, of: thresholds.relative ? trainDev : 1)
  }

  /// True when the gap `from − to` is above `threshold` times `reference` (1 for an absolute
  /// gap, the error it grows from for a relative one) by more than float rounding: four ulps of
  /// the largest of the two errors and the bound, so a gap exactly at its threshold (0.2 − 0.15
  /// against 0.05 computes 0.05000000000000002) is not above it. Every gap of the verdict is
  /// judged by it; a positive gap over a reference of 0 is above any threshold.
  static func exceeds(_ from: Double, _ to: Double, _ threshold: Double, of reference: Double = 1)
    -> Bool
  {
    let bound = threshold * reference
    let tolerance = ulpTolerance * max(abs(from), abs(to), abs(bound)).ulp
    return (from - to) - bound > tolerance
  }

  /// The ulps of the operands a gap must pass its threshold by (`exceeds`).
  static let ulpTolerance = 4.0

  /// `gap / reference`; a positive gap over a zero reference is infinite, no gap is 0.
  static func relative(_ gap: Double, to reference: Double) -> Double {
    if reference > 0 { return gap / reference }
    return gap > 0 ? .infinity : 0
  }

  /// Training failed (unstable when only a rise failed it); else high bias, high variance, both; else bias and variance unclear, bias
  /// unclear or variance unclear when their gaps passed the threshold within the sampling
  /// error, fine when bias and variance were both judged, low variance when only variance was,
  /// not judged without a held-out split, on fewer than `rowsToJudge` training or held-out rows
  /// (`fewRows`), or with a class that has no training row.
  public var verdict: BiasVarianceVerdict {
    if trainingFailed {
      if context.closedForm, noBetterThanMean { return .predictsMean }
      let onlyRose =
        !noBetterThanMean && !missedLeastSquares && !networkStalled
        && progress.map { !$0.madeNoProgress } == true
      return onlyRose ? .unstable : .notConverged
    }
    switch (hasHighBias, hasHighVariance) {
    case (true, true): return .both
    case (true, false): return .highBias
    case (false, true): return .highVariance
    case (false, false):
      if biasWithinSamplingError {
        return varianceWithinSamplingError ? .bothUnclear : .biasUnclear
      }
      if variance == nil { return .notJudged }
      if varianceWithinSamplingError { return .varianceUnclear }
      // Nothing wrong needs rows to show it: a gap of 0 on one row is luck.
      if fewRows != nil || context.untrainedClasses != nil || !context.accidentalClassGaps.isEmpty {
        return .notJudged
      }
      return judgesBias ? .fine : .lowVariance
    }
  }

  /// True when nothing stands out: bias judged and low (the training error not below the base
  /// error by more than the threshold), variance measured and low (a gap within the sampling
  /// error is `variance unclear`, not `fine`), no data mismatch, nor one within its sampling
  /// error.
  public var looksFine: Bool {
    verdict == .fine && judgesBias && variance != nil && hasDataMismatch != true
      && !mismatchWithinSamplingError && !beatsBaseError
  }

  /// The rows a verdict of `fine` (or `low variance`) needs in the training part and in the
  /// part variance is measured on: 10, as for holding rows out of a truth table; on fewer, a gap
  /// of 0 is the luck of a row or two (one training row and one dev row both right).
  public static let rowsToJudge = 10

  /// The training and held-out rows when a held-out split exists and either is below
  /// `rowsToJudge`; nil otherwise, or when the counts are not known.
  var fewRows: (train: Int, heldOut: Int)? {
    guard variance != nil, let train = context.trainRows, let heldOut = context.heldOutRows,
      train < Self.rowsToJudge || heldOut < Self.rowsToJudge
    else { return nil }
    return (train, heldOut)
  }

  /// The verdict's remark when bias could not be judged.
  public static let biasNotJudged = "(bias not judged: base_error 0)"
}
