import Testing

@testable import Engine

/// The exact solver against the true minimizers of its objective, computed by mpmath at 60
/// digits (`Fixtures/ExactLeastSquaresReference.swift`, written by
/// scripts/reference/engine/exact_least_squares_mpmath.py): tester BC's findings 1 (with several
/// target columns, L2 was k times too strong) and 2 (the normal equations lost half the digits
/// of an ill-conditioned design).
@Suite struct ExactLeastSquaresReferenceTests {
  /// The case's rows.
  static func examples(_ c: ExactLeastSquaresCase) -> Examples<Double> {
    Examples(x: Matrix(c.x), y: Matrix(c.y))
  }

  /// The objective `mean((x W + b − y)²) + (l2/2)‖W‖²` of the flat parameters `[W, b]`, each
  /// residual summed as in twice float64's precision (Ogita, Rump and Oishi's Dot2: error-free
  /// products and sums): the degree-10 weights reach 1e5, so a plain float64 sum of `x W`
  /// rounds the residuals by ~1e-11 of the loss, far more than a good solution misses by.
  static func cost(_ theta: [Double], _ c: ExactLeastSquaresCase) -> Double {
    let (n, k) = (c.x[0].count, c.y[0].count)
    var squares = 0.0
    for (row, target) in zip(c.x, c.y) {
      for j in 0..<k {
        let terms =
          [(theta[n * k + j], 1.0), (target[j], -1.0)]
          + (0..<n).map {
            (row[$0], theta[$0 * k + j])
          }
        let residual = dot2(terms)
        squares += residual * residual
      }
    }
    let penalty = theta[0..<(n * k)].reduce(0) { $0 + $1 * $1 }
    return squares / Double(c.x.count * k) + c.l2 / 2 * penalty
  }

  /// `Σ a_i b_i` as if in twice float64's precision, rounded once (Dot2).
  static func dot2(_ terms: [(Double, Double)]) -> Double {
    var (sum, compensation) = (0.0, 0.0)
    for (a, b) in terms {
      let product = a * b
      let productError = (-product).addingProduct(a, b)  // a·b − product, exactly (fma)
      let total = sum + product
      let z = total - sum
      let sumError = (sum - (total - z)) + (product - z)  // sum + product − total, exactly
      sum = total
      compensation += sumError + productError
    }
    return sum + compensation
  }

  /// Largest `|θ − θ*|` over the largest `|θ*|`, weights and biases apart.
  static func errors(_ theta: [Double], _ c: ExactLeastSquaresCase) -> (Double, Double) {
    let reference = c.weights.flatMap { $0 }
    let weights = zip(theta, reference).map { abs($0 - $1) }.max() ?? .nan
    let bias = zip(theta.suffix(c.bias.count), c.bias).map { abs($0 - $1) }.max() ?? .nan
    return (
      weights / (reference.map(abs).max() ?? .nan), bias / (c.bias.map(abs).max() ?? .nan)
    )
  }

  /// Degree 10 on 30 standardized points (cond 1.4e7): the training loss is the least-squares
  /// minimum to rounding and the weights keep ~16 − log10(cond) digits (QR: the loss exactly,
  /// the weights to 2.2e-11 of the largest). The normal equations missed the loss by 8.9e-7
  /// relative and the weights by 3.2e-3 of the largest.
  @Test func degreeTenPolynomialIsSolvedToRounding() throws {
    let c = ExactLeastSquaresReference.polynomial10
    let theta = try LeastSquares.solve(Self.examples(c), l2: c.l2)
    let cost = Self.cost(theta, c)
    #expect(abs(cost - c.cost) / c.cost < 1e-14, "loss \(cost) vs \(c.cost)")
    let (weights, bias) = Self.errors(theta, c)
    #expect(weights < 1e-8 && bias < 1e-8, "weights \(weights), bias \(bias)")
  }

  /// One, two and three target columns, with and without L2: the true minimizer of the
  /// documented objective (L2 weighs against a loss averaged over all m·k values). With the
  /// one-column penalty the objective ended 2.3% (two columns) and 6.5% (three) above it.
  @Test(arguments: ["multitarget", "multitargetRidge", "multitargetRidgeTwo"])
  func severalTargetColumnsMinimizeTheDocumentedObjective(_ name: String) throws {
    let c = try #require(
      [
        "multitarget": ExactLeastSquaresReference.multitarget,
        "multitargetRidge": ExactLeastSquaresReference.multitargetRidge,
        "multitargetRidgeTwo": ExactLeastSquaresReference.multitargetRidgeTwo,
      ][name])
    let theta = try LeastSquares.solve(Self.examples(c), l2: c.l2)
    let (weights, bias) = Self.errors(theta, c)
    #expect(weights < 1e-14 && bias < 1e-14, "weights \(weights), bias \(bias)")
    #expect(abs(Self.cost(theta, c) - c.cost) / c.cost < 1e-14)
  }

  /// The exact solver and L-BFGS (which minimizes the engine's own loss + penalty) reach the
  /// same model and the same `train_cost` on three target columns with L2; they differed by
  /// 6.5% in `train_cost` (and 0.32 in a weight) when the exact solver took the one-column
  /// penalty.
  @Test func exactAndLBFGSAgreeOnSeveralTargetColumnsWithL2() throws {
    BLASSetup.once()
    let c = ExactLeastSquaresReference.multitargetRidge
    func configuration(_ solver: LinearSolver, _ optimizer: Optimizer) -> TrainingConfiguration {
      TrainingConfiguration(
        model: .linearRegression(solver: solver), loss: .mse, optimizer: optimizer,
        learningRate: 1, regularization: Regularization(l2: c.l2), budget: .iterations(500),
        recordEvery: 500, metrics: [])
    }
    let exact = try Trainer.train(configuration(.exact, .gd), train: Self.examples(c))
    let lbfgs = try Trainer.train(
      configuration(.iterative, .lbfgs(tolerance: 1e-12)), train: Self.examples(c))
    let exactCost = try #require(exact.final).train.loss + exact.final!.penalty
    let lbfgsCost = try #require(lbfgs.final).train.loss + lbfgs.final!.penalty
    #expect(exactCost <= lbfgsCost * (1 + 1e-13), "exact \(exactCost), lbfgs \(lbfgsCost)")
    #expect(abs(exactCost - lbfgsCost) / lbfgsCost < 1e-12)
    let a = exact.model.network!.layers[0]
    let b = lbfgs.model.network!.layers[0]
    let difference =
      zip(a.weights.storage + a.bias, b.weights.storage + b.bias)
      .map { abs($0 - $1) }.max() ?? .nan
    #expect(difference < 1e-6, "largest parameter difference \(difference)")
  }
}
