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
    #expect(cat.recommendations.first == "add regularization: `regularization: {l2: 0.1}`")
    #expect(cat.recommendations.contains { $0.hasPrefix("more data") })
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
        == "stronger regularization: raise `regularization.l2` from 0.1 to 1.0")
    let underfit = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.3, devError: 0.3, context: context)
    #expect(
      underfit.recommendations.contains("train longer: raise `optimizer.epochs` from 10 to 20"))
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
    #expect(underfit.recommendations.contains("train longer: raise `optimizer.iterations`"))
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
