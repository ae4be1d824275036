import Testing

@testable import Reports

/// The rules that keep the diagnosis truthful: bias and variance are judged on a model that
/// trained, `try next` leads with the verdict's remedies, and "fine" means both were judged.
@Suite("diagnosis of failed training, try next, not judged")
struct TrainingProgressDiagnosisTests {
  /// A linear classifier at chance: train and test error 0.45.
  func stuck(_ progress: TrainingProgress?, context: DiagnosisContext = DiagnosisContext())
    -> BiasVarianceDiagnosis
  {
    BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.45, testError: 0.45, context: context, progress: progress)
  }

  @Test("no progress: the loss ended not below its start (0 and NaN included)")
  func noProgress() {
    #expect(TrainingProgress(start: 0.693, end: 81).madeNoProgress)
    #expect(TrainingProgress(start: 0.693, end: 0.693).madeNoProgress)
    #expect(TrainingProgress(start: 0.693, end: .nan).madeNoProgress)
    #expect(!TrainingProgress(start: 0.693, end: 0.69).madeNoProgress)
    #expect(!TrainingProgress(start: 0, end: 0).madeNoProgress)  // a perfect fit from the start
    #expect(TrainingProgress(start: 0.693, end: 0.5, peak: 800).roseALot)
    #expect(!TrainingProgress(start: 0.693, end: 0.5, peak: 6).roseALot)
  }

  @Test("a model without hidden layers failed only when its loss ended over 1% above its start")
  func linearModel() {
    // Logistic regression from zeros on XOR: the gradient is 0, the loss stays at the optimum.
    let optimum = TrainingProgress(start: 0.693, end: 0.693, network: false)
    #expect(!optimum.madeNoProgress && !optimum.rose)
    #expect(stuck(optimum).verdict == .highBias)
    // Mini-batch noise around the optimum is no rise; an overshoot is.
    #expect(!TrainingProgress(start: 0.6931, end: 0.697, network: false).madeNoProgress)
    #expect(TrainingProgress(start: 0.693, end: 0.71, network: false).madeNoProgress)
    #expect(TrainingProgress(start: 0.693, end: 0.71, network: false).rose)
    #expect(TrainingProgress(start: 0.693, end: .nan, network: false).madeNoProgress)
    // A network's loss not below its start is stuck, noise a hair above included, not a rise.
    let network = TrainingProgress(start: 0.6931, end: 0.6932)
    #expect(network.madeNoProgress && !network.rose)
  }

  @Test("what the loss did, with the digits that tell the numbers apart")
  func description() {
    #expect(
      TrainingProgress(start: 0.6931471805599466, end: 81.2).description
        == "the training loss ended at 81.2, above its start 0.693")
    #expect(
      TrainingProgress(start: 0.6931471805599466, end: 0.6931843009423049).description
        == "the training loss ended at 0.6932, above its start 0.6931")
    #expect(
      TrainingProgress(start: 0.5, end: 0.5, penalized: true).description
        == "the training cost (loss + penalty) stayed at its start 0.5")
    #expect(
      TrainingProgress(start: 0.737, end: 0.488, peak: 56.5).description
        == "the training loss rose to 56.5 (77× its start 0.737) before ending at 0.488")
    #expect(
      TrainingProgress(start: 0.693, end: 0.5).description
        == "the training loss fell to 0.5 from its start 0.693")
  }

  @Test("failed training is not high bias, and the advice makes the loss go down")
  func failedTraining() {
    let context = DiagnosisContext(
      hiddenLayers: 0, training: .stillImproving, optimizer: "gd", learningRate: 0.5,
      featureScale: 299)
    let d = stuck(TrainingProgress(start: 0.693, end: 164, peak: 887), context: context)
    #expect(d.hasHighBias && d.trainingFailed)
    #expect(d.verdict == .notConverged)
    #expect(
      d.verdictText
        == "training did not converge: the training loss ended at 164, above its start 0.693")
    #expect(d.gapsText == "")
    #expect(
      d.recommendations == [
        "standardize the features: add `- standardize` to `dataset.preprocessing` (inputs reach 299, and gradient descent wants them near −1…1)",
        "a lower learning rate (the training loss rose to 887, 1280× its start): lower `optimizer.learning_rate` from 0.5 to 0.05",
      ])
    // The decomposition's numbers stay in the table.
    let row = Dictionary(uniqueKeysWithValues: zip(BiasVarianceDiagnosis.columns, d.table.rows[0]))
    #expect(row["avoidable_bias"] == "0.45" && row["verdict"] == d.verdictText)
    // Without the facts, no advice that does not apply: only the learning rate is named.
    let bare = stuck(
      TrainingProgress(start: 0.693, end: 0.75), context: DiagnosisContext(learningRate: 10))
    #expect(
      bare.recommendations == [
        "a lower learning rate: lower `optimizer.learning_rate` from 10.0 to 1.0"
      ])
  }

  @Test("a loss that rose a lot is a failure only if the model underfits")
  func roseALot() {
    let spike = TrainingProgress(start: 0.7, end: 0.3, peak: 56)
    #expect(stuck(spike).verdict == .unstable)
    let good = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.02, testError: 0.03, progress: spike)
    #expect(good.verdict == .fine)
    #expect(stuck(TrainingProgress(start: 0.7, end: 0.3, peak: 2)).verdict == .highBias)
  }

  @Test("advice names values to 6 significant digits, the table's columns stay exact")
  func adviceDigits() {
    #expect(BiasVarianceDiagnosis.advised(0.85 / 10) == "0.085")
    #expect(BiasVarianceDiagnosis.advised(1.0 / 300) == "0.00333333")
    #expect(BiasVarianceDiagnosis.advised(10) == "10.0")
    #expect(BiasVarianceDiagnosis.advised(1e-7) == "1e-07")
    #expect(BiasVarianceDiagnosis.advised(0.0535580345972) == "0.053558")
    let context = DiagnosisContext(optimizer: "gd", learningRate: 0.85)
    let d = stuck(TrainingProgress(start: 0.693, end: 0.8), context: context)
    #expect(
      d.recommendations.first
        == "a lower learning rate: lower `optimizer.learning_rate` from 0.85 to 0.085")
  }

  @Test("a network started at zeros: a random init, never a bigger network")
  func zerosInit() {
    let context = DiagnosisContext(hiddenLayers: 1, learningRate: 0.01, randomInit: "he")
    let flat = stuck(TrainingProgress(start: 0.6931, end: 0.6932), context: context)
    #expect(flat.verdict == .notConverged)
    #expect(
      flat.recommendations == [
        "a random init: `model.init: he` (started at zeros, every hidden unit of a layer stays identical to the others, so a bigger network cannot help)"
      ])
    // The bias of the output unit learns the class prior: the loss falls a little, high bias.
    let prior = stuck(TrainingProgress(start: 0.6931, end: 0.69), context: context)
    #expect(prior.verdict == .highBias)
    #expect(prior.recommendations.first?.hasPrefix("a random init") == true)
    #expect(!prior.recommendations.contains { $0.contains("bigger network:") })
  }

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
    #expect(overfit.verdictText == "high variance (bias not judged: base_error 0)")
    #expect(
      overfit.nextSteps().first
        == "add regularization: `regularization: {l2: 0.1}`, or compare strengths in one run: `validation_curve: {parameter: regularization.l2, values: [0, 0.001, 0.01, 0.1, 1]}` under `report`"
    )
    #expect(overfit.nextSteps().last?.hasPrefix("judge bias") == true)
    // The cat run: more data is no spec change; it stays in the CSV, off the table.
    let cat = BiasVarianceDiagnosis(baseError: 0, trainError: 2.0 / 209, testError: 0.3)
    #expect(
      cat.nextSteps() == [
        "add regularization: `regularization: {l2: 0.1}`, or compare strengths in one run: `validation_curve: {parameter: regularization.l2, values: [0, 0.001, 0.01, 0.1, 1]}` under `report`"
      ])
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
        == "not judged (no held-out split to measure variance, and bias not judged: base_error 0)")
    let lowVariance = BiasVarianceDiagnosis(
      baseError: 0, trainError: 3.5, testError: 3.6, thresholds: .regressionDefault)
    #expect(lowVariance.verdictText == "low variance (bias not judged: base_error 0)")
    // A problem found is named even when the other gap could not be measured.
    #expect(
      BiasVarianceDiagnosis(baseError: 0, trainError: 0.3).verdictText
        == "high bias (no held-out split to measure variance)")
  }

  @Test("a curve point that did not train says so")
  func curvePoint() {
    let diagnosis = CurveDiagnosis(baseError: 0)
    #expect(
      diagnosis.verdictText(
        train: 0.5, heldOut: 0.5,
        facts: CurveDiagnosis.Facts(progress: TrainingProgress(start: 0.69, end: 0.76)))
        == "training did not converge: the training loss ended at 0.76, above its start 0.69")
    #expect(diagnosis.verdictText(train: 0.5, heldOut: 0.5) == "high bias")
    let curve = ValidationCurve(
      parameter: "optimizer.learning_rate",
      points: [
        .init(value: 0.01, trainError: 0.1, heldOutError: 0.1),
        .init(
          value: 10, trainError: 0.5, heldOutError: 0.5,
          progress: TrainingProgress(start: 0.69, end: 0.76)),
      ], diagnosis: diagnosis)
    #expect(curve.table.column("verdict")?.last?.hasPrefix("training did not converge") == true)
  }
}
