/// The update rules (torch.optim's, with its names and defaults), declared once: each rule's
/// keys, defaults, constraints and meaning. `optimizer.<key>` in a spec sets the field of
/// `OptimizerSettings` its parameter names; the engine's rule reads it.
public enum OptimizerKind: String, Declared {
  case gd, sgd, momentum, nesterov, rmsprop, adam, adamw, lbfgs, adagrad, nadam, adamax

  /// One line on what the rule is, as the docs' optimizer list shows it.
  public var summary: String {
    switch self {
    case .gd: "full-batch gradient descent"
    case .sgd: "mini-batch stochastic gradient descent"
    case .momentum: "SGD with heavy-ball momentum (torch SGD momentum)"
    case .nesterov: "SGD with Nesterov momentum"
    case .rmsprop: "RMSprop"
    case .adam: "Adam"
    case .adamw: "Adam with decoupled weight decay of the weights (not the biases)"
    case .lbfgs: "full-batch L-BFGS (\(ModelFamily.trainedWithLBFGS))"
    case .adagrad: "Adagrad"
    case .nadam: "Adam with Nesterov momentum (torch NAdam)"
    case .adamax: "Adam with the infinity norm of the gradients (torch Adamax)"
    }
  }

  /// The rule always steps on the whole training set (no batch_size, no shuffle).
  public var isFullBatch: Bool { self == .gd || self == .lbfgs }

  /// How the rule takes `regularization.l1`'s l1·‖w‖₁: declared here, read by the engine, the
  /// spec's rules and the docs.
  public var l1Step: L1Step {
    switch self {
    case .gd, .sgd: .proximal
    case .momentum, .nesterov, .rmsprop, .adam, .adamw, .adagrad, .nadam, .adamax: .subgradient
    case .lbfgs: .refused
    }
  }

  /// The rules that take `regularization.l1` (their `l1Step` is not `.refused`), in order.
  public static var takingL1: [OptimizerKind] { allCases.filter { $0.l1Step != .refused } }

  /// The rule scales its steps to the gradients (per-parameter moments, or L-BFGS's curvature):
  /// the diagnosis advises a switch to Adam only to the others.
  public var adaptsItsSteps: Bool {
    switch self {
    case .gd, .sgd, .momentum, .nesterov: false
    case .rmsprop, .adam, .adamw, .lbfgs, .adagrad, .nadam, .adamax: true
    }
  }

  /// torch.optim's default learning rate (SGD has none there; 0.01 here).
  public var defaultLearningRate: Double {
    switch self {
    case .adam, .adamw: 0.001
    case .lbfgs: 1
    case .nadam, .adamax: 0.002
    // No `default:`: a new rule's torch default is chosen, not inherited.
    case .gd, .sgd, .momentum, .nesterov, .rmsprop, .adagrad: 0.01
    }
  }

  /// The keys `optimizer:` accepts for this rule (besides `type`, `lr`, the budget), in the
  /// canonical writer's order: the rule's own, then `divergence_factor`.
  public var parameters: [Parameter<OptimizerSettings>] {
    typealias P = Parameter<OptimizerSettings>
    let divergence = P(
      "divergence_factor", .number(\.divergenceFactor), .zeroOrAbove(1), default: 1e4,
      example: 100,
      "stop as diverged (exit 1) past this × the starting loss (the first step's, or the "
        + "whole training set's when larger); 0: off")
    let momentum = P(
      "momentum", .number(\.momentum), .fromUpTo(0, 1), default: 0.9, example: 0.5,
      "momentum factor μ: b ← μb + g, step lr·" + (self == .nesterov ? "(g + μb)" : "b"))
    let decay = P(
      "weight_decay", .number(\.weightDecay), .nonNegative, default: 0, example: 0.01,
      "L2 added to the gradient (wd·w on weights; biases are not decayed)")
    let eps = P("eps", .number(\.eps), .positive, default: 1e-8, example: 1e-3, "denominator guard")
    let beta1 = P(
      "beta1", .number(\.beta1), .fromUpTo(0, 1), default: 0.9, example: 0.8,
      "first-moment decay")
    let beta2 = P(
      "beta2", .number(\.beta2), .fromUpTo(0, 1), default: 0.999, example: 0.99,
      "second-moment decay")
    // The rule's own hyperparameters.
    let rule: [P] =
      switch self {
      case .gd: []
      case .sgd: [decay]
      case .momentum, .nesterov: [momentum, decay]
      case .rmsprop:
        [
          P(
            "alpha", .number(\.alpha), .between(0, 1), default: 0.99, example: 0.9,
            "smoothing constant of v ← αv + (1 − α)g²"),
          eps,
          P(
            "momentum", .number(\.momentum), .fromUpTo(0, 1), default: 0, example: 0.9,
            "momentum factor μ: b ← μb + g/(√v + eps), step lr·b"),
          decay,
        ]
      case .adam: [beta1, beta2, eps, decay]
      case .adamw:
        [
          beta1, beta2, eps,
          P(
            "weight_decay", .number(\.weightDecay), .nonNegative, default: 0.01, example: 0.1,
            "decoupled decay w ← w(1 − lr·wd) before the step, weights only: torch's plain "
              + "AdamW(model.parameters()) decays the biases too, and matches this with them in "
              + "a parameter group of weight_decay 0"),
        ]
      case .adagrad:
        [
          P(
            "lr_decay", .number(\.learningRateDecay), .nonNegative, default: 0, example: 0.01,
            "step t uses lr / (1 + (t − 1)·lr_decay)"),
          decay,
          P(
            "initial_accumulator_value", .number(\.initialAccumulator), .nonNegative, default: 0,
            example: 0.1, "starting value of the sum of squared gradients"),
          P("eps", .number(\.eps), .positive, default: 1e-10, example: 1e-6, "denominator guard"),
        ]
      case .nadam:
        [
          beta1, beta2, eps, decay,
          P(
            "momentum_decay", .number(\.momentumDecay), .nonNegative, default: 0.004, example: 0.01,
            "ψ in μ_t = β₁(1 − 0.96^(tψ)/2)"),
        ]
      case .adamax:
        [
          beta1,
          P(
            "beta2", .number(\.beta2), .fromUpTo(0, 1), default: 0.999, example: 0.99,
            "infinity-norm decay: u ← max(β₂u, |g| + eps)"),
          P(
            "eps", .number(\.eps), .positive, default: 1e-8, example: 1e-3,
            "denominator guard added to |g| in u"),
          decay,
        ]
      case .lbfgs:
        [
          P(
            "history_size", .integer(\.historySize), .within(1, 1000), default: 10, example: 20,
            "past updates kept"),
          P(
            "tolerance", .number(\.tolerance), .positive, default: 1e-6, example: 1e-8,
            "stop when the largest absolute gradient component is at most this"),
          P(
            "ftol", .number(\.functionTolerance), .nonNegative, default: 64 * Double.ulpOfOne,
            example: 1e-9,
            "also stop when a step lowers J by at most this × max(|J|, 1): scipy's ftol (scikit-learn "
              + "passes 64ε, the default); 0: off"),
        ]
      }
    return rule + [divergence]
  }
}

/// How an optimizer takes the L1 term l1·‖w‖₁ of the objective.
public enum L1Step: Sendable {
  /// After each step, the soft-threshold `w ← sign(w)·max(|w| − lr·l1, 0)` (proximal gradient
  /// descent): exact zeros.
  case proximal
  /// `l1·sign(w)` (sign(0) = 0) added to the gradient before the step, as torch's autograd
  /// differentiates `l1 * w.abs().sum()`: the rule's moments see it, and weights hover near 0.
  case subgradient
  /// Refused by the spec's rules (L-BFGS's line search needs a differentiable objective).
  case refused
}

/// Every optimizer hyperparameter; each rule reads the fields its declaration names.
public struct OptimizerSettings: Sendable, Equatable {
  /// Momentum factor μ in [0, 1): the velocity b ← μb + g is stepped instead of g (0: none).
  public var momentum = 0.0
  /// RMSprop's smoothing constant α in (0, 1): v ← αv + (1 − α)g².
  public var alpha = 0.99
  /// Adam/NAdam/Adamax's first-moment decay β₁ in [0, 1): m ← β₁m + (1 − β₁)g.
  public var beta1 = 0.9
  /// Adam/NAdam's second-moment decay β₂ in [0, 1): v ← β₂v + (1 − β₂)g² (Adamax's
  /// infinity-norm decay: u ← max(β₂u, |g| + eps)).
  public var beta2 = 0.999
  /// Positive guard added to the denominator √v̂ + eps (or √v + eps; Adamax: to |g| in its
  /// infinity norm u) so it never divides by 0.
  public var eps = 1e-8
  /// Weight decay wd ≥ 0: wd·w added to the gradient (AdamW: w ← w(1 − lr·wd) before the step).
  public var weightDecay = 0.0
  /// L-BFGS: how many past (s, y) update pairs approximate the inverse Hessian, in 1...1000.
  public var historySize = 10
  /// L-BFGS stops when the largest absolute gradient component is at most this (> 0).
  public var tolerance = 1e-6
  /// L-BFGS also stops when a step lowers the objective by at most this fraction of
  /// max(|J|, 1) (scipy's `ftol`; scikit-learn passes 64ε); 0 turns the test off.
  public var functionTolerance = 64 * Double.ulpOfOne
  /// Adagrad's decay ≥ 0 of the learning rate: step t uses lr / (1 + (t − 1)·lr_decay).
  public var learningRateDecay = 0.0
  /// Adagrad's starting value (≥ 0) of the per-weight sum of squared gradients.
  public var initialAccumulator = 0.0
  /// NAdam's ψ ≥ 0 in the momentum schedule μ_t = β₁(1 − 0.96^(tψ)/2).
  public var momentumDecay = 0.004
  /// Training stops as diverged when a step's loss exceeds this multiple of the first step's
  /// loss (at least 10⁻³); 0 turns the test off (a NaN or ∞ loss always stops training).
  public var divergenceFactor = 1e4
  /// torch.optim's defaults for every field (each rule then applies its own declared defaults).
  public init() {}
}

/// An update rule with its settings: what the spec's `optimizer:` section becomes and what the
/// engine's training loop runs.
public struct Optimizer: Sendable, Equatable, CustomStringConvertible {
  /// The update rule (the spec's `optimizer.type`).
  public var kind: OptimizerKind
  /// The rule's hyperparameters; only the fields its `parameters` name are read.
  public var settings: OptimizerSettings

  /// The rule with its declared defaults, changed by `configure`.
  public init(_ kind: OptimizerKind, _ configure: (inout OptimizerSettings) -> Void = { _ in }) {
    self.kind = kind
    self.settings = kind.defaults(from: OptimizerSettings())
    configure(&settings)
  }

  /// True when the rule steps on the whole training set (gd, lbfgs): no batches, no shuffle.
  public var isFullBatch: Bool { kind.isFullBatch }

  /// The moment vectors (one value per parameter each) a first-order rule keeps between steps,
  /// which the engine allocates and a run's memory estimate counts: none (gd, sgd; L-BFGS keeps
  /// its own history), one (momentum's velocity, Adagrad's sum of g², RMSprop's v), two (Adam's
  /// m and v, Adamax's m and u, RMSprop's v and, with `momentum` above 0, its velocity).
  public var momentVectors: Int {
    switch kind {
    case .gd, .sgd, .lbfgs: 0
    case .momentum, .nesterov, .adagrad: 1
    case .rmsprop: settings.momentum > 0 ? 2 : 1
    case .adam, .adamw, .nadam, .adamax: 2
    }
  }
  /// The rule's spec name, e.g. `adam`.
  public var description: String { kind.rawValue }
}
