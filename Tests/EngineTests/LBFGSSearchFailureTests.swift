import Testing

@testable import Engine

/// L-BFGS whose line search finds no step that lowers the objective before either stopping test
/// holds (max |g| ≤ tolerance, the relative reduction test) stops there without converging, as
/// scipy's `ABNORMAL_TERMINATION_IN_LNSRCH` (scikit-learn's ConvergenceWarning): tester AY's F10,
/// where it said `converged at iteration 53` with exit 0 at a train mse of 2881.26 (the optimum:
/// 2859.6963) and a largest gradient component of 0.116 for a tolerance of 1e-8.
@Suite struct LBFGSSearchFailureTests {
  static func diabetes(learningRate: Double) throws -> TrainingResult<Double> {
    BLASSetup.once()
    let (_, x, y) = try TestData.csv("diabetes.csv")
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse,
      optimizer: .lbfgs(tolerance: 1e-8), learningRate: learningRate,
      budget: .iterations(1000), recordEvery: 1000, metrics: [.mse])
    return try Trainer.train(
      c, train: Examples(x: x, y: Matrix(rows: y.count, cols: 1, storage: y)))
  }

  /// A tiny first trial step (learning_rate 1e-12) on diabetes: the search stops lowering the
  /// objective far from the optimum; the run says so and warns.
  @Test func aFailedSearchFarFromTheOptimumIsNotConvergence() throws {
    let r = try Self.diabetes(learningRate: 1e-12)
    guard case .searchFailed(let iteration, let gradient, let tolerance, let models) = r.stopReason
    else {
      Issue.record("expected a failed line search: \(r.stopReason)")
      return
    }
    #expect(iteration == r.iterations)
    #expect(gradient > tolerance, "\(gradient)")
    #expect(models.isEmpty)
    let warning = try #require(r.stopReason.warning)
    #expect(warning.hasPrefix("L-BFGS stopped at iteration \(iteration) without converging: "))
    #expect(warning.contains("optimizer.learning_rate 1"))
  }

  /// The same problem at the default learning_rate 1 converges at scikit-learn's optimum
  /// (`LinearRegression` on all 442 rows: mse 2859.69634758675), without a warning.
  @Test func theDefaultStepConverges() throws {
    let r = try Self.diabetes(learningRate: 1)
    guard case .converged = r.stopReason else {
      Issue.record("expected convergence: \(r.stopReason)")
      return
    }
    #expect(r.stopReason.warning == nil)
    let mse = try #require(r.final?.train.metrics[.mse])
    #expect(abs(mse - 2859.69634758675) < 1e-6, "\(mse)")
  }

  /// The stop reason names what happened and the tolerance it missed, one-vs-rest's binary
  /// models too.
  @Test func theStopReasonSaysTheSearchFailed() {
    let single = StopReason.searchFailed(iteration: 53, gradient: 0.1162, tolerance: 1e-8)
    #expect(
      single.description
        == "stopped at iteration 53 without converging: the line search found no step that "
        + "lowers the objective, largest gradient component 1.162e-01 > tolerance 1e-08")
    let ovr = StopReason.searchFailed(
      iteration: 7, gradient: 2e-3, tolerance: 1e-6, models: ["class 1 vs rest"])
    #expect(
      ovr.description.hasPrefix("stopped at iteration 7 without converging for class 1 vs rest: "))
    #expect(StopReason.converged(iteration: 53).warning == nil)
  }
}
