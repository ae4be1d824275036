/// A variance gap within the sampling error of the held-out error (`SamplingError`): what the
/// verdict says of it and what to do (hold out more rows, to tell overfitting from noise).
extension BiasVarianceDiagnosis {
  /// True when variance exceeds its threshold but not the sampling error of the held-out error
  /// (two standard errors): the gap may be noise, and more held-out rows would tell.
  public var varianceWithinSamplingError: Bool {
    guard varianceExceedsThreshold, let variance, let heldOutSampling else { return false }
    return variance <= heldOutSampling.margin
  }

  /// What the verdict adds when the variance gap is within the held-out error's sampling error,
  /// e.g. `the variance gap is within the sampling error of 20 test samples, ±1.02`.
  var samplingRemark: String? {
    guard varianceWithinSamplingError, let split = varianceSplit, let heldOutSampling else {
      return nil
    }
    let samples = heldOutSampling.count == 1 ? "sample" : "samples"
    return "the variance gap is within the sampling error of \(heldOutSampling.count) \(split) "
      + "\(samples), ±\(Self.short(heldOutSampling.margin))"
  }

  /// The advice for a variance gap within the sampling error: a bigger held-out split, or set
  /// when it is given (not regularization, which would fight noise); nil otherwise.
  public var samplingAdvice: String? {
    guard varianceWithinSamplingError, let split = varianceSplit, let heldOutSampling else {
      return nil
    }
    let how =
      context.givenParts.contains(split)
      ? "a bigger \(split) set than the \(heldOutSampling.count) samples given"
      : "raise `dataset.split.\(split)`, lowering `dataset.split.train` so the parts still sum to 1"
    return "hold out more rows: \(how) (the variance gap is within the sampling error of "
      + "\(heldOutSampling.count) samples, which shrinks as 1/√n: four times the rows halve it) "
      + "before regularizing"
  }
}
