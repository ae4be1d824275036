import Testing

@testable import Engine

/// The best step of a failed line search that lowers the objective by rounding noise is no
/// convergence (tester BA's F-A): at a first trial step of 1e-12 or 1e-9, L-BFGS on the blobs
/// said `converged at iteration 36` (43) with exit 0, its weights off scikit-learn's
/// (1.181058, 1.133217, −10.823336), because the relative reduction test (`ftol`, 64ε) took the
/// 3e-17 "decrease" of the search's best step for convergence. scipy's relative reduction test
/// follows a step of its search; a search that fails is its ABNORMAL_TERMINATION_IN_LNSRCH.
@Suite struct LBFGSNegligibleStepTests {
  /// `experiments/blobs-logreg-lbfgs.yaml`: L2 1/300 (C = 1), tolerance 1e-10.
  static func blobs(learningRate: Double) throws -> TrainingResult<Double> {
    BLASSetup.once()
    let (_, x, y) = try TestData.csv("blobs_primer004.csv")
    let c = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy,
      optimizer: .lbfgs(tolerance: 1e-10), learningRate: learningRate,
      regularization: Regularization(l2: 1 / Double(y.count)), budget: .iterations(1000),
      recordEvery: 1000, metrics: [])
    return try Trainer.train(c, train: Examples(x: x, labels: y.map { Int($0) }))
  }

  @Test(arguments: [1e-12, 1e-9])
  func aTinyFirstStepStopsWithoutConverging(_ learningRate: Double) throws {
    let r = try Self.blobs(learningRate: learningRate)
    guard case .searchFailed(let iteration, let gradient, let tolerance, _) = r.stopReason else {
      Issue.record("expected a failed line search: \(r.stopReason)")
      return
    }
    #expect(iteration == r.iterations)
    #expect(gradient > tolerance, "\(gradient)")
  }

  /// The same problem at learning_rate 1 converges at scikit-learn's fit, in scipy's 22
  /// iterations: the rule leaves a converging run as it was.
  @Test func theUnitStepConvergesAtScikitLearnsFit() throws {
    let r = try Self.blobs(learningRate: 1)
    #expect(r.stopReason == .converged(iteration: 22))
    let layer = try #require(r.model.network?.layers[0])
    let fitted = layer.weights.storage + layer.bias
    for (value, sklearn) in zip(fitted, [1.181058, 1.133217, -10.823336]) {
      #expect(abs(value - sklearn) < 1e-5, "\(fitted)")
    }
  }
}
