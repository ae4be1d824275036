import Testing

@testable import Reports

/// A predictions table from mlxtend's bootstrap rounds, with mlxtend's three figures.
struct DecompositionFixture<Value: Decodable & Sendable>: Decodable, Sendable {
  var loss: String
  var targets: [Value]
  var expectedLoss: Double
  var bias: Double
  var variance: Double
  var predictions: [[Value]]

  /// mlxtend's field names.
  enum CodingKeys: String, CodingKey {
    case loss, targets, bias, variance, predictions
    case expectedLoss = "expected_loss"
  }
}

func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

@Suite("Bias/variance decomposition (mlxtend's definitions)")
struct BiasVarianceDecompositionTests {
  @Test("mse on mlxtend's diabetes predictions matches mlxtend, and loss = bias² + variance")
  func mseMatchesMlxtend() throws {
    let golden = try fixture(
      "decomposition_mse_diabetes.json", as: DecompositionFixture<Double>.self)
    let result = try BiasVarianceDecomposition.mse(
      predictions: golden.predictions, targets: golden.targets)
    #expect(result.rounds == 10 && result.testSamples == 89)
    #expect(relative(result.expectedLoss, golden.expectedLoss) < 1e-12)
    #expect(relative(result.bias, golden.bias) < 1e-12)
    #expect(relative(result.variance, golden.variance) < 1e-10)
    #expect(relative(result.bias + result.variance, result.expectedLoss) < 1e-12)
  }

  @Test("0-1 loss on mlxtend's breast-cancer predictions matches mlxtend")
  func zeroOneMatchesMlxtend() throws {
    let golden = try fixture(
      "decomposition_01_breast_cancer.json", as: DecompositionFixture<Int>.self)
    let result = try BiasVarianceDecomposition.zeroOne(
      predictions: golden.predictions, targets: golden.targets)
    #expect(result.expectedLoss == golden.expectedLoss)
    #expect(result.bias == golden.bias)
    #expect(result.variance == golden.variance)
    // The table names the loss as the spec does (`report.bootstrap.loss: zero_one`), not as
    // mlxtend's argument (`0-1_loss`, the fixture's).
    #expect(golden.loss == "0-1_loss")
    #expect(result.table.column("loss") == ["zero_one"])
  }

  @Test("hand-computed mse case")
  func mseByHand() throws {
    // Main predictions (2, 4); bias² = ((2−1)² + (4−4)²)/2 = 0.5; variance = (1+1+0+0)/4 = 0.5.
    let result = try BiasVarianceDecomposition.mse(
      predictions: [[1, 4], [3, 4]], targets: [1, 4])
    #expect(result.mainPredictions == [2, 4])
    #expect(result.bias == 0.5 && result.variance == 0.5 && result.expectedLoss == 1.0)
    #expect(
      result.table.rendered
        == "loss,rounds,test_samples,expected_loss,bias,variance,failed_rounds\n"
        + "mse,2,2,1.0,0.5,0.5,0\n")
  }

  @Test("majority vote ties go to the smallest label")
  func ties() throws {
    let result = try BiasVarianceDecomposition.zeroOne(
      predictions: [[1, 2], [0, 2], [2, 1], [0, 1]], targets: [1, 1])
    #expect(result.mainPredictions == [0, 1])
    #expect(result.bias == 0.5)
    #expect(result.expectedLoss == 5.0 / 8.0)
    #expect(result.variance == 4.0 / 8.0)
  }

  @Test("bad tables are typed errors")
  func errors() {
    #expect(throws: DecompositionError.noRounds) {
      try BiasVarianceDecomposition.mse(predictions: [], targets: [1])
    }
    #expect(throws: DecompositionError.widthMismatch(round: 1, predictions: 1, targets: 2)) {
      try BiasVarianceDecomposition.mse(predictions: [[1, 2], [1]], targets: [1, 2])
    }
    #expect(throws: DecompositionError.nonFinitePrediction(round: 0, sample: 1)) {
      try BiasVarianceDecomposition.mse(predictions: [[1, .nan]], targets: [1, 2])
    }
  }
}
