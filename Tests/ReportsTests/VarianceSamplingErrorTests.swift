import Foundation
import Testing

@testable import Reports

/// A variance gap within the sampling error of the held-out error is not called high variance:
/// the verdict says the gap may be noise, and the advice is more held-out rows.
@Suite("Variance against the held-out error's sampling error")
struct VarianceSamplingErrorTests {
  @Test("the standard error of a misclassified fraction and of a mean loss")
  func standardErrors() throws {
    let cat = try #require(SamplingError.fraction(0.3, count: 50))
    #expect(abs(cat.standardError - (0.3 * 0.7 / 50).squareRoot()) < 1e-15)
    #expect(abs(cat.margin - 0.1296) < 1e-4)
    // No error on 50 samples still counts one sample's worth of doubt, as does every one wrong.
    let none = try #require(SamplingError.fraction(0, count: 50))
    #expect(abs(none.standardError - (0.02 * 0.98 / 50).squareRoot()) < 1e-15)
    #expect(abs(SamplingError.fraction(1, count: 50)!.standardError - none.standardError) < 1e-15)
    #expect(SamplingError.fraction(0.3, count: 0) == nil)
    // Losses 1 and 3: standard deviation √2 (n − 1); a mean of 2 such losses, over √2; of 8,
    // over √8.
    let losses = try #require(SamplingError.meanLoss([1, 3], count: 2))
    #expect(abs(losses.standardError - 1) < 1e-15 && losses.count == 2)
    #expect(abs(SamplingError.meanLoss([1, 3], count: 8)!.standardError - 0.5) < 1e-15)
    #expect(SamplingError.meanLoss([1], count: 2) == nil)
    #expect(SamplingError.meanLoss([1, .nan], count: 2) == nil)
    #expect(SamplingError.meanLoss([1, 3], count: 0) == nil)
    // One sample gives no spread; losses whose squares overflow give no margin, not ±inf.
    #expect(SamplingError.fraction(0, count: 1) == nil)
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

  /// An unstable run (its loss rose above 10× its start) whose gap passes the threshold but not
  /// the sampling error did not converge: its gaps say little, noise or not.
  @Test func anUnstableRunWithinTheNoiseDidNotConverge() {
    // Bias judged and low (classification), a 0.3 gap within ±0.4.
    let d = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0, testError: 0.3,
      progress: TrainingProgress(start: 1, end: 0.5, peak: 50, network: false),
      heldOutSampling: SamplingError(standardError: 0.2, count: 10))
    #expect(d.varianceWithinSamplingError)
    #expect(d.verdict == .notConverged)
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
        == "variance unclear (bias not judged: no base_error) (the variance gap is within the sampling error of 20 test samples, ±1.02)"
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
      heldOutSampling: SamplingError.fraction(0.3, count: 50))
    #expect(cat.verdict == .highVariance && cat.verdictText == "high variance")
    #expect(!cat.varianceWithinSamplingError)
    #expect(
      cat.recommendations.first
        == "add regularization: `regularization: {l2: 0.1}`, or compare strengths in one run: `validation_curve: {parameter: regularization.l2, values: [0, 0.001, 0.01, 0.1, 1]}` under `report`"
    )
  }

  @Test("a classification gap within its sampling error: variance unclear, hold out more rows")
  func smallDevSet() {
    // 8% wrong of 25 dev samples: ±0.11 at two standard errors; of 50, ±0.077.
    let small = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0, devError: 0.08,
      heldOutSampling: SamplingError.fraction(0.08, count: 25))
    #expect(small.verdict == .varianceUnclear && !small.hasHighVariance)
    #expect(
      small.verdictText
        == "variance unclear (the variance gap is within the sampling error of 25 dev samples, ±0.109)"
    )
    #expect(!small.looksFine)
    #expect(small.nextSteps().count == 1)
    #expect(
      small.nextSteps().first?.hasPrefix("hold out more rows: raise `dataset.split.dev`") == true)
    let large = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0, devError: 0.08,
      heldOutSampling: SamplingError.fraction(0.08, count: 50))
    #expect(large.verdict == .highVariance)
    // Below the threshold the sampling error is not mentioned.
    let below = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0, devError: 0.04,
      heldOutSampling: SamplingError.fraction(0.04, count: 25))
    #expect(below.verdictText == "fine" && below.looksFine && below.samplingAdvice == nil)
  }
}
