/// Gaps within the sampling error of the errors they compare (`SamplingError`): what the verdict
/// says of them and what to do (more rows, to tell underfitting or overfitting from noise).
extension BiasVarianceDiagnosis {
  /// True when avoidable bias exceeds its threshold but not the sampling error of the training
  /// error (two standard errors): the training error may sit above the base error by the luck
  /// of few training rows, and more of them would tell.
  public var biasWithinSamplingError: Bool {
    guard biasExceedsThreshold, let trainSampling else { return false }
    return avoidableBias <= trainSampling.margin
  }

  /// True when variance exceeds its threshold but not the sampling error of the held-out error
  /// (two standard errors): the gap may be noise, and more held-out rows would tell.
  public var varianceWithinSamplingError: Bool {
    guard varianceExceedsThreshold, let variance, let heldOutSampling else { return false }
    return variance <= heldOutSampling.margin
  }

  /// What the verdict adds for each gap within its sampling error, e.g. `the variance gap is
  /// within the sampling error of 20 test samples, ±1.02`; nil when neither is.
  var samplingRemark: String? {
    var remarks: [String] = []
    if biasWithinSamplingError, let trainSampling {
      remarks.append(Self.withinRemark("avoidable bias", "train", trainSampling))
    }
    if varianceWithinSamplingError, let split = varianceSplit, let heldOutSampling {
      remarks.append(Self.withinRemark("variance", split, heldOutSampling))
    }
    return remarks.isEmpty ? nil : remarks.joined(separator: "; ")
  }

  /// `the <gap> gap is within the sampling error of <n> <split> samples, ±<margin>`.
  static func withinRemark(_ gap: String, _ split: String, _ sampling: SamplingError) -> String {
    let samples = sampling.count == 1 ? "sample" : "samples"
    return "the \(gap) gap is within the sampling error of \(sampling.count) \(split) \(samples), "
      + "±\(short(sampling.margin))"
  }

  /// The advice for an avoidable-bias gap within the training error's sampling error: no bigger
  /// model yet, more training rows would tell; nil otherwise.
  public var biasSamplingAdvice: String? {
    guard biasWithinSamplingError, let trainSampling else { return nil }
    let more =
      moreSamples.map { "more rows would tell: raise `dataset.generator.samples` \($0)" }
      ?? "more training rows would tell"
    return "before a bigger model, tell bias from noise: the training error is within the "
      + "sampling error of its \(trainSampling.count) samples (±\(Self.short(trainSampling.margin))) "
      + "of `report.bias_variance.base_error` (\(Self.spec(baseError))), which should be the "
      + "lowest error any model could reach, and \(more) (four times the rows halve the sampling error)"
  }

  /// `from n to 4n` for generated data whose sample count is a key; nil otherwise.
  var moreSamples: String? {
    context.generatedSamples.map { "from \($0) to \(4 * $0)" }
  }

  /// The advice for a variance gap within the sampling error: a bigger held-out split, or set
  /// when it is given (not regularization, which would fight noise); nil otherwise.
  public var samplingAdvice: String? {
    guard varianceWithinSamplingError, let split = varianceSplit, let heldOutSampling else {
      return nil
    }
    let how =
      if context.givenParts.contains(split) {
        "a bigger \(split) set than the \(heldOutSampling.count) samples given"
      } else if let moreSamples {
        "raise `dataset.generator.samples` \(moreSamples), four times the \(split) rows"
      } else {
        "raise `dataset.split.\(split)`, taking the rows from `dataset.split.train` when it is given"
      }
    return "hold out more rows: \(how) (the variance gap is within the sampling error of "
      + "\(heldOutSampling.count) samples, which shrinks as 1/√n: four times the rows halve it) "
      + "before regularizing"
  }
}
