import Foundation
import Reports
import Testing

/// The advice after a fit that did not finish (tester BB F13, tester BC 10): finishing it, or a
/// larger learning rate, comes before a bigger model or a longer run.
@Suite struct UnfinishedFitAdviceTests {
  /// Raw wine, one-vs-rest, L-BFGS out of its 30 iterations: high bias (train error 0.339).
  static func wine(unfinished: String?) -> BiasVarianceDiagnosis {
    var context = DiagnosisContext(
      task: .multiclass(classes: 3), trainingLength: 30, training: .converged,
      optimizer: "lbfgs", inputFeatures: 13)
    context.unfinishedFit = unfinished
    return BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.339, devError: 0.36, thresholds: .classificationDefault,
      context: context)
  }

  @Test func anUnfinishedFitIsFinishedBeforeTheModelGrows() {
    let remedy = "raise optimizer.iterations, standardize the features or raise optimizer.tolerance"
    let unfinished = Self.wine(unfinished: remedy)
    #expect(unfinished.verdict == .highBias)
    let finish: String =
      "finish the fit first (the optimizer stopped short of its tolerance, see `stop_reason`, so "
      + "the training error is not yet the model's): " + remedy
    #expect(unfinished.nextSteps().first == finish)
    #expect(unfinished.nextSteps().dropFirst().first?.hasPrefix("a bigger model") == true)
    #expect(!unfinished.recommendations.contains { $0.hasPrefix("train longer") })
    // Converged: the model is what to change.
    #expect(Self.wine(unfinished: nil).nextSteps().first?.hasPrefix("a bigger model") == true)
  }

  /// Tester BC 10's dial (standardized): gd at 5e-05 for 3000 iterations, the loss 1.85e+04 →
  /// 1.05e+04, falling 0.04% a step at the end, predicting the mean costs 178.
  static func dial(end: Double = 10_500, pace: Double = 4e-4) -> BiasVarianceDiagnosis {
    var context = DiagnosisContext(
      task: .regression(outputs: 1), trainingLength: 3000, training: .stillImproving,
      optimizer: "gd", learningRate: 5e-5, meanPredictionError: 178)
    context.steps = 3000
    var progress = TrainingProgress(
      start: 18_500, end: end, network: false, late: end * exp(pace * 300))
    progress.lateSteps = 300
    return BiasVarianceDiagnosis(
      baseError: 0, trainError: end, devError: end * 1.02, thresholds: .regressionDefault,
      context: context, progress: progress)
  }

  @Test func aRateFarTooSmallIsRaisedBeforeTheBudget() {
    let advice = Self.dial().recommendations
    // ln(10500 / 178) / 4e-4 ≈ 10 200 steps to the mean's loss: more than another 3000, so the
    // rate, by the power of ten that covers it.
    let expected: String =
      "a larger learning rate: the training loss fell only 0.04% per step at the end of the run, "
      + "so it would take about 10200 more steps to reach predicting the mean (178): raise "
      + "`optimizer.learning_rate` from 5e-05 to 0.0005 (if the loss then rises, halve it)"
    #expect(advice.first == expected, "\(advice)")
    #expect(advice.dropFirst().first?.hasPrefix("train longer") == true, "\(advice)")
    // Six times slower: a factor of 100.
    #expect(
      Self.dial(pace: 4e-4 / 6).recommendations.first?.contains("from 5e-05 to 0.005") == true)
  }

  @Test func largeUnscaledInputsAreStandardizedNotRaised() {
    var raw = Self.dial()
    raw.context.featureScale = 199.7
    #expect(raw.recommendations.first?.hasPrefix("standardize the features") == true)
    #expect(!raw.recommendations.contains { $0.hasPrefix("a larger learning rate") })
  }

  @Test func aRateThatReachesTheBaselineInTwiceTheRunIsTrainedLonger() {
    // 1% a step: ln(10500 / 178) / 0.01 ≈ 410 more steps, within another 3000.
    let advice = Self.dial(pace: 0.01).recommendations
    #expect(advice.first?.hasPrefix("train longer") == true, "\(advice)")
    #expect(!advice.contains { $0.hasPrefix("a larger learning rate") })
  }
}
