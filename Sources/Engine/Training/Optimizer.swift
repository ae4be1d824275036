/// Update rules, identical to PyTorch's `torch.optim` (defaults included) so that trajectories
/// compare one to one. `g` is the gradient of the objective (L2 term included), `lr` the
/// scheduled learning rate.
public enum Optimizer: Sendable, Equatable, CustomStringConvertible {
  /// Full-batch gradient descent: `θ ← θ − lr·g`.
  case gd
  /// Mini-batch stochastic gradient descent (reshuffled every epoch): `θ ← θ − lr·g`.
  case sgd
  /// `torch.optim.SGD(momentum: μ)`: `b ← g` at the first step, then `b ← μ b + g`; `θ ← θ − lr·b`.
  case momentum(Double)
  /// `SGD(momentum: μ, nesterov: true)`: `b` as for momentum; `θ ← θ − lr·(g + μ b)`.
  case nesterov(Double)
  /// `RMSprop` (α 0.99, ε 1e-8, μ 0): `v ← α v + (1 − α) g²`; without momentum
  /// `θ ← θ − lr·g / (√v + ε)`, with it `b ← μ b + g / (√v + ε)` (b₀ = 0), `θ ← θ − lr·b`.
  case rmsprop(alpha: Double = 0.99, epsilon: Double = 1e-8, momentum: Double = 0)
  /// `Adam` (β₁ 0.9, β₂ 0.999, ε 1e-8): `m ← β₁m + (1 − β₁)g`, `v ← β₂v + (1 − β₂)g²`,
  /// `θ ← θ − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)`.
  case adam(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8)
  /// `AdamW` (weight decay 0.01): `w ← w·(1 − lr·wd)` on weights (not biases), then Adam.
  case adamw(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0.01)
  /// Limited-memory BFGS on the full batch (linear and logistic regression only): two-loop
  /// recursion over the last `history` pairs and a backtracking Armijo line search; stops when
  /// `max |g| ≤ tolerance` or after the budget's iterations.
  case lbfgs(history: Int = 10, tolerance: Double = 1e-10)

  public var description: String {
    switch self {
    case .gd: "gd"
    case .sgd: "sgd"
    case .momentum(let m): "momentum(\(m))"
    case .nesterov(let m): "nesterov(\(m))"
    case .rmsprop: "rmsprop"
    case .adam: "adam"
    case .adamw: "adamw"
    case .lbfgs: "lbfgs"
    }
  }

  /// True for optimizers that always use the whole training set per step.
  public var isFullBatch: Bool {
    switch self {
    case .gd, .lbfgs: true
    default: false
    }
  }
}

/// The per-parameter state of a first-order optimizer over a flat parameter vector.
struct OptimizerState<T: Scalar> {
  let rule: Optimizer
  private(set) var step = 0
  private var first: [T]
  private var second: [T]

  init(_ rule: Optimizer, count: Int) {
    self.rule = rule
    switch rule {
    case .momentum, .nesterov: first = [T](repeating: 0, count: count); second = []
    case .rmsprop(_, _, let mu):
      first = [T](repeating: 0, count: count)
      second = mu > 0 ? [T](repeating: 0, count: count) : []
    case .adam, .adamw:
      first = [T](repeating: 0, count: count)
      second = [T](repeating: 0, count: count)
    default: first = []; second = []
    }
  }

  /// One update of `theta` from `grad` at learning rate `lr`.
  mutating func apply(
    theta: UnsafeMutablePointer<T>, grad: UnsafePointer<T>, count: Int, lr: Double,
    weightRanges: [Range<Int>]
  ) {
    step += 1
    let t = step
    switch rule {
    case .gd, .sgd, .lbfgs:
      Kernels.axpy(T(-lr), grad, theta, count: count)
    case .momentum(let mu), .nesterov(let mu):
      let nesterov = if case .nesterov = rule { true } else { false }
      first.withUnsafeMutableBufferPointer { b in
        OptimizerKernels.momentum(
          theta, grad, b.baseAddress!, count: count, lr: T(lr), mu: T(mu), firstStep: t == 1,
          nesterov: nesterov)
      }
    case .rmsprop(let alpha, let eps, let mu):
      first.withUnsafeMutableBufferPointer { v in
        if mu > 0 {
          second.withUnsafeMutableBufferPointer { b in
            OptimizerKernels.rmspropMomentum(
              theta, grad, v.baseAddress!, b.baseAddress!, count: count, lr: T(lr),
              alpha: T(alpha), eps: T(eps), mu: T(mu))
          }
        } else {
          OptimizerKernels.rmsprop(
            theta, grad, v.baseAddress!, count: count, lr: T(lr), alpha: T(alpha), eps: T(eps))
        }
      }
    case .adam(let b1, let b2, let eps), .adamw(let b1, let b2, let eps, _):
      if case .adamw(_, _, _, let wd) = rule, wd != 0 {
        for r in weightRanges { Kernels.scale(T(1 - lr * wd), theta + r.lowerBound, count: r.count) }
      }
      let bc1 = 1 - pow(b1, Double(t))
      let bc2 = 1 - pow(b2, Double(t))
      first.withUnsafeMutableBufferPointer { m in
        second.withUnsafeMutableBufferPointer { v in
          OptimizerKernels.adam(
            theta, grad, m.baseAddress!, v.baseAddress!, count: count, stepSize: T(lr / bc1),
            bc2Sqrt: T(bc2.squareRoot()), b1: T(b1), b2: T(b2), eps: T(eps))
        }
      }
    }
  }
}

/// Optimizer kernels (specialized for `Float` and `Double`; see `Kernels`).
enum OptimizerKernels {
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func momentum<T: Scalar>(
    _ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ b: UnsafeMutablePointer<T>, count: Int,
    lr: T, mu: T, firstStep: Bool, nesterov: Bool
  ) {
    for i in 0..<count {
      let buf = firstStep ? g[i] : mu * b[i] + g[i]
      b[i] = buf
      p[i] -= lr * (nesterov ? g[i] + mu * buf : buf)
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func rmsprop<T: Scalar>(
    _ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ v: UnsafeMutablePointer<T>, count: Int,
    lr: T, alpha: T, eps: T
  ) {
    for i in 0..<count {
      let sq = alpha * v[i] + (1 - alpha) * g[i] * g[i]
      v[i] = sq
      p[i] -= lr * g[i] / (sq.squareRoot() + eps)
    }
  }

  /// RMSprop with momentum, as `torch.optim.RMSprop(momentum: μ)`:
  /// `v ← α v + (1 − α) g²`, `b ← μ b + g / (√v + ε)`, `θ ← θ − lr·b`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func rmspropMomentum<T: Scalar>(
    _ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ v: UnsafeMutablePointer<T>,
    _ b: UnsafeMutablePointer<T>, count: Int, lr: T, alpha: T, eps: T, mu: T
  ) {
    for i in 0..<count {
      let sq = alpha * v[i] + (1 - alpha) * g[i] * g[i]
      v[i] = sq
      let buf = mu * b[i] + g[i] / (sq.squareRoot() + eps)
      b[i] = buf
      p[i] -= lr * buf
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func adam<T: Scalar>(
    _ p: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ m: UnsafeMutablePointer<T>,
    _ v: UnsafeMutablePointer<T>, count: Int, stepSize: T, bc2Sqrt: T, b1: T, b2: T, eps: T
  ) {
    for i in 0..<count {
      // PyTorch: exp_avg.lerp_(grad, 1 − β₁); exp_avg_sq.mul_(β₂).addcmul_(grad, grad, 1 − β₂)
      let mi = m[i] + (1 - b1) * (g[i] - m[i])
      let vi = b2 * v[i] + (1 - b2) * g[i] * g[i]
      m[i] = mi
      v[i] = vi
      p[i] -= stepSize * mi / (vi.squareRoot() / bc2Sqrt + eps)
    }
  }
}

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif
