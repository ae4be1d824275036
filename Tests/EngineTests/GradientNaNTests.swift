import Testing

@testable import Engine

/// A NaN objective or gradient is not dropped by a maximum (`Swift.max(x, NaN)` is `x`): the
/// gradient check fails on it (it passed, every entry's excess read as 0), and Huber's gradient
/// at a NaN residual is NaN as torch's (it was −δ).
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
