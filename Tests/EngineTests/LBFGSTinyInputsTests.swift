import Foundation
import Testing

@testable import Engine

/// L-BFGS on tiny inputs (iris in km, 1e-7): the gradient met the tolerance before any step
/// because of the inputs' scale, and the run said "converged at iteration 0" with zero weights,
/// accuracy at chance, exit 0 (tester AX F3). The mirror of inputs near 1e100: it stops as a
/// divergence at iteration 0 naming the tiny features. A warm start at an optimum converges.
@Suite struct LBFGSTinyInputsTests {
  /// Balanced labels (the bias's gradient is 0 at the start) of a feature that separates them
  /// but for a few rows, and a noise feature.
  static func data(scale: Double) -> Examples<Double> {
    let m = 40
    let noise = Synthetic.features(m, 2, seed: 11)
    var x = Matrix<Double>(rows: m, cols: 2)
    let labels = (0..<m).map { $0 % 2 }
    for i in 0..<m {
      let side = labels[i] == 1 ? 1.0 : -1.0
      x[i, 0] = (side * 0.8 + noise[i, 0]) * scale
      x[i, 1] = noise[i, 1] * scale
    }
    return Examples(x: x, labels: labels)
  }

  static let configuration = TrainingConfiguration(
    model: .logisticRegression(.binary), loss: .binaryCrossEntropy,
    optimizer: .lbfgs(tolerance: 1e-4), learningRate: 1, budget: .iterations(100),
    recordEvery: 1)

  @Test(arguments: [1e-7, 1e-300]) func tinyInputsAreADivergenceNamingThem(scale: Double) throws {
    BLASSetup.once()
    let r = try Trainer.train(Self.configuration, train: Self.data(scale: scale))
    let d = try #require(r.divergence, "\(r.stopReason)")
    #expect(d.iteration == 0 && d.tinyInputs && d.gradient != nil)
    #expect(d.description.hasSuffix("the features are too small to train on as they are"))
    // The same data in range trains.
    let plain = try Trainer.train(Self.configuration, train: Self.data(scale: 1))
    #expect(plain.divergence == nil && plain.iterations > 0)
  }

  /// A warm start at the optimum of small inputs (× 1e-3, whose gradient over their scale is
  /// above the tolerance) converges: its inputs lower the loss.
  @Test func aWarmStartAtTheOptimumOfSmallInputsConverges() throws {
    BLASSetup.once()
    let data = Self.data(scale: 1e-3)
    let first = try Trainer.train(Self.configuration, train: data)
    #expect(first.divergence == nil && first.iterations > 0, "\(first.stopReason)")
    guard case .network(let network) = first.model else {
      Issue.record("not one network")
      return
    }
    var c = Self.configuration
    c.initializer = .explicit(
      network.layers.map { ExplicitLayer(weights: $0.weights, bias: $0.bias) })
    let again = try Trainer.train(c, train: data)
    #expect(again.divergence == nil, "\(again.stopReason)")
  }
}
