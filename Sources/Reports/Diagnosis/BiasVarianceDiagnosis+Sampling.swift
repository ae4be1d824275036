import Vocabulary

/// Gaps within the sampling error of the errors they compare (`SamplingError`): what the verdict
/// says of them and what to do (more rows, to tell underfitting or overfitting from noise).
extension BiasVarianceDiagnosis {
  /// True when avoidable bias exceeds its threshold but not the sampling error of the training
  /// error (its p-value, `SamplingError.pValue`): the training error may sit above the base error by the luck
  /// of few training rows, and more of them would tell.
  public var biasWithinSamplingError: Bool {
    Self.within(avoidableBias, exceeding: biasExceedsThreshold, trainSampling)
  }

  /// True when variance exceeds its threshold but not the sampling error of the held-out error
  /// (its p-value), and is not gross (`grossVariance`): the gap may be noise, and more held-out
  /// rows would tell.
  public var varianceWithinSamplingError: Bool {
    Self.within(variance, exceeding: varianceExceedsThreshold, heldOutSampling) && !grossVariance
  }

  /// True when data mismatch exceeds its threshold but not the sampling error of the gap between
  /// the dev (test) and train-dev errors (its p-value): the two splits may be drawn
  /// alike, and more rows in them would tell.
  public var mismatchWithinSamplingError: Bool {
    Self.within(dataMismatch, exceeding: mismatchExceedsThreshold, mismatchSampling)
  }

  /// The rule every gap is judged by: one past its threshold (`exceeding`) whose p-value is not
  /// below `SamplingError.significance` (when its sampling error is known) may be noise.
  static func within(_ gap: Double?, exceeding: Bool, _ sampling: SamplingError?) -> Bool {
    guard exceeding, let gap, let sampling else { return false }
    return sampling.holds(gap: gap)
  }

  /// What the verdict adds for each gap within its sampling error, e.g. `the variance gap is
  /// within the sampling error of 20 test samples, ±1.02`; nil when none is.
  var samplingRemark: String? {
    var remarks: [String] = []
    if biasWithinSamplingError, let trainSampling {
      remarks.append(withinRemark("avoidable bias", avoidableBias, "train", trainSampling))
    }
    if varianceWithinSamplingError, let split = varianceSplit, let variance, let heldOutSampling {
      remarks.append(withinRemark("variance", variance, split, heldOutSampling))
    }
    if mismatchWithinSamplingError, let split = mismatchSplit, let dataMismatch,
      let mismatchSampling
    {
      remarks.append(
        withinRemark("data mismatch", dataMismatch, split, mismatchSampling, against: "train_dev"))
    }
    return remarks.isEmpty ? nil : remarks.joined(separator: "; ")
  }

  /// `the <gap> gap is within the sampling error of <n> <split> samples, ±<margin>` for a
  /// normal tail; for an exact test `the <gap> gap is within the sampling error (<evidence>)`.
  func withinRemark(
    _ name: String, _ gap: Double, _ split: String, _ sampling: SamplingError,
    against: String = "train"
  ) -> String {
    if let counted = evidence(gap, split, sampling, against: against) {
      return "the \(name) gap is within the sampling error (\(counted))"
    }
    return
      "the \(name) gap is within the sampling error of \(Self.samples(sampling.count, split)), "
      + "±\(Self.margin(sampling.margin, beside: gap))"
  }

  /// `margin` to three significant digits, or to as many as tell it from `gap` when the two
  /// read alike there (`0.052887, the gap 0.052867`, not `0.0529` beside a gap of `0.0529`).
  static func margin(_ margin: Double, beside gap: Double) -> String {
    for digits in 3...17 {
      let (m, g) = (
        String(format: "%.\(digits)g", margin), String(format: "%.\(digits)g", abs(gap))
      )
      if m != g { return digits == 3 ? short(margin) : "\(m), the gap \(g)" }
    }
    return short(margin)
  }

  /// The counts and p-value behind an exact test of `gap` measured on `split`, e.g. `1 of 15
  /// dev vs 0 of 105 train rows wrong: p = 0.125, Fisher's exact test` (the training side
  /// named `against`) or `13 of 80 train rows wrong at base error 0.1: p = 0.0538, binomial
  /// test`, or for mean losses `9 of 20 test vs 41 of 80 train rows' losses above their median
  /// 0.43 (median test p 0.6), mean gap permutation test p 0.3: p = 0.6, twice the smaller`;
  /// nil for the normal approximation.
  func evidence(
    _ gap: Double, _ split: String, _ sampling: SamplingError, against: String = "train"
  ) -> String? {
    let p = "p = \(Self.short(sampling.pValue(gap: gap)))"
    switch sampling.test {
    case .normal: return nil
    case .fisher(let heldOutErrors, let trainErrors):
      return "\(heldOutErrors) of \(sampling.count) \(split) vs \(trainErrors) of "
        + "\(sampling.trainCount ?? 0) \(against) rows wrong: \(p), Fisher's exact test"
    case .binomial(let rate):
      let errors = SamplingError.errors(rate + gap, of: sampling.count) ?? 0
      return "\(errors) of \(sampling.count) \(split) rows wrong at base error "
        + "\(Self.short(rate)): \(p), binomial test"
    case .median(let heldOutAbove, let trainAbove, let median, let permutation):
      return "\(heldOutAbove) of \(sampling.count) \(split) vs \(trainAbove) of "
        + "\(sampling.trainCount ?? 0) \(against) rows' losses above their median "
        + "\(Self.short(median)) (median test p \(Self.short(sampling.medianPValue ?? 1))), "
        + "mean gap permutation test p \(Self.short(permutation)): \(p), twice the smaller"
    }
  }

  /// The advice for an avoidable-bias gap within the training error's sampling error: no bigger
  /// model yet (unless a validation curve's pick, named first, has measured one), more training
  /// rows would tell; nil otherwise.
  public var biasSamplingAdvice: String? {
    guard biasWithinSamplingError, let trainSampling else { return nil }
    let before = curveSetsValue == nil ? "before a bigger model, " : ""
    let more =
      moreSamples.map { "more rows would tell: raise `dataset.generator.samples` \($0)" }
      ?? "more training rows would tell"
    let within =
      evidence(avoidableBias, "train", trainSampling)
      ?? "±\(Self.short(trainSampling.margin))"
    return "\(before)tell bias from noise: the training error is within the "
      + "sampling error of its \(Self.samples(trainSampling.count)) (\(within)) "
      + "of `report.bias_variance.base_error` (\(shownBaseError)), which should be the "
      + "lowest error any model could reach, and \(more) (four times the rows halve the sampling error)"
  }

  /// The base error as advice names it: as the spec holds it, or, derived from the data's
  /// generator (`baseErrorSource`), to 6 digits (a noise variance 0.2² is 0.04, not
  /// 0.04000000000000001).
  var shownBaseError: String {
    baseErrorSource == nil ? Self.spec(baseError) : Self.advised(baseError)
  }

  /// `12 samples`, `1 dev sample`: `count` samples, of `part` when given.
  static func samples(_ count: Int, _ part: String? = nil) -> String {
    "\(count) " + (part.map { $0 + " " } ?? "") + (count == 1 ? "sample" : "samples")
  }

  /// `from n to 4n` for generated data whose sample count is a key; nil otherwise. A batch that
  /// takes every training row is advised the training rows 4n samples give too (after the
  /// split's rounding, `trainRowsOfMoreSamples`; else four times today's): left as it is, each
  /// epoch would take several steps (tester L7: 3000 epochs became 9000 steps).
  var moreSamples: String? {
    context.generatedSamples.map { n in
      guard let batch = context.coveringBatch,
        let rows = context.trainRowsOfMoreSamples ?? context.trainRows.map({ 4 * $0 }), rows > batch
      else { return "from \(n) to \(4 * n)" }
      return "from \(n) to \(4 * n) and `optimizer.batch_size` from \(batch) to \(rows), so "
        + "that each step still takes every training row (a batch of \(batch) of \(rows) rows "
        + "would make each epoch \(stepsPerEpoch(rows: rows, batch: batch)) steps)"
    }
  }

  /// The advice for a variance gap within the sampling error: a bigger held-out split, or set
  /// when it is given (not regularization, which would fight noise); more training rows when
  /// they are the fewer (the gap's √(1/n_held-out + 1/n_train) is then theirs: 400 more dev rows
  /// against 12 training rows barely move it); nil otherwise.
  /// With a validation curve whose pick is a change or the spec's own value (`curveTells`) it
  /// does not end "before regularizing": the curve has measured that remedy already.
  public var samplingAdvice: String? {
    guard varianceWithinSamplingError, let split = varianceSplit, let heldOutSampling else {
      return nil
    }
    let before = curveTells == nil ? " before regularizing" : ""
    if moreSamples == nil, let rows = context.trainRows, rows < heldOutSampling.count {
      return "train on more rows: more data, or a bigger `dataset.split.train` (the variance gap "
        + "is within its sampling error, set by the \(Self.rows(rows, "training")) more than the "
        + "\(heldOutSampling.count) \(split) ones: four times the training rows about halve it, "
        + "more \(split) rows barely change it)\(before)"
    }
    let how =
      if context.givenParts.contains(split) {
        "a bigger \(split) set than the \(Self.samples(heldOutSampling.count)) given"
      } else if let moreSamples {
        "raise `dataset.generator.samples` \(moreSamples), four times the \(split) rows"
      } else {
        "raise `dataset.split.\(split)`, taking the rows from `dataset.split.train` when it is given"
      }
    return "hold out more rows: \(how) (the variance gap is within the sampling error of "
      + "\(Self.samples(heldOutSampling.count)), which shrinks as 1/√n: four times the rows halve it)"
      + before
  }

  /// The advice for a data-mismatch gap within its sampling error: more train-dev and dev
  /// (test) rows before changing the training data (the two splits may be drawn alike); nil
  /// otherwise.
  public var mismatchSamplingAdvice: String? {
    guard mismatchWithinSamplingError, let split = mismatchSplit, let mismatchSampling else {
      return nil
    }
    let how =
      if let moreSamples {
        "raise `dataset.generator.samples` \(moreSamples)"
      } else if context.givenParts.contains(split) {
        "raise `dataset.split.train_dev`, and give a bigger \(split) set than the "
          + "\(Self.samples(mismatchSampling.count)) given"
      } else {
        "raise `dataset.split.train_dev` and `dataset.split.\(split)`, taking the rows from "
          + "`dataset.split.train` when it is given"
      }
    return "hold out more rows: \(how) (the data mismatch gap is within the sampling error of "
      + "\(Self.samples(mismatchSampling.count, split)) against the train_dev ones, which shrinks as "
      + "1/√n: four times the rows halve it) before making the training data more like the "
      + "dev/test data"
  }
}
