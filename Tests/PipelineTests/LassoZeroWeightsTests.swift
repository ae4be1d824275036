import Engine
import Testing

@testable import Pipeline

/// The rule that tells a Lasso flattened by its penalty (zero weights its optimum: high bias,
/// weaken `l1`) from gd stalled at the mean (did not converge), held against the engine's own
/// proximal gd: just above the bound every weight ends exactly 0, just below one does not.
@Suite struct LassoZeroWeightsTests {
  /// x = ±1, ±2 against y = 1, −1, 1.5, −2 (mean −0.125): the loss gradient of the one weight
  /// at zero is (2/4)·|Σ xᵢ(yᵢ − ȳ)| = (2/4)·9 = 4.5.
  static let rows = Examples<Double>(
    x: Matrix(rows: 4, cols: 1, storage: [1, -1, 2, -2]),
    y: Matrix(rows: 4, cols: 1, storage: [1, -1, 1.5, -2]))

  static func configuration(l1: Double) -> TrainingConfiguration {
    TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, learningRate: 0.05,
      regularization: Regularization(l1: l1), budget: .iterations(4000))
  }

  /// The trained weight.
  static func weight(l1: Double) throws -> Double {
    let result: TrainingResult<Double> = try Trainer.train(configuration(l1: l1), train: rows)
    let layer = try #require(SavedParameters.prefixes(result.model).first?.network.layers.first)
    return layer.weights.storage[0]
  }

  @Test func zeroWeightsAreTheOptimumFromTheBoundUp() throws {
    #expect(LassoZeroWeights.areOptimal(Self.configuration(l1: 4.5), Self.rows) == true)
    #expect(LassoZeroWeights.areOptimal(Self.configuration(l1: 4.4), Self.rows) == false)
    #expect(try Self.weight(l1: 4.6) == 0)
    #expect(try Self.weight(l1: 4.4) != 0)
    // Not known without L1, for another loss or a classifier.
    #expect(LassoZeroWeights.areOptimal(Self.configuration(l1: 0), Self.rows) == nil)
    var mae = Self.configuration(l1: 4.5)
    mae.loss = .mae
    #expect(LassoZeroWeights.areOptimal(mae, Self.rows) == nil)
  }
}
