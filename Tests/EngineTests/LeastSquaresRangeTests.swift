import Testing

@testable import Engine

/// Exact least squares on values near the ends of float64's range: the normal equations of
/// features near 1e300 overflowed (refused as collinear), of features near 1e-300 underflowed
/// (the same), and targets near 1e307 gave NaN weights, written as a successful run.
@Suite struct LeastSquaresRangeTests {
  /// Two independent features and `y = 2·x1 − x2 + 0.5 + noise`.
  static let x: [[Double]] = [
    [0.3, -1.2], [1.1, 0.4], [-0.7, 0.9], [0.2, 0.1], [-1.5, -0.3], [0.8, -0.8], [0.05, 1.3],
  ]
  static let noise: [Double] = [0.01, -0.02, 0.015, 0, -0.01, 0.02, -0.005]
  static let y: [[Double]] = zip(x, noise).map { [2 * $0[0] - $0[1] + 0.5 + $1] }

  /// Features scaled by 2^±997 (near 1e300 and 1e-300) give the weights of the plain features
  /// scaled back, to the bit; the bias is unchanged.
  @Test(arguments: [997, -997]) func featuresNearTheEndsOfTheRangeAreSolved(power: Int) throws {
    let factor = Double(sign: .plus, exponent: power, significand: 1)
    let plain = try LeastSquares.solve(Examples(x: Matrix(Self.x), y: Matrix(Self.y)), l2: 0)
    let scaled = try LeastSquares.solve(
      Examples(x: Matrix(Self.x.map { $0.map { $0 * factor } }), y: Matrix(Self.y)), l2: 0)
    #expect(scaled[0] == plain[0] / factor && scaled[1] == plain[1] / factor)
    #expect(scaled[2] == plain[2])
  }

  /// Targets near 1e307: the weights are the plain targets' scaled, to the bit (numpy's
  /// `lstsq` gives them too); their training loss overflows, which the run refuses.
  @Test func targetsNearTheTopOfTheRangeAreSolvedAndTheirLossRefused() throws {
    let factor = Double(sign: .plus, exponent: 1019, significand: 1)
    let plain = try LeastSquares.solve(Examples(x: Matrix(Self.x), y: Matrix(Self.y)), l2: 0)
    let big = Examples(x: Matrix(Self.x), y: Matrix(Self.y.map { [$0[0] * factor] }))
    let scaled = try LeastSquares.solve(big, l2: 0)
    #expect(zip(scaled, plain).allSatisfy { $0 == $1 * factor })
    BLASSetup.once()
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .exact), loss: .mse, optimizer: .gd, learningRate: 0.1,
      budget: .iterations(1), recordEvery: 1)
    let error = #expect(throws: TrainingError.self) { try Trainer.train(c, train: big) }
    guard case .outOfRange(let loss, _, _) = error else {
      Issue.record("not out of range: \(String(describing: error))")
      return
    }
    #expect(!loss.isFinite)
    #expect(
      error?.description.hasSuffix(
        "(the targets are too large to square in float64: scale the targets down)") == true)
  }

  /// A float32 run whose weights are beyond float32 (features near 1e-10, targets near 1e30:
  /// weights near 1e40) names float32, not float64 (reviewer A10).
  @Test func aFloat32SolutionBeyondFloat32NamesFloat32() throws {
    let x = Matrix(Self.x.map { $0.map { Float($0 * 1e-10) } })
    let y = Matrix(Self.y.map { [Float($0[0] * 1e30)] })
    BLASSetup.once()
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .exact), loss: .mse, optimizer: .gd, learningRate: 0.1,
      budget: .iterations(1), recordEvery: 1)
    let error = #expect(throws: TrainingError.self) {
      try Trainer.train(c, train: Examples(x: x, y: y))
    }
    guard case .outOfRange(_, .float32, _) = error else {
      Issue.record("not out of float32's range: \(String(describing: error))")
      return
    }
    #expect(error?.description.contains("float32") == true, "\(String(describing: error))")
    #expect(error?.description.contains("float64's") != true, "\(String(describing: error))")
  }

  /// A constant column near 1e-300 is still a constant (its centred residue is not a feature
  /// once scaled), and ridge on features near 1e-160 keeps its full penalty (reviewer A1, A2).
  @Test func aTinyConstantColumnIsConstantAndATinyRidgeIsWhole() throws {
    let tiny = Double(sign: .plus, exponent: -997, significand: 1)
    let constant = Examples(
      x: Matrix(Self.x.map { [$0[0], 0.1 * tiny] }), y: Matrix(Self.y))
    #expect(throws: TrainingError.singular(feature: 1)) { try LeastSquares.solve(constant, l2: 0) }
    // Ridge is not scale-free: the weights of features scaled by f at l2 equal the plain
    // features' weights at l2·f², scaled by 1/f (here f = 2^-530, l2·f² representable).
    let f = Double(sign: .plus, exponent: -530, significand: 1)
    let plain = try LeastSquares.solve(Examples(x: Matrix(Self.x), y: Matrix(Self.y)), l2: 0.5)
    let scaled = try LeastSquares.solve(
      Examples(x: Matrix(Self.x.map { $0.map { $0 * f } }), y: Matrix(Self.y)),
      l2: 0.5 * f * f)
    #expect(scaled[0] == plain[0] / f && scaled[1] == plain[1] / f, "\(scaled) \(plain)")
  }
}
