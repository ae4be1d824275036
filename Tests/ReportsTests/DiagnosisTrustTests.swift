import Testing

@testable import Reports

/// Advice a teacher can trust: it names what happened, the remedy that applies first, and does
/// not send a student back and forth.
@Suite("diagnosis advice a teacher can trust")
struct DiagnosisTrustTests {
  /// A high-variance classifier (train 0, test 0.3) with `context`.
  func overfit(_ context: DiagnosisContext) -> BiasVarianceDiagnosis {
    BiasVarianceDiagnosis(baseError: 0, trainError: 0, testError: 0.3, context: context)
  }

  @Test("high variance on generated data advises its sample count first, under try next")
  func moreGeneratedData() {
    var context = DiagnosisContext(training: .converged)
    context.generatedSamples = 256
    let more =
      "more data: raise `dataset.generator.samples` from 256 to 1024 (four times the rows, for every split)"
    #expect(overfit(context).recommendations.first == more)
    #expect(overfit(context).nextSteps().first == more)
    // Both high: after the bias remedies, still the key (no longer the generic remedy).
    let both = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.2, testError: 0.5, context: context)
    #expect(both.recommendations.contains(more))
    #expect(!both.recommendations.contains(BiasVarianceDiagnosis.moreData))
    // File data: regularization first, the generic remedy kept off `try next`.
    let file = overfit(DiagnosisContext(training: .converged))
    #expect(file.recommendations.prefix(2).last == BiasVarianceDiagnosis.moreData)
    #expect(file.nextSteps().first?.hasPrefix("add regularization") == true)
  }

  /// A mini-batch rule whose batch takes every training row (primer 003's 256 of 192) is told
  /// to raise it with the samples: else the advised run also takes 3 steps per epoch (tester L7).
  @Test("more generated rows name the batch size that takes them all")
  func moreRowsKeepTheFullBatch() {
    var context = DiagnosisContext(training: .converged)
    (context.generatedSamples, context.trainRows, context.coveringBatch) = (256, 192, 256)
    #expect(
      overfit(context).recommendations.first
        == "more data: raise `dataset.generator.samples` from 256 to 1024 and "
        + "`optimizer.batch_size` from 256 to 768, so that each step still takes every training "
        + "row (a batch of 256 of 768 rows would make each epoch 3 steps) (four times the rows, "
        + "for every split)")
    // A batch that still takes four times the rows needs no word.
    context.coveringBatch = 1000
    #expect(
      overfit(context).recommendations.first
        == "more data: raise `dataset.generator.samples` from 256 to 1024 (four times the rows, "
        + "for every split)")
  }

  @Test("a curve's value to set is the cheaper fix: more generated data comes second")
  func curvePickBeforeMoreData() {
    var context = DiagnosisContext(training: .converged)
    context.generatedSamples = 100
    context.validationCurveParameter = "regularization.l2"
    context.validationCurve = ValidationCurve(
      parameter: "regularization.l2",
      points: [(0.0, 0.3), (0.1, 0.1), (1, 0.3)].map {
        ValidationCurve.Point(value: $0.0, trainError: 0.05, heldOutError: $0.1)
      })
    let advice = overfit(context).recommendations
    #expect(advice.first?.hasPrefix("regularization by the validation curve: set") == true)
    #expect(advice.dropFirst().first?.hasPrefix("more data: raise `dataset.generator") == true)
  }

  @Test("a regression base error far below the training error is said to be in other units")
  func regressionBaseErrorUnits() {
    // diabetes with base_error 0.05: train MSE 3955, test 2900.
    let d = BiasVarianceDiagnosis(
      baseError: 0.05, trainError: 3955, testError: 2900, thresholds: .regressionDefault,
      context: DiagnosisContext(task: .regression(outputs: 1), training: .converged))
    #expect(d.hasHighBias)
    #expect(
      d.gapsText.hasPrefix(
        "avoidable bias 3.95e+03 (train − base error 0.05, +7.91e+06% of base, base_error under a thousandth of the train error: is it in the loss's units?)"
      ))
    #expect(
      d.nextSteps().first
        == "check the base error: `report.bias_variance.base_error` (0.05) is under a thousandth of the training error (3.96e+03): a regression's is in the loss's units (for mse the target's units squared, e.g. the variance of the targets' noise, for mae and huber the target's units), the lowest loss any model could reach"
    )
    // In the loss's units, no note.
    let right = BiasVarianceDiagnosis(
      baseError: 2500, trainError: 3955, testError: 2900, thresholds: .regressionDefault,
      context: DiagnosisContext(task: .regression(outputs: 1), training: .converged))
    #expect(!right.gapsText.contains("thousandth"))
    #expect(right.nextSteps().first?.hasPrefix("check the base error") == false)
    // Recommendations are joined with "; " in bias_variance.csv: none may hold it.
    #expect(d.recommendations.allSatisfy { !$0.contains("; ") }, "\(d.recommendations)")
    // A noise variance on small targets is in the loss's units: sine, noise 0.01, MSE 0.191.
    let small = BiasVarianceDiagnosis(
      baseError: 0.0001, trainError: 0.191, testError: 0.2, thresholds: .regressionDefault,
      context: DiagnosisContext(task: .regression(outputs: 1), training: .converged))
    #expect(!small.gapsText.contains("thousandth"))
    #expect(small.nextSteps().first?.hasPrefix("check the base error") == false)
  }

  @Test("a run of no steps is told only to train, high variance or high bias alike")
  func noStepsOnlyTrains() {
    let context = DiagnosisContext(trainingLength: 0)
    let trainIt =
      "train it: raise `optimizer.iterations` from 0 (this run only evaluated its initial weights)"
    #expect(overfit(context).verdict == .highVariance)
    #expect(overfit(context).recommendations == [trainIt])
    let underfit = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.5, testError: 0.5, context: context)
    #expect(underfit.recommendations == [trainIt])
    let both = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.3, testError: 0.6, context: context)
    #expect(both.recommendations == [trainIt])
  }

  /// The curve over l2 [0, 0.001, 0.01, 0.1, 1]: 0.1 has the lowest dev error but underfits.
  func curve(l2: Double?) -> BiasVarianceDiagnosis {
    var context = DiagnosisContext(l2: l2, training: .converged)
    context.validationCurveParameter = "regularization.l2"
    context.validationCurve = ValidationCurve(
      parameter: "regularization.l2",
      points: [
        (0, 0.0, 0.2), (0.001, 0.0, 0.19), (0.01, 0.02, 0.15), (0.1, 0.1, 0.133), (1, 0.3, 0.35),
      ]
      .map { ValidationCurve.Point(value: $0.0, trainError: $0.1, heldOutError: $0.2) },
      diagnosis: CurveDiagnosis(baseError: 0))
    let train = l2 == 0.1 ? 0.1 : 0.0
    let dev = l2 == 0.1 ? 0.133 : 0.2
    return BiasVarianceDiagnosis(baseError: 0, trainError: train, devError: dev, context: context)
  }

  @Test("a curve's pick that is high bias says so; a run at it keeps it")
  func curvePickWithHighBias() {
    let highBias =
      ", and the model has high bias there (its row of `validation_curve.csv`): 0.0, 0.001, 0.01 fit the training set better but do worse on dev, so the bias is the price of less variance here"
    let first = curve(l2: nil)
    #expect(first.verdict == .highVariance)
    #expect(
      first.nextSteps().first
        == "regularization by the validation curve: set `regularization.l2` to 0.1, the lowest dev error on the validation curve (0.133)"
        + highBias)
    // The run at 0.1 is high bias: it keeps 0.1 (last), never lowers it.
    let rerun = curve(l2: 0.1)
    #expect(rerun.verdict == .highBias)
    #expect(
      rerun.recommendations.last
        == "regularization by the validation curve: keep `regularization.l2` at 0.1, the lowest dev error on the validation curve (0.133), so the other remedies come first"
        + highBias)
    #expect(!rerun.recommendations.contains { $0.contains("lower `regularization.l2`") })
    // A pick that fits well says nothing of bias.
    var fine = curve(l2: nil)
    fine.context.validationCurve = ValidationCurve(
      parameter: "regularization.l2",
      points: [(0, 0.0, 0.2), (0.1, 0.02, 0.05)].map {
        ValidationCurve.Point(value: $0.0, trainError: $0.1, heldOutError: $0.2)
      }, diagnosis: CurveDiagnosis(baseError: 0))
    #expect(fine.nextSteps().first?.contains("high bias") == false)
  }
}

/// Tester O3: the batch advised with more samples takes the training rows those samples give
/// after the split's rounding (172 samples at 0.75 give 129 rows, not four times 32).
@Suite struct MoreSamplesBatchTests {
  @Test func theAdvisedBatchTakesTheRowsTheSplitGives() {
    var context = DiagnosisContext(training: .converged)
    (context.generatedSamples, context.trainRows, context.coveringBatch) = (43, 32, 32)
    context.trainRowsOfMoreSamples = 129
    let advice = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0, testError: 0.3, context: context
    ).recommendations.first
    #expect(
      advice?.hasPrefix(
        "more data: raise `dataset.generator.samples` from 43 to 172 and `optimizer.batch_size` "
          + "from 32 to 129, so that each step still takes every training row (a batch of 32 of "
          + "129 rows would make each epoch 5 steps)") == true, "\(advice ?? "")")
  }
}
