import Foundation
import Testing

@testable import Reports

/// A variance gap within the sampling error of the held-out error is not called high variance:
/// the verdict says the gap may be noise, and the advice is more held-out rows.
@Suite("Variance against the held-out error's sampling error")
struct VarianceSamplingErrorTests {
  @Test("the standard error of a gap between two fractions and of a mean loss")
  func standardErrors() throws {
    // 8 of 80 training rows wrong, 6 of 20 test rows: pooled 14 of 100.
    let gap = try #require(
      SamplingError.fractionGap(train: 0.1, trainCount: 80, heldOut: 0.3, heldOutCount: 20))
    #expect(abs(gap.standardError - (0.14 * 0.86 * (1.0 / 80 + 1.0 / 20)).squareRoot()) < 1e-15)
    #expect(gap.count == 20 && abs(gap.margin - 0.1735) < 1e-4)
    // Nothing wrong anywhere: nothing varies.
    #expect(
      SamplingError.fractionGap(train: 0, trainCount: 50, heldOut: 0, heldOutCount: 50)?
        .standardError == 0)
    #expect(
      SamplingError.fractionGap(train: 0, trainCount: 50, heldOut: 0.3, heldOutCount: 1) == nil)
    #expect(
      SamplingError.fractionGap(train: 0, trainCount: 0, heldOut: 0.3, heldOutCount: 9) == nil)
    #expect(
      SamplingError.fractionGap(train: .nan, trainCount: 9, heldOut: 0.3, heldOutCount: 9) == nil)
    // Two means of losses spread like 1 and 3 (standard deviation √2): of 2 rows each, √2·√1.
    let means = try #require(SamplingError.meanLossGap([1, 3], heldOut: [1, 3]))
    #expect(abs(means.standardError - 2.0.squareRoot()) < 1e-15 && means.count == 2)
    #expect(SamplingError.meanLossGap([1, 3], heldOut: []) == nil)
    #expect(SamplingError.meanLossGap([1, 3], heldOut: [1, .infinity]) == nil)
    #expect(SamplingError.meanLossGap([1], heldOut: [1, 3]) == nil)
    // Losses 1 and 3: standard deviation √2 (n − 1); a mean of 2 such losses, over √2; of 8,
    // over √8.
    let losses = try #require(SamplingError.meanLoss([1, 3], count: 2))
    #expect(abs(losses.standardError - 1) < 1e-15 && losses.count == 2)
    #expect(abs(SamplingError.meanLoss([1, 3], count: 8)!.standardError - 0.5) < 1e-15)
    #expect(SamplingError.meanLoss([1], count: 2) == nil)
    #expect(SamplingError.meanLoss([1, .nan], count: 2) == nil)
    #expect(SamplingError.meanLoss([1, 3], count: 0) == nil)
    // One sample gives no spread; losses whose squares overflow give no margin, not ±inf.
    #expect(SamplingError.meanLoss([1.7e308, 0, 1e307], count: 20) == nil)
  }

  /// A held-out set that is given (a test file, the dataset's own test part) is not resized by a
  /// split key: the advice asks for a bigger set instead of a key the validator refuses.
  @Test func aGivenTestSetIsNotToldToRaiseItsSplit() {
    var context = DiagnosisContext()
    context.givenParts = ["test"]
    let d = BiasVarianceDiagnosis(
      baseError: 0, trainError: 1.2, testError: 1.622, thresholds: .regressionDefault,
      context: context, heldOutSampling: SamplingError(standardError: 0.51, count: 20))
    let first = d.recommendations.first ?? ""
    #expect(first.hasPrefix("hold out more rows: a bigger test set than the 20 samples given"))
    #expect(!first.contains("dataset.split"), "\(first)")
  }

  /// Tester A's diabetes run with 12 training and 400 dev rows: the gap's standard error
  /// s·√(1/400 + 1/12) is the 12 rows' (four times the dev rows shrink it 1%), so the advice is
  /// more training rows, not more dev rows taken from the 12 training ones.
  @Test func fewTrainingRowsAreWhatToGrow() {
    var context = DiagnosisContext()
    context.trainRows = 12
    let d = BiasVarianceDiagnosis(
      baseError: 3000, trainError: 2730, devError: 5270, thresholds: .regressionDefault,
      context: context, heldOutSampling: SamplingError(standardError: 1656, count: 400))
    #expect(d.verdict == .varianceUnclear)
    let advice = d.samplingAdvice ?? ""
    #expect(advice.hasPrefix("train on more rows: more data, or a bigger `dataset.split.train`"))
    #expect(advice.contains("set by the 12 training rows more than the 400 dev ones"))
    #expect(!advice.contains("hold out more rows") && !advice.contains("taking the rows from"))
    // With more training rows than held-out ones the held-out split is what to grow.
    context.trainRows = 1600
    let many = BiasVarianceDiagnosis(
      baseError: 3000, trainError: 2730, devError: 5270, thresholds: .regressionDefault,
      context: context, heldOutSampling: SamplingError(standardError: 1656, count: 400))
    #expect(many.samplingAdvice?.hasPrefix("hold out more rows: raise `dataset.split.dev`") == true)
  }

  /// An unstable run (its loss rose above 10× its start) whose gap passes the threshold but not
  /// the sampling error was unstable: its gaps say little, noise or not.
  @Test func anUnstableRunWithinTheNoiseDidNotConverge() {
    // Bias judged and low (classification), a 0.3 gap within ±0.4.
    let d = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0, testError: 0.3,
      progress: TrainingProgress(start: 1, end: 0.5, peak: 50, network: false),
      heldOutSampling: SamplingError(standardError: 0.2, count: 10))
    #expect(d.varianceWithinSamplingError)
    #expect(d.verdict == .unstable)
  }

  /// The tester's regression: y = 5x + 7 + N(0, 1) on 100 rows, 20 of them a test set; test MSE
  /// 35% above train, but a 20-row MSE varies by about √(2/20) = 32% of itself.
  static let noisy = BiasVarianceDiagnosis(
    baseError: 0, trainError: 1.2, testError: 1.622, thresholds: .regressionDefault,
    heldOutSampling: SamplingError(standardError: 0.51, count: 20))

  @Test("a regression gap within two standard errors is not high variance")
  func noisyRegression() {
    let d = Self.noisy
    #expect(d.relativeVariance! > d.thresholds.variance)
    #expect(!d.hasHighVariance)
    #expect(d.varianceWithinSamplingError)
    #expect(d.verdict == .varianceUnclear)
    #expect(
      d.verdictText
        == "variance unclear (bias not judged: base_error 0) (the variance gap is within the sampling error of 20 test samples, ±1.02)"
    )
    #expect(
      d.recommendations.first?.hasPrefix("hold out more rows: raise `dataset.split.test`") == true)
    #expect(!d.recommendations.contains { $0.contains("add regularization") })
    #expect(d.nextSteps().first == d.recommendations.first)
    let row = Dictionary(uniqueKeysWithValues: zip(d.table.header, d.table.rows[0]))
    #expect(row["variance_standard_error"] == "0.51")
    #expect(row["variance"] != nil && row["verdict"] == d.verdictText)
    // The same gaps without a known sampling error are judged on the threshold alone.
    let unknown = BiasVarianceDiagnosis(
      baseError: 0, trainError: 1.2, testError: 1.622, thresholds: .regressionDefault)
    #expect(unknown.verdict == .highVariance)
  }

  @Test("the cat run's gap is far beyond its sampling error: still high variance")
  func catStaysHighVariance() {
    let cat = BiasVarianceDiagnosis(
      baseError: 0, trainError: 2.0 / 209, testError: 0.3,
      heldOutSampling: SamplingError.fractionGap(
        train: 2.0 / 209, trainCount: 209, heldOut: 0.3, heldOutCount: 50))
    #expect(cat.verdict == .highVariance && cat.verdictText == "high variance")
    #expect(!cat.varianceWithinSamplingError)
    #expect(
      cat.recommendations.first
        == "add regularization: `regularization: {l2: 0.1}`, or compare strengths in one run: `validation_curve: {parameter: regularization.l2, values: [0, 0.001, 0.01, 0.1, 1]}` under `report`"
    )
  }

  @Test("a classification gap within its sampling error: variance unclear, hold out more rows")
  func smallDevSet() {
    // 1 of 50 training rows wrong, 3 of 25 dev rows: Fisher's exact p = 0.105 (4 of 75 wrong,
    // at least 3 of them among the 25 dev rows); four times the rows: p = 0.00057.
    func diagnosis(train: Double, dev: Double, scale: Int = 1) -> BiasVarianceDiagnosis {
      BiasVarianceDiagnosis(
        baseError: 0, trainError: train, devError: dev,
        heldOutSampling: SamplingError.fractionGap(
          train: train, trainCount: 50 * scale, heldOut: dev, heldOutCount: 25 * scale))
    }
    let small = diagnosis(train: 0.02, dev: 0.12)
    #expect(small.verdict == .varianceUnclear && !small.hasHighVariance)
    #expect(
      small.verdictText
        == "variance unclear (the variance gap is within the sampling error (3 of 25 dev vs 1 of 50 train rows wrong: p = 0.105, Fisher's exact test))"
    )
    #expect(!small.looksFine)
    #expect(small.nextSteps().count == 1)
    #expect(
      small.nextSteps().first?.hasPrefix("hold out more rows: raise `dataset.split.dev`") == true)
    #expect(diagnosis(train: 0.02, dev: 0.12, scale: 4).verdict == .highVariance)
    // Below the threshold the sampling error is not mentioned.
    let below = diagnosis(train: 0.02, dev: 0.06)
    #expect(below.verdictText == "fine" && below.looksFine && below.samplingAdvice == nil)
  }
}
