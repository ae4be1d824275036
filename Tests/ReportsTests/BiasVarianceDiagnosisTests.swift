import Testing

@testable import Reports

@Suite("Bias/variance diagnosis")
struct BiasVarianceDiagnosisTests {
  /// The cat run: 207/209 right on train, 35/50 on test.
  let cat = BiasVarianceDiagnosis(baseError: 0, trainError: 2.0 / 209, testError: 0.3)

  @Test("the cat run is high variance and recommends regularization")
  func catRun() {
    #expect(abs(cat.avoidableBias - 0.0095694) < 1e-7)
    #expect(abs(cat.variance! - 0.2904306) < 1e-7)
    #expect(cat.varianceSplit == "test")
    #expect(cat.dataMismatch == nil)
    #expect(cat.verdict == .highVariance)
    #expect(cat.verdictText == "high variance")
    #expect(
      cat.recommendations.first
        == "add regularization: `regularization: {l2: 0.1}`, or compare strengths in one run: `validation_curve: {parameter: regularization.l2, values: [0, 0.001, 0.01, 0.1, 1]}` under `report`"
    )
    #expect(cat.recommendations.contains { $0.hasPrefix("more data") })
  }

  @Test("the gaps in the run's final table, as Andrew Ng names them")
  func gapsText() {
    #expect(
      cat.gapsText
        == "avoidable bias 0.00957 (train − base error 0), variance 0.29 (test − train error)")
    #expect(!cat.looksFine)
    // Regression: each gap also relative to the error it grows from; with a train-dev split,
    // the data mismatch too.
    let diabetes = BiasVarianceDiagnosis(
      baseError: 2500, trainError: 3955, trainDevError: 4000, devError: 4400,
      thresholds: .regressionDefault)
    #expect(
      diabetes.gapsText
        == "avoidable bias 1.46e+03 (train − base error 2.5e+03, +58% of base), variance 45 (train_dev − train error, +1% of train), data mismatch 400 (dev − train_dev error, +10% of train_dev)"
    )
    // No base error on a regression: bias is not judged, so no avoidable bias is shown.
    let unjudged = BiasVarianceDiagnosis(
      baseError: 0, trainError: 3955, testError: 2548, thresholds: .regressionDefault)
    #expect(unjudged.gapsText == "variance -1.41e+03 (test − train error, -36% of train)")
    #expect(!unjudged.looksFine)
    #expect(BiasVarianceDiagnosis(baseError: 0, trainError: 0.01, testError: 0.02).looksFine)
  }

  @Test("the cat run's bias_variance.csv")
  func catTable() {
    let table = cat.table
    #expect(table.header == BiasVarianceDiagnosis.columns)
    #expect(table.rows.count == 1)
    let row = Dictionary(uniqueKeysWithValues: zip(table.header, table.rows[0]))
    #expect(row["base_error"] == "0.0")
    #expect(row["train_error"] == "0.009569377990430622")
    #expect(row["train_dev_error"] == "")
    #expect(row["dev_error"] == "")
    #expect(row["test_error"] == "0.3")
    #expect(row["variance_split"] == "test")
    #expect(row["verdict"] == "high variance")
    #expect(row["recommendations"]?.hasPrefix("add regularization") == true)
  }

  @Test("variance uses train-dev, else dev, else test")
  func varianceSplit() {
    let all = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.1, trainDevError: 0.12, devError: 0.3, testError: 0.5)
    #expect(all.varianceSplit == "train_dev")
    #expect(abs(all.variance! - 0.02) < 1e-12)
    #expect(abs(all.dataMismatch! - 0.18) < 1e-12)
    #expect(all.hasDataMismatch == true)
    #expect(all.verdict == .highBias)
    #expect(all.verdictText == "high bias, data mismatch")
    #expect(all.recommendations.contains { $0.hasPrefix("reduce data mismatch") })
    let dev = BiasVarianceDiagnosis(baseError: 0, trainError: 0.1, devError: 0.12, testError: 0.5)
    #expect(dev.varianceSplit == "dev")
    #expect(dev.hasDataMismatch == nil)
  }

  @Test(
    "verdicts by thresholds",
    arguments: [
      (0.01, 0.02, 0.03, BiasVarianceVerdict.fine),
      (0.01, 0.15, 0.17, .highBias),
      (0.01, 0.02, 0.20, .highVariance),
      (0.01, 0.15, 0.40, .both),
    ])
  func verdicts(base: Double, train: Double, dev: Double, expected: BiasVarianceVerdict) {
    let diagnosis = BiasVarianceDiagnosis(baseError: base, trainError: train, devError: dev)
    #expect(diagnosis.verdict == expected)
    #expect(!diagnosis.recommendations.isEmpty)
  }

  @Test("recommendations use the spec's current values")
  func concreteAdvice() {
    let context = DiagnosisContext(
      l2: 0.1, hiddenLayers: 1, trainingLengthKey: "optimizer.epochs", trainingLength: 10)
    let overfit = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0, devError: 0.3, context: context)
    #expect(
      overfit.recommendations.first
        == "stronger regularization: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.1, 0.3, 1.0]}` under `report`, or raise `regularization.l2` from 0.1 to 0.3 (a step to 1.0 can jump past the best strength; should 0.3 be high bias, its advice is a curve, never a step back)"
    )
    let underfit = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.3, devError: 0.3, context: context)
    #expect(
      underfit.recommendations.contains(
        "train longer if the training loss is still falling (see `metrics.csv`): raise `optimizer.epochs` from 10 to 20"
      ))
    #expect(underfit.recommendations.contains { $0.hasPrefix("weaken regularization") })
    let custom = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.03, devError: 0.05,
      thresholds: BiasVarianceThresholds(avoidableBias: 0.01, variance: 0.01, dataMismatch: 0.01))
    #expect(custom.verdict == .both)
  }
}

@Suite("diagnosis advice names real spec keys")
struct DiagnosisAdviceTests {
  @Test("a linear model with high bias is told to become an mlp with a hidden layer")
  func linearHighBias() {
    let underfit = BiasVarianceDiagnosis(baseError: 0, trainError: 0.3, devError: 0.31)
    #expect(underfit.verdict == .highBias)
    #expect(
      underfit.recommendations.first?.contains(
        "`model: {type: mlp, layers: [{units: 16, activation: relu}") == true)
    #expect(
      underfit.recommendations.contains(
        "train longer if the training loss is still falling (see `metrics.csv`): raise `optimizer.iterations`"
      ))
  }

  @Test("an mlp with high variance is told to shrink `model.layers`")
  func mlpHighVariance() {
    let overfit = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0, devError: 0.2, context: DiagnosisContext(hiddenLayers: 2))
    #expect(
      overfit.recommendations.last
        == "a smaller model: fewer hidden layers or units in `model.layers`")
  }
}

/// Regression: errors are losses in the target's units, so the gaps are judged relative to the
/// error they grow from, and the advice fits an unbounded target.
@Suite("regression diagnosis in the loss's units")
struct RegressionDiagnosisTests {
  /// Diabetes, bmi only, least squares: train MSE 3955.02, test MSE 2548.07 (the last 20 rows).
  func diabetes(base: Double, training: DiagnosisContext.Training = .converged)
    -> BiasVarianceDiagnosis
  {
    BiasVarianceDiagnosis(
      baseError: base, trainError: 3955.019853401394, testError: 2548.0723987259703,
      thresholds: .regressionDefault,
      context: DiagnosisContext(
        task: .regression(outputs: 1), trainingLength: 30000, training: training,
        optimizer: "gd", inputFeatures: 1, unusedColumns: ["age", "sex", "bp"]))
  }

  @Test("no base error: bias is not judged, and the verdict says so")
  func withoutBaseError() {
    let d = diabetes(base: 0)
    #expect(!d.judgesBias && !d.hasHighBias && !d.hasHighVariance)
    #expect(d.relativeAvoidableBias == nil)
    #expect(abs(d.relativeVariance! - (2548.0723987259703 / 3955.019853401394 - 1)) < 1e-12)
    #expect(d.verdictText == "low variance (bias not judged: base_error 0)")
    #expect(d.recommendations.count == 1)
    #expect(d.recommendations[0].hasPrefix("judge bias: set `report.bias_variance.base_error`"))
    // A perfect fit (an AND perceptron: mse 0) has no avoidable bias to judge; without a
    // held-out split its variance is not judged.
    let perfect = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0, thresholds: .regressionDefault)
    #expect(
      perfect.judgesBias && !perfect.hasHighBias
        && perfect.verdictText
          == "not judged (no held-out split to measure variance; avoidable bias is low)"
    )
    #expect(perfect.recommendations.allSatisfy { !$0.hasPrefix("judge bias") })
  }

  @Test("base error 2500: 58% above it is high bias, with advice for an unbounded target")
  func withBaseError() {
    let d = diabetes(base: 2500)
    #expect(abs(d.relativeAvoidableBias! - 0.5820079413605576) < 1e-12)
    #expect(d.verdictText == "high bias")
    let advice = d.recommendations
    #expect(
      advice.first
        == "more input features: add columns to `dataset.features` (the data also has age, sex, bp)"
    )
    #expect(advice.contains { $0.contains("{units: 1, activation: identity}") })
    #expect(advice.contains { $0.hasPrefix("polynomial features: add `- polynomial: 2`") })
    #expect(!advice.contains { $0.contains("sigmoid") })
    #expect(!advice.contains { $0.contains("train longer") || $0.contains("faster optimizer") })
  }

  @Test("a 5% gap of an MSE in the thousands is no problem; an absolute 0.05 would call it one")
  func relativeNotAbsolute() {
    let d = BiasVarianceDiagnosis(
      baseError: 2800, trainError: 2908, devError: 3000, thresholds: .regressionDefault)
    #expect(d.verdict == .fine, "\(d.verdictText)")
    let absolute = BiasVarianceDiagnosis(baseError: 2800, trainError: 2908, devError: 3000)
    #expect(absolute.verdict == .both)
  }

  @Test("variance relative to train error; a perfect fit with held-out error is high variance")
  func relativeVariance() {
    let over = BiasVarianceDiagnosis(
      baseError: 0.95, trainError: 1, devError: 1.25, thresholds: .regressionDefault)
    #expect(over.verdict == .highVariance)
    #expect(over.relativeVariance == 0.25)
    let memorized = BiasVarianceDiagnosis(
      baseError: 0.01, trainError: 0, devError: 0.5, thresholds: .regressionDefault)
    #expect(memorized.relativeVariance == .infinity && memorized.verdict == .highVariance)
  }

  @Test("train longer only while the loss was still falling")
  func trainingState() {
    let falling = diabetes(base: 2500, training: .stillImproving).recommendations
    #expect(
      falling.contains(
        "train longer (the training loss was still falling): raise `optimizer.iterations` from 30000 to 60000"
      ))
    #expect(falling.contains { $0.hasPrefix("a faster optimizer") })
    #expect(!diabetes(base: 2500).recommendations.contains { $0.contains("longer") })
  }

  @Test("the table carries the relative gaps and the threshold scale")
  func table() {
    let row = Dictionary(
      uniqueKeysWithValues: zip(BiasVarianceDiagnosis.columns, diabetes(base: 2500).table.rows[0]))
    #expect(row["threshold_scale"] == "relative")
    #expect(row["relative_avoidable_bias"] == "0.5820079413605576")
    #expect(row["avoidable_bias_threshold"] == "0.1")
    #expect(row["relative_data_mismatch"] == "")
    #expect(row["verdict"] == "high bias")
  }
}

@Suite("advice fits the model family and the task")
struct DiagnosisFamilyAdviceTests {
  @Test(
    "a network's output layer follows the task",
    arguments: [
      (DiagnosisContext.Task.binary, "{units: 1, activation: sigmoid}"),
      (.multiclass(classes: 3), "{units: 3, activation: softmax}"),
      (.regression(outputs: 2), "{units: 2, activation: identity}"),
    ])
  func outputLayer(task: DiagnosisContext.Task, layer: String) {
    let d = BiasVarianceDiagnosis(
      baseError: 0.01, trainError: 0.4, devError: 0.41,
      thresholds: task == .binary || task == .multiclass(classes: 3)
        ? .classificationDefault : .regressionDefault,
      context: DiagnosisContext(task: task, inputFeatures: 100))
    #expect(d.hasHighBias)
    #expect(d.recommendations.first?.hasSuffix(layer + "]}`") == true, "\(d.recommendations)")
    // 100 inputs: no polynomial expansion advised.
    #expect(!d.recommendations.contains { $0.contains("polynomial") })
  }

  @Test("an adaptive optimizer is not advised again; L1 is weakened like L2")
  func optimizerAndL1() {
    let d = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.3, devError: 0.3,
      context: DiagnosisContext(
        l1: 0.2, hiddenLayers: 1, training: .stillImproving, optimizer: "adam"))
    #expect(!d.recommendations.contains { $0.contains("faster optimizer") })
    #expect(
      d.recommendations.contains(
        "weaken regularization: compare in one run: `validation_curve: {parameter: regularization.l1, values: [0.02, 0.06, 0.2]}` under `report` (the curve decides, not a single step down, which the next run's verdict could send back up)"
      ))
  }

  @Test("polynomial features: more against bias, fewer against variance")
  func polynomialDegree() {
    let context = DiagnosisContext(task: .regression(outputs: 1), polynomialDegree: 3)
    let under = BiasVarianceDiagnosis(
      baseError: 0.1, trainError: 0.2, devError: 0.2, thresholds: .regressionDefault,
      context: context)
    #expect(
      under.recommendations.contains {
        $0.hasPrefix("more polynomial features") && $0.hasSuffix("from 3 to 4")
      })
    let over = BiasVarianceDiagnosis(
      baseError: 0.1, trainError: 0.1, devError: 0.3, thresholds: .regressionDefault,
      context: context)
    #expect(over.recommendations.last?.hasSuffix("from 3 to 2") == true)
  }
}
