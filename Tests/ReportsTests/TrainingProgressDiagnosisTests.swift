import Testing

@testable import Reports

/// The rules that keep the diagnosis truthful: bias and variance are judged on a model that
/// trained, `try next` leads with the verdict's remedies, and "fine" means both were judged.
@Suite("diagnosis of failed training, try next, not judged")
struct TrainingProgressDiagnosisTests {
  @Test("fine only when bias and variance were both judged")
  func notJudged() {
    let iris = BiasVarianceDiagnosis(baseError: 0, trainError: 0.02)
    #expect(iris.verdict == .notJudged)
    #expect(
      iris.verdictText
        == "not judged (no held-out split to measure variance; avoidable bias is low)")
    let regression = BiasVarianceDiagnosis(
      baseError: 0, trainError: 3.5, thresholds: .regressionDefault)
    #expect(
      regression.verdictText
        == "not judged (no held-out split to measure variance, no base_error to judge bias)")
    let lowVariance = BiasVarianceDiagnosis(
      baseError: 0, trainError: 3.5, testError: 3.6, thresholds: .regressionDefault)
    #expect(lowVariance.verdictText == "low variance (bias not judged: no base_error)")
    // A problem found is named even when the other gap could not be measured.
    #expect(BiasVarianceDiagnosis(baseError: 0, trainError: 0.3).verdictText == "high bias")
  }
}
