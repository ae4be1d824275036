import Testing

@testable import Engine

/// Exact least squares whose result is beyond the run's dtype (tester AX F1, F2, F4): float32
/// targets near 1e20 solved to a loss of 4e39, written as `inf` with "did not converge", exit
/// 0; targets near 1e-167 gave an mse of 0 and R² 1 ("fine"); subnormal features were refused
/// as "values too large for float64", in a float32 run too.
@Suite struct LeastSquaresDTypeRangeTests {
  static let x = LeastSquaresRangeTests.x
  static let y = LeastSquaresRangeTests.y

  static let configuration = TrainingConfiguration(
    model: .linearRegression(solver: .exact), loss: .mse, optimizer: .gd, learningRate: 0.1,
    budget: .iterations(1), recordEvery: 1, metrics: [.r2])

  static func power(_ p: Int) -> Double { Double(sign: .plus, exponent: p, significand: 1) }

  static func refusal<T: Scalar>(_ data: Examples<T>) -> (RangeCause, DType, String)? {
    BLASSetup.once()
    do {
      _ = try Trainer.train(configuration, train: data)
      return nil
    } catch {
      guard case .outOfRange(_, let dtype, let cause) = error else { return nil }
      return (cause, dtype, error.description)
    }
  }

  /// float32 targets × 2^72: the weights are in range, the mse is not (float64 holds it).
  @Test func float32TargetsWhoseLossPassesFloat32AreRefusedWithFloat64AsTheRemedy() throws {
    let f = Self.power(72)
    let data = Examples(
      x: Matrix(Self.x).converted(to: Float.self),
      y: Matrix(Self.y.map { [$0[0] * f] }).converted(to: Float.self))
    let (cause, dtype, text) = try #require(Self.refusal(data))
    #expect(cause == .lossTooLarge && dtype == .float32)
    #expect(text.contains("beyond float32's range") && text.contains("use `dtype: float64`"))
    // The remedy works: the same data in float64 is solved.
    let wide = Examples(x: data.x.converted(to: Double.self), y: data.y.converted(to: Double.self))
    #expect(Self.refusal(wide) == nil)
  }

  /// float64 targets × 2^-560: their squared errors underflow, the mse would read 0 and R² 1.
  @Test func tinyTargetsWhoseLossUnderflowsAreRefusedNotAPerfectFit() throws {
    let f = Self.power(-560)
    let data = Examples(x: Matrix(Self.x), y: Matrix(Self.y.map { [$0[0] * f] }))
    let (cause, dtype, text) = try #require(Self.refusal(data))
    #expect(cause == .lossTooSmall && dtype == .float64)
    #expect(
      text.contains("below float64's normal numbers") && text.contains("scale the targets up"))
    // Targets × 2^-500 are within range: solved, as before.
    let fine = Examples(x: Matrix(Self.x), y: Matrix(Self.y.map { [$0[0] * Self.power(-500)] }))
    #expect(Self.refusal(fine) == nil)
    // Zero targets fit exactly: a loss of 0 is the truth there.
    let zeros = Examples(x: Matrix(Self.x), y: Matrix(Self.y.map { _ in [0.0] }))
    #expect(Self.refusal(zeros) == nil)
  }

  /// Subnormal features (× 2^-1060) need weights beyond float64: too small, not too large;
  /// and in a float32 run (features × 2^-130) the message names float32.
  @Test func subnormalFeaturesAreTooSmallForTheirDType() throws {
    let tiny = Examples(
      x: Matrix(Self.x.map { $0.map { $0 * Self.power(-1060) } }), y: Matrix(Self.y))
    let (cause, dtype, text) = try #require(Self.refusal(tiny))
    #expect(cause == .weightsTooLarge && dtype == .float64)
    #expect(
      text.contains("the features are too small for float64") && !text.contains("too large for"))
    let single = Examples(
      x: Matrix(Self.x.map { $0.map { $0 * Self.power(-130) } }).converted(to: Float.self),
      y: Matrix(Self.y).converted(to: Float.self))
    let (cause32, dtype32, text32) = try #require(Self.refusal(single))
    #expect(cause32 == .weightsTooLarge && dtype32 == .float32)
    #expect(text32.contains("too small for float32") && !text32.contains("float64"))
  }
}

/// R² is scale-free: the targets × 2^-560 (squares below float64's normal numbers) gave 1.0,
/// × 2^-540 a figure wrong in its 4th digit (tester AX F2).
@Suite struct ScaleFreeR2Tests {
  @Test(arguments: [-560, -540, -1000, 600]) func r2OfScaledTargetsIsTheSame(power: Int) {
    let y = LeastSquaresRangeTests.y.map { $0[0] }
    let p = LeastSquaresRangeTests.x.map { 2 * $0[0] - $0[1] + 0.5 }
    let f = Double(sign: .plus, exponent: power, significand: 1)
    let plain = RegressionMetrics.r2(p, y)
    #expect(plain < 1)
    #expect(RegressionMetrics.r2(p.map { $0 * f }, y.map { $0 * f }) == plain)
  }
}
