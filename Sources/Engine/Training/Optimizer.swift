#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// Update rules, identical to torch.optim's (defaults included) so that trajectories compare
/// one to one. `g` is the gradient of the objective (L2 term included), `lr` the scheduled
/// learning rate. The rules and their keys are declared in `OptimizerKind`.
extension Optimizer {
  /// Full-batch gradient descent: `θ ← θ − lr·g`.
  public static let gd = Optimizer(.gd)
  /// Mini-batch stochastic gradient descent: `θ ← θ − lr·g`.
  public static let sgd = Optimizer(.sgd)

  /// `torch.optim.SGD(momentum: μ)`: `b ← g` at the first step, then `b ← μ b + g`; `θ ← θ − lr·b`.
  public static func momentum(_ mu: Double) -> Optimizer {
    Optimizer(.momentum) { $0.momentum = mu }
  }

  /// `SGD(momentum: μ, nesterov: true)`: `b` as for momentum; `θ ← θ − lr·(g + μ b)`.
  public static func nesterov(_ mu: Double) -> Optimizer {
    Optimizer(.nesterov) { $0.momentum = mu }
  }

  /// `RMSprop`: `v ← α v + (1 − α) g²`; without momentum `θ ← θ − lr·g / (√v + ε)`, with it
  /// `b ← μ b + g / (√v + ε)` (b₀ = 0), `θ ← θ − lr·b`.
  public static func rmsprop(alpha: Double = 0.99, epsilon: Double = 1e-8, momentum: Double = 0)
    -> Optimizer
  {
    Optimizer(.rmsprop) {
      $0.alpha = alpha
      $0.eps = epsilon
      $0.momentum = momentum
    }
  }

  /// `Adam`: `m ← β₁m + (1 − β₁)g`, `v ← β₂v + (1 − β₂)g²`,
  /// `θ ← θ − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)`.
  public static func adam(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8)
    -> Optimizer
  {
    Optimizer(.adam) {
      $0.beta1 = beta1
      $0.beta2 = beta2
      $0.eps = epsilon
    }
  }

  /// `AdamW`: `w ← w·(1 − lr·wd)` on weights (not biases), then Adam.
  public static func adamw(
    beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0.01
  ) -> Optimizer {
    Optimizer(.adamw) {
      $0.beta1 = beta1
      $0.beta2 = beta2
      $0.eps = epsilon
      $0.weightDecay = weightDecay
    }
  }

  /// `Adamax`: `m ← β₁m + (1 − β₁)g`, `u ← max(β₂u, |g| + ε)`, `θ ← θ − (lr / (1 − β₁ᵗ))·m / u`.
  public static func adamax(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8)
    -> Optimizer
  {
    Optimizer(.adamax) {
      $0.beta1 = beta1
      $0.beta2 = beta2
      $0.eps = epsilon
    }
  }

  /// Limited-memory BFGS on the full batch (linear and logistic regression only): two-loop
  /// recursion over the last `history` pairs and scipy's strong Wolfe line search; stops when
  /// `max |g| ≤ tolerance`, when a step lowers the objective by at most the declared `ftol`
  /// (relative), or after the budget's iterations.
  public static func lbfgs(history: Int = 10, tolerance: Double = 1e-10) -> Optimizer {
    Optimizer(.lbfgs) {
      $0.historySize = history
      $0.tolerance = tolerance
    }
  }

  /// The L2 strength the rule adds to the gradient (torch's coupled `weight_decay`); rules with
  /// decoupled decay apply it in their own step instead.
  var coupledWeightDecay: Double {
    switch kind {
    case .adamw: 0
    case .gd, .sgd, .momentum, .nesterov, .rmsprop, .adam, .lbfgs, .adagrad, .nadam, .adamax:
      settings.weightDecay
    }
  }
}

/// The per-parameter state of a first-order optimizer over a flat parameter vector.
struct OptimizerState<T: Scalar> {
  let rule: Optimizer
  private(set) var step = 0
  /// NAdam: the product of the momentum coefficients μ₁…μₜ.
  private var muProduct = 1.0
  private var first: [T]
  private var second: [T]

  init(_ rule: Optimizer, count: Int) {
    self.rule = rule
    // The rule's declared moments (`Optimizer.momentVectors`); Adagrad's sum of g² starts at
    // its `initial_accumulator_value`, every other moment at 0.
    let start = T(rule.kind == .adagrad ? rule.settings.initialAccumulator : 0)
    first = rule.momentVectors > 0 ? [T](repeating: start, count: count) : []
    second = rule.momentVectors > 1 ? [T](repeating: 0, count: count) : []
  }

  /// Adds the step count and the moments to a checkpoint's state.
  func save(into state: inout TrainingCheckpoint.Session) {
    state.integers["optimizer_step"] = [UInt64(step)]
    state.reals["optimizer_mu_product"] = [muProduct]
    if !first.isEmpty { state.reals["optimizer_first"] = first.doubles }
    if !second.isEmpty { state.reals["optimizer_second"] = second.doubles }
  }

  /// Goes on from a saved state; false, changing nothing, when it does not fit this rule.
  mutating func load(_ state: TrainingCheckpoint.Session) -> Bool {
    guard let step = state.integers["optimizer_step"], step.count == 1,
      let mu = state.reals["optimizer_mu_product"], mu.count == 1,
      let first = [T](state.reals["optimizer_first"] ?? [], count: first.count),
      let second = [T](state.reals["optimizer_second"] ?? [], count: second.count)
    else { return false }
    self.step = Int(step[0])
    muProduct = mu[0]
    self.first = first
    self.second = second
    return true
  }

  /// Stops at a rule whose kernel takes `used` moment vectors while the state allocated the
  /// `Optimizer.momentVectors` it declares (a kernel writing past a missing buffer would
  /// corrupt memory instead). `fatalError`, not `precondition`: its message survives `-O`.
  private func checkMoments(_ used: Int, count: Int) {
    let allocated =
      used == rule.momentVectors && (used < 1 || first.count == count)
      && (used < 2 || second.count == count)
    if !allocated {
      fatalError(
        "optimizer \(rule.kind.rawValue) steps with \(used) moment vectors of \(count) values, "
          + "but `Optimizer.momentVectors` declares \(rule.momentVectors): make them agree")
    }
  }

  /// One update of `theta` from `grad` at learning rate `lr`.
  mutating func apply(
    theta: UnsafeMutablePointer<T>, grad: UnsafePointer<T>, count: Int, lr: Double,
    weightRanges: [Range<Int>]
  ) {
    step += 1
    let t = step
    let s = rule.settings
    switch rule.kind {
    case .gd, .sgd, .lbfgs:
      checkMoments(0, count: count)
      Kernels.axpy(T(-lr), grad, theta, count: count)
    case .momentum, .nesterov:
      checkMoments(1, count: count)
      first.withUnsafeMutableBufferPointer { b in
        OptimizerKernels.momentum(
          theta, grad, b.baseAddress!, count: count, lr: T(lr), mu: T(s.momentum),
          firstStep: t == 1, nesterov: rule.kind == .nesterov)
      }
    case .rmsprop:
      checkMoments(s.momentum > 0 ? 2 : 1, count: count)
      first.withUnsafeMutableBufferPointer { v in
        if s.momentum > 0 {
          second.withUnsafeMutableBufferPointer { b in
            OptimizerKernels.rmspropMomentum(
              theta, grad, v.baseAddress!, b.baseAddress!, count: count, lr: T(lr),
              alpha: T(s.alpha), oneMinusAlpha: T(1 - s.alpha), eps: T(s.eps),
              mu: T(s.momentum))
          }
        } else {
          OptimizerKernels.rmsprop(
            theta, grad, v.baseAddress!, count: count, lr: T(lr), alpha: T(s.alpha),
            oneMinusAlpha: T(1 - s.alpha), eps: T(s.eps))
        }
      }
    case .adagrad:
      checkMoments(1, count: count)
      let rate = lr / (1 + Double(t - 1) * s.learningRateDecay)
      first.withUnsafeMutableBufferPointer { sum in
        OptimizerKernels.adagrad(
          theta, grad, sum.baseAddress!, count: count, lr: T(rate), eps: T(s.eps))
      }
    case .nadam:
      checkMoments(2, count: count)
      // μ_t = β₁(1 − 0.96^(tψ)/2); the product of the μ so far weights both terms.
      let mu = s.beta1 * (1 - 0.5 * pow(0.96, Double(t) * s.momentumDecay))
      let muNext = s.beta1 * (1 - 0.5 * pow(0.96, Double(t + 1) * s.momentumDecay))
      muProduct *= mu
      let bc2 = 1 - pow(s.beta2, Double(t))
      first.withUnsafeMutableBufferPointer { m in
        second.withUnsafeMutableBufferPointer { v in
          OptimizerKernels.nadam(
            theta, grad, m.baseAddress!, v.baseAddress!, count: count,
            gradStep: T(-lr * (1 - mu) / (1 - muProduct)),
            momentStep: T(-lr * muNext / (1 - muProduct * muNext)), bc2: T(bc2),
            oneMinusB1: T(1 - s.beta1), b2: T(s.beta2), oneMinusB2: T(1 - s.beta2),
            eps: T(s.eps))
        }
      }
    case .adamax:
      checkMoments(2, count: count)
      first.withUnsafeMutableBufferPointer { m in
        second.withUnsafeMutableBufferPointer { u in
          OptimizerKernels.adamax(
            theta, grad, m.baseAddress!, u.baseAddress!, count: count,
            stepSize: T(lr / (1 - pow(s.beta1, Double(t)))), oneMinusB1: T(1 - s.beta1),
            b2: T(s.beta2), eps: T(s.eps))
        }
      }
    case .adam, .adamw:
      checkMoments(2, count: count)
      if rule.kind == .adamw, s.weightDecay != 0 {
        for r in weightRanges {
          Kernels.scale(T(1 - lr * s.weightDecay), theta + r.lowerBound, count: r.count)
        }
      }
      let bc1 = 1 - pow(s.beta1, Double(t))
      let bc2 = 1 - pow(s.beta2, Double(t))
      first.withUnsafeMutableBufferPointer { m in
        second.withUnsafeMutableBufferPointer { v in
          OptimizerKernels.adam(
            theta, grad, m.baseAddress!, v.baseAddress!, count: count, stepSize: T(lr / bc1),
            bc2Sqrt: T(bc2.squareRoot()), oneMinusB1: T(1 - s.beta1), b2: T(s.beta2),
            oneMinusB2: T(1 - s.beta2), eps: T(s.eps))
        }
      }
    }
  }
}
