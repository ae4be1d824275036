import Testing

@testable import Specs

/// `report.bias_variance`: a classification error is a fraction, a regression error the loss.
@Suite struct BiasVarianceSpecTests {
  static let regression = """
    dataset: {name: diabetes, split: {test: 20}}
    model: {type: linreg}
    loss: mse
    """

  @Test func aRegressionBaseErrorIsInTheLossUnits() throws {
    let spec = try load(
      Self.regression + "\nreport: {bias_variance: {base_error: 2500}}\n"
    ).get().spec
    #expect(spec.report.biasVariance.baseError == 2500)
    #expect(spec.report.biasVariance.biasThreshold == 0.1)
    #expect(spec.report.biasVariance.varianceThreshold == 0.1)
    let defaults = try load(Self.regression).get().spec.report.biasVariance
    #expect(defaults.baseError == 0 && defaults.biasThreshold == 0.1)
  }

  @Test func aClassificationBaseErrorIsAFraction() throws {
    let text = failure(minimalSpec + "\nreport: {bias_variance: {base_error: 2500}}\n")
    #expect(text.contains("base_error"), "\(text)")
    #expect(
      text.contains("base_error must be between 0 and 1 for a classifier (got 2500)"), "\(text)")
    #expect(text.contains("in its loss's units"), "\(text)")
    let spec = try load(minimalSpec + "\nreport: {bias_variance: {base_error: 0.02}}\n").get().spec
    #expect(spec.report.biasVariance.baseError == 0.02)
    #expect(spec.report.biasVariance.biasThreshold == 0.05)
  }

  /// A regression loss whose metrics score classes (a sigmoid perceptron trained with mse) is
  /// judged as a classifier: base_error a fraction, thresholds 0.05 on the gaps; with no such
  /// metric it stays a regression (base_error in the loss's units, thresholds 0.1 relative).
  @Test(arguments: [("[accuracy]", true), ("[f1]", true), ("[mse]", false), ("[r2]", false)])
  func aRegressionLossScoringClassesIsJudgedAsClasses(metrics: String, classes: Bool) throws {
    let perceptron = """
      dataset: {generator: {type: gates, gate: or}}
      model: {type: mlp, layers: [{units: 1, activation: sigmoid}]}
      loss: mse
      metrics: \(metrics)
      """
    let spec = try load(perceptron).get().spec
    #expect(spec.judgesClasses == classes)
    #expect(spec.report.biasVariance.biasThreshold == (classes ? 0.05 : 0.1))
    #expect(spec.report.biasVariance.varianceThreshold == (classes ? 0.05 : 0.1))
    // A regression's bias threshold changes nothing at base_error 0; a classifier's does.
    #expect(
      spec.inertKeys.contains { $0.path == "report.bias_variance.bias_threshold" } == !classes)
    let large = load(perceptron + "\nreport: {bias_variance: {base_error: 2}}\n")
    #expect((try? large.get().spec.report.biasVariance.baseError) == (classes ? nil : 2))
  }

  /// Blobs' Bayes error, a fraction misclassified, is the floor of an mse run whose metrics
  /// score classes, not of one whose metrics do not.
  @Test func blobsFloorAnMseRunScoringClasses() throws {
    let blobs = """
      dataset: {generator: {type: blobs, means: [[0, 0], [2, 2]]}}
      model: {type: mlp, layers: [{units: 1, activation: sigmoid}]}
      loss: mse

      """
    #expect(try load(blobs + "metrics: [accuracy]\n").get().spec.usesNoiseFloor)
    #expect(try !load(blobs + "metrics: [mse]\n").get().spec.usesNoiseFloor)
  }

  @Test func aRegressionBaseErrorMustNotBeNegative() {
    let text = failure(Self.regression + "\nreport: {bias_variance: {base_error: -1}}\n")
    #expect(text.contains("base_error"), "\(text)")
  }
}
