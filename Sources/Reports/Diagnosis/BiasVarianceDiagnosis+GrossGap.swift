import Foundation

/// A regression's variance gap too large to be the luck of the draw, whatever its p-value: a
/// held-out error many times the training error, and above the base error. The median and
/// permutation tests (`SamplingError.Test.median`) are bounded by how few held-out rows carry a
/// gap: a degree-10 polynomial on 20 sine rows, train MSE 0.0313 and dev MSE 14.18 (450×), got
/// p = 0.024 from the few dev rows it extrapolated wildly, and was `variance unclear` while a
/// degree 3 at dev 0.102 against train 0.043 was high variance (tester BH F1). Losses drawn
/// alike make a tenfold ratio of mean losses rarely: for Gaussian noise the held-out over the
/// training MSE is about an F(n_held-out, n_train) draw, above 10 with chance 0.5% for one
/// held-out row against 20 and below 10⁻⁶ at 10 against 30.
extension BiasVarianceDiagnosis {
  /// How many times the training error a regression's held-out error must be (and above the base
  /// error) for its variance gap to be high whatever its p-value.
  public static let grossVarianceFactor = 10.0

  /// The share of the error of predicting the training targets' mean a variance gap must pass
  /// (`varianceExceedsThreshold`): an exact fit's errors are rounding (1e-30 against 3e-30, or
  /// gradient descent's 5.6e-29 against 4.2e-28 on a noiseless line), whose gap means nothing.
  static let roundingShare = 1e-9

  /// True when a regression's held-out error (judged by the median and permutation tests) is at
  /// least `grossVarianceFactor` times the training error and above the base error (a held-out
  /// error at the floor has nothing to cut), its gap above its threshold, as is the gap still
  /// left without its largest row (`heldOutWithoutLargest`: a gap one wild row carries alone, a
  /// wrong label, is no variance): high variance whatever the tests' p-value.
  public var grossVariance: Bool {
    guard case .median = heldOutSampling?.test, varianceExceedsThreshold,
      let heldOut = trainDevError ?? devError ?? testError, let rest = heldOutWithoutLargest
    else { return false }
    return heldOut > baseError && heldOut >= Self.grossVarianceFactor * trainError
      && Self.exceeds(
        rest, trainError, thresholds.variance, of: thresholds.relative ? trainError : 1)
  }

  /// The held-out error without its largest row's loss, (n·error − largest)/(n − 1); nil with
  /// one held-out row or no known loss.
  var heldOutWithoutLargest: Double? {
    guard let heldOut = trainDevError ?? devError ?? testError, let heldOutSampling,
      let largest = heldOutSampling.largestHeldOutLoss, heldOutSampling.count > 1
    else { return nil }
    let n = Double(heldOutSampling.count)
    return (n * heldOut - largest) / (n - 1)
  }

  /// The verdict's remark when one held-out row carries at least half of a held-out error whose
  /// gap is within its sampling error, e.g. `one dev row carries 99.97% of the dev error (its
  /// loss 392): a wrong label or an outlier there is as likely as variance`; nil otherwise.
  var singleRowRemark: String? {
    guard varianceWithinSamplingError, let split = varianceSplit, let heldOutSampling,
      let largest = heldOutSampling.largestHeldOutLoss,
      let heldOut = trainDevError ?? devError ?? testError, heldOut > 0
    else { return nil }
    let share = largest / (Double(heldOutSampling.count) * heldOut)
    guard share >= 0.5, share <= 1 + 1e-9 else { return nil }
    return "one \(split) row carries \(Self.short(100 * min(share, 1)))% of the \(split) error "
      + "(its loss \(Self.short(largest))): a wrong label or an outlier there is as likely as "
      + "variance"
  }

  /// The verdict's remark for a gross gap whose tests alone would have left it unclear, e.g.
  /// `dev error 453× the training error: high variance whatever the few rows carrying it (p =
  /// 0.024)`; nil otherwise.
  var grossVarianceRemark: String? {
    guard grossVariance, let split = varianceSplit, let variance, let heldOutSampling,
      heldOutSampling.holds(gap: variance), let heldOut = trainDevError ?? devError ?? testError
    else { return nil }
    let times =
      trainError > 0
      ? "\(Self.short(heldOut / trainError))× the training error"
      : "above a training error of 0"
    return "\(split) error \(times): high variance whatever the few rows carrying it (p = "
      + "\(Self.short(heldOutSampling.pValue(gap: variance))))"
  }
}
