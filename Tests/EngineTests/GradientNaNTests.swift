import Testing

@testable import Engine

/// A NaN objective or gradient is not dropped by a maximum (`Swift.max(x, NaN)` is `x`): the
/// gradient check fails on it (it passed, every entry's excess read as 0), and Huber's gradient
/// at a NaN residual is NaN as torch's (it was −δ). A NaN analytic value at a kink fails too
/// (it read as inside the one-sided differences).
@Suite struct GradientNaNTests {
  /// Identity layers whose first layer overflows to +∞ in both units on the row (1, 1), which
  /// the second layer subtracts: the objective is NaN there.
  static let overflowing = TrainingConfiguration(
    model: .mlp(layers: [.init(2, .identity), .init(1, .identity)]), loss: .mse,
    learningRate: 0.1, budget: .iterations(1),
    initializer: .explicit([
      .init(weights: Matrix([[1e308, 1e308], [1e308, 1e308]]), bias: [0, 0]),
      .init(weights: Matrix([[1.0], [-1.0]]), bias: [0]),
    ]), metrics: [])
  static let gate = Examples(
    x: Matrix<Double>([[0, 0], [0, 1], [1, 0], [1, 1]]), y: Matrix([[0], [0], [0], [1]]))

  @Test func aNaNObjectiveFailsTheGradientCheck() throws {
    BLASSetup.once()
    let report = try GradientCheck.run(Self.overflowing, data: Self.gate)
    #expect(report.worst.isNaN, "\(report.layers)")
    #expect(!report.passed(tolerance: 1e-7) && !report.passed(tolerance: 1e300))
  }

  /// |θ| at θ − 2ε … θ + 2ε around its kink at 0.
  static let absoluteAtKink: [Double] = [2e-6, 1e-6, 0, 1e-6, 2e-6]

  @Test func aNaNAnalyticValueAtAKinkIsOutsideEveryInterval() {
    // NaN < lower and NaN > upper are both false: the distance read 0, inside.
    let range = -1.0...1.0
    #expect(GradientEntryCheck.distance(.nan, range).isNaN)
    #expect(GradientEntryCheck.distance(0.5, range) == 0)
    let entry = GradientEntryCheck(analytic: .nan, values: Self.absoluteAtKink, epsilon: 1e-6)
    #expect(entry.kink && entry.excess.isNaN, "\(entry)")
    let subgradient = GradientEntryCheck(analytic: 0.5, values: Self.absoluteAtKink, epsilon: 1e-6)
    #expect(subgradient.kink && subgradient.excess == 0, "\(subgradient)")
    // Two rows, each |θ|: their intervals sum to [−2, 2], which holds 0 and not NaN.
    let rows = Self.absoluteAtKink.map { [$0, $0] }
    let twice = Self.absoluteAtKink.map { 2 * $0 }
    let shared = SharedKinkCheck(analytic: .nan, values: twice, rows: rows, epsilon: 1e-6)
    #expect(shared.rowsAtKink == 2 && shared.excess.isNaN, "\(shared)")
    let zero = SharedKinkCheck(analytic: 0, values: twice, rows: rows, epsilon: 1e-6)
    #expect(zero.excess == 0, "\(zero)")
  }

  @Test func aNaNGradientAtAKinkFailsTheGradientCheck() throws {
    // mae's residual 1e-7 from its kink, and relu units whose pre-activation is exactly 0 on
    // both rows (alone, and under batch normalization, which leaves a shared kink undecided):
    // each passes as it is, and fails with a NaN injected at a kink entry.
    BLASSetup.once()
    let cases = GradientCheckTests()
    let (mae, maeData) = cases.nearKink(.mae, offset: 1e-7)
    var runs = [(mae, maeData, Network<Double>?.none, 0)]
    for normalization in [false, true] {
      let (relu, data, network) = cases.sharedKink(.relu, normalization: normalization)
      runs.append((relu, data, network, 3))  // W1[1,0]: on both rows' kink
    }
    for (c, data, network, entry) in runs {
      func check(_ adjust: ((inout [Double]) -> Void)?) throws -> GradientCheck.Report {
        try GradientCheck.run(
          c, data: data, parameters: network, epsilon: 1e-6, maxEntriesPerLayer: 256,
          adjust: adjust)
      }
      let clean = try check(nil)
      #expect(clean.passed() && clean.kinks > 0, "\(clean.layers)")
      let failed = try check { $0[entry] = .nan }
      #expect(failed.worst.isNaN && !failed.passed(tolerance: 1e300), "\(failed.layers)")
    }
  }

  @Test func hubersGradientAtANaNResidualIsNaN() {
    var da: [Double] = [0, 0, 0]
    let a: [Double] = [.nan, 3, -3]
    let y: [Double] = [0, 0, 0]
    let loss = da.withUnsafeMutableBufferPointer {
      LossKernels.regression(
        kind: 2, delta: 1, a: a, y: y, count: 3, da: $0.baseAddress!, scale: 1)
    }
    #expect(loss.isNaN)
    #expect(da[0].isNaN && da[1] == 1 && da[2] == -1, "\(da)")
  }
}
