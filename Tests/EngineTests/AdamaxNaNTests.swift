import Testing

@testable import Engine

/// A NaN gradient reaching Adamax stays in its running maximum, as in `torch.optim.Adamax`
/// (`torch.maximum` propagates NaN; `Swift.max(β₂u, NaN)` returned β₂u and dropped it), and a
/// run whose gradient turns NaN under a finite loss is reported as diverged. Every other pair
/// of values gives the bits `Swift.max` gave, so finite runs are unchanged.
@Suite struct AdamaxNaNTests {
  /// Non-NaN values: signed zeros, subnormals, the extremes and the infinities.
  static func values<T: Scalar>(_: T.Type) -> [T] {
    [
      -.infinity, -.greatestFiniteMagnitude, -2.5, -.leastNonzeroMagnitude, -0.0, 0,
      .leastNonzeroMagnitude, .leastNormalMagnitude, 1e-8, 1, 2.5, .greatestFiniteMagnitude,
      .infinity,
    ]
  }

  func maximumIsSwiftMaxUnlessNaN<T: Scalar>(_: T.Type) {
    let values = Self.values(T.self)
    for a in values {
      for b in values {
        let (ours, swift) = (Kernels.maximum(a, b), Swift.max(a, b))
        #expect(
          ours == swift && ours.sign == swift.sign, "maximum(\(a), \(b)) in \(T.self)")
      }
      #expect(Kernels.maximum(a, .nan).isNaN, "maximum(\(a), nan) in \(T.self)")
      #expect(Kernels.maximum(T.nan, a).isNaN, "maximum(nan, \(a)) in \(T.self)")
    }
    #expect(Kernels.maximum(T.nan, T.nan).isNaN)
  }

  @Test func maximumPropagatesNaNAndIsSwiftMaxOtherwise() {
    maximumIsSwiftMaxUnlessNaN(Float.self)
    maximumIsSwiftMaxUnlessNaN(Double.self)
  }

  /// One Adamax step of parameters `p` from gradient `g` with moments `m` and `u` (torch's
  /// defaults β₁ 0.9, β₂ 0.999, ε 1e-8; step size lr 0.1 at step 1).
  func step<T: Scalar>(_ p: [T], _ g: [T], m: [T], u: [T]) -> (p: [T], m: [T], u: [T]) {
    var (p, m, u) = (p, m, u)
    p.withUnsafeMutableBufferPointer { pp in
      g.withUnsafeBufferPointer { gp in
        m.withUnsafeMutableBufferPointer { mp in
          u.withUnsafeMutableBufferPointer { up in
            OptimizerKernels.adamax(
              pp.baseAddress!, gp.baseAddress!, mp.baseAddress!, up.baseAddress!,
              count: pp.count, stepSize: T(0.1 / (1 - 0.9)), oneMinusB1: T(1 - 0.9), b2: 0.999,
              eps: 1e-8)
          }
        }
      }
    }
    return (p, m, u)
  }

  func nanGradientReachesTheRunningMaximum<T: Scalar>(_: T.Type) {
    // A NaN gradient in the second place of max(β₂u, |g| + ε): torch's exp_inf is NaN.
    let r = step([1, 1] as [T], [.nan, 0.5], m: [0.1, 0.1], u: [2, 2])
    #expect(r.u[0].isNaN && r.m[0].isNaN && r.p[0].isNaN, "\(r) (\(T.self))")
    // The entry beside it is untouched by the NaN: Swift.max's own value.
    #expect(r.u[1] == Swift.max(T(0.999) * 2, T(0.5) + T(1e-8)), "\(r) (\(T.self))")
    #expect(r.p[1].isFinite && r.m[1].isFinite, "\(r) (\(T.self))")
    // A NaN already in u stays (the first place: Swift.max kept it too).
    let kept = step([1] as [T], [0.5], m: [0.1], u: [.nan])
    #expect(kept.u[0].isNaN && kept.p[0].isNaN, "\(kept) (\(T.self))")
    // An infinite gradient: u is ∞, m/u is NaN, as in torch.
    let infinite = step([1] as [T], [.infinity], m: [0.1], u: [2])
    #expect(infinite.u[0] == .infinity && infinite.p[0].isNaN, "\(infinite) (\(T.self))")
  }

  @Test func aNaNGradientMakesTheRunningMaximumNaN() {
    nanGradientReachesTheRunningMaximum(Float.self)
    nanGradientReachesTheRunningMaximum(Double.self)
  }

  /// A float32 tanh network whose first step has a finite loss (100) but a NaN gradient: the
  /// output weights ±3e38 cancel going forward (both hidden units saturate at 1), and going
  /// back −20 × (±3e38) overflows to ∓∞, which tanh's derivative 1 − 1² = 0 turns into NaN.
  /// The NaN reaches Adamax, its parameters, and the next loss: the run is diverged at
  /// iteration 1, with no finite final loss.
  @Test func aNaNGradientUnderAFiniteLossIsADivergence() throws {
    BLASSetup.once()
    let start: [Initializer.ExplicitLayer] = [
      .init(weights: Matrix([[1.0, 1.0]]), bias: [20, 20]),
      .init(weights: Matrix([[3e38], [-3e38]]), bias: [0]),
    ]
    let c = TrainingConfiguration(
      model: .mlp(layers: [.init(2, .tanh), .init(1, .identity)]), loss: .mse,
      optimizer: .adamax(), learningRate: 0.1, budget: .iterations(5), recordEvery: 1,
      initializer: .explicit(start), metrics: [])
    let train = Examples<Float>(x: Matrix([[1]]), y: Matrix([[10]]))
    let r = try Trainer.train(c, train: train)
    #expect(r.records.first?.train.loss == 100, "\(r.records)")
    let divergence = try #require(r.divergence, "\(r.stopReason)")
    #expect(divergence.iteration == 1 && divergence.loss.isNaN, "\(divergence)")
    #expect(r.final == nil)
  }
}
