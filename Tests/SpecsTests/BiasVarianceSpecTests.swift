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

  @Test func aRegressionBaseErrorMustNotBeNegative() {
    let text = failure(Self.regression + "\nreport: {bias_variance: {base_error: -1}}\n")
    #expect(text.contains("base_error"), "\(text)")
  }
}
