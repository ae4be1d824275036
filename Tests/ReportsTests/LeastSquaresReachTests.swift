import Reports
import Testing

/// The rules a linear regression's distance from least squares, a generator's base error and a
/// still-falling loss are judged by, on the diagnosis alone.
@Suite struct LeastSquaresReachTests {
  func diagnosis(
    reached: Double, optimum: Double, mean: Double = 10,
    training: DiagnosisContext.Training = .converged
  ) -> BiasVarianceDiagnosis {
    var context = DiagnosisContext(
      task: .regression(outputs: 1), training: training, meanPredictionError: mean)
    context.leastSquares = .init(reached: reached, optimum: optimum)
    return BiasVarianceDiagnosis(
      baseError: 0, trainError: reached, testError: reached * 1.01,
      thresholds: .regressionDefault, context: context)
  }

  @Test func onePercentAboveTheOptimumIsStillConverged() {
    #expect(!diagnosis(reached: 1.009, optimum: 1).missedLeastSquares)
    #expect(diagnosis(reached: 1.011, optimum: 1).missedLeastSquares)
    #expect(diagnosis(reached: 1.011, optimum: 1).verdict == .notConverged)
  }

  @Test func aNoiseFreeFitsLastDigitsAreNotAMiss() {
    // Least squares reaches 0; a thousandth of predicting the mean is the floor of a miss.
    #expect(!diagnosis(reached: 1e-12, optimum: 0).missedLeastSquares)
    #expect(diagnosis(reached: 0.02, optimum: 0).missedLeastSquares)
    // An exact fit's optimum, rounding noise, reads 0 whatever its last bits.
    #expect(
      diagnosis(reached: 0.02, optimum: 3e-30).verdictText
        == "training did not converge: the training loss is 0.02, least squares reaches 0 on these rows"
    )
  }

  @Test func aStillFallingLossIsAdvisedWhateverTheBaseError() {
    let context = DiagnosisContext(
      task: .regression(outputs: 1), trainingLengthKey: "optimizer.epochs", trainingLength: 100,
      training: .stillImproving, optimizer: "adam")
    let unjudged = BiasVarianceDiagnosis(
      baseError: 0, trainError: 2, testError: 2.01, thresholds: .regressionDefault,
      context: context)
    #expect(!unjudged.judgesBias)
    #expect(
      unjudged.recommendations.first
        == "train longer (the training loss was still falling): raise `optimizer.epochs` from 100 to 200"
    )
  }

  @Test func aGeneratorsBaseErrorIsNamedInTheVerdict() {
    let d = BiasVarianceDiagnosis(
      baseError: 0.0727, baseErrorSource: "the Bayes error of these blobs", trainError: 0.1,
      testError: 0.1)
    #expect(d.verdictText == "fine (base error 0.0727: the Bayes error of these blobs)")
    let written = BiasVarianceDiagnosis(baseError: 0.0727, trainError: 0.1, testError: 0.1)
    #expect(written.verdictText == "fine")
  }
}
