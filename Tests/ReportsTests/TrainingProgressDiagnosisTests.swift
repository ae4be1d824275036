import Testing

@testable import Reports

/// The rules that keep the diagnosis truthful: bias and variance are judged on a model that
/// trained, `try next` leads with the verdict's remedies, and "fine" means both were judged.
@Suite("diagnosis of failed training, try next, not judged")
struct TrainingProgressDiagnosisTests {
  @Test("try next: the verdict's remedies first, train longer first while the loss falls")
  func nextSteps() {
    let falling = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.45, testError: 0.45,
      context: DiagnosisContext(training: .stillImproving, optimizer: "gd"))
    #expect(falling.nextSteps().count == 3)
    #expect(
      falling.nextSteps().first?.hasPrefix("train longer (the training loss was still falling)")
        == true)
    #expect(falling.recommendations.count > 3)
    // High variance of a regression without a base error: regularization before the base error.
    let overfit = BiasVarianceDiagnosis(
      baseError: 0, trainError: 2500, testError: 3550, thresholds: .regressionDefault)
    #expect(overfit.verdictText == "high variance (bias not judged: no base_error)")
    #expect(overfit.nextSteps().first == "add regularization: `regularization: {l2: 0.1}`")
    #expect(overfit.nextSteps().last?.hasPrefix("judge bias") == true)
    // The cat run: more data is no spec change; it stays in the CSV, off the table.
    let cat = BiasVarianceDiagnosis(baseError: 0, trainError: 2.0 / 209, testError: 0.3)
    #expect(cat.nextSteps() == ["add regularization: `regularization: {l2: 0.1}`"])
    #expect(cat.recommendations.contains { $0.hasPrefix("more data") })
    #expect(
      BiasVarianceDiagnosis(baseError: 0, trainError: 0.01, testError: 0.02).nextSteps() == [])
  }

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
