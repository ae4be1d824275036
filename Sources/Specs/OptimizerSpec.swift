/// The optimizer, its hyperparameters (PyTorch's names and defaults), the training budget,
/// the learning-rate schedule and early stopping.
public struct OptimizerSpec: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    /// Full-batch gradient descent.
    case gd
    /// Mini-batch stochastic gradient descent.
    case sgd
    /// SGD with (heavy-ball) momentum.
    case momentum
    /// SGD with Nesterov momentum.
    case nesterov
    case rmsprop
    case adam
    /// Adam with decoupled weight decay.
    case adamw
    /// Full-batch L-BFGS (linear and logistic regression).
    case lbfgs

    /// True for optimizers that always use the whole training set per step.
    public var isFullBatch: Bool { self == .gd || self == .lbfgs }
  }

  /// How long training runs.
  public enum Budget: Sendable, Equatable {
    /// Parameter updates.
    case iterations(Int)
    /// Passes over the training set.
    case epochs(Int)
  }

  public var kind: Kind
  public var learningRate: Double
  public var momentum: Double = 0
  /// RMSprop's smoothing constant.
  public var alpha: Double = 0.99
  public var beta1: Double = 0.9
  public var beta2: Double = 0.999
  public var eps: Double = 1e-8
  public var weightDecay: Double = 0
  /// Samples per update; nil for the full batch.
  public var batchSize: Int?
  public var budget: Budget = .epochs(100)
  /// Reshuffle the training set every epoch (mini-batch optimizers).
  public var shuffle: Bool = true
  public var schedule: ScheduleSpec = .constant
  public var earlyStopping: EarlyStoppingSpec?
  /// L-BFGS: number of past updates kept.
  public var historySize: Int = 10
  /// L-BFGS: stop when the largest absolute gradient component is at most this.
  public var tolerance: Double = 1e-6

  public init(kind: Kind, learningRate: Double) {
    self.kind = kind
    self.learningRate = learningRate
  }

  /// PyTorch's default learning rate for each optimizer (SGD has none there; we use 0.01).
  public static func defaultLearningRate(_ kind: Kind) -> Double {
    switch kind {
    case .adam, .adamw: 0.001
    case .lbfgs: 1
    default: 0.01
    }
  }

  /// The hyperparameter keys each optimizer accepts (besides the common ones).
  public static func specificKeys(_ kind: Kind) -> [String] {
    switch kind {
    case .gd: []
    case .sgd: ["weight_decay"]
    case .momentum, .nesterov: ["momentum", "weight_decay"]
    case .rmsprop: ["alpha", "eps", "momentum", "weight_decay"]
    case .adam, .adamw: ["beta1", "beta2", "eps", "weight_decay"]
    case .lbfgs: ["history_size", "tolerance"]
    }
  }
}

/// Learning-rate schedules (PyTorch's), stepped once per epoch (per iteration for `gd`).
public enum ScheduleSpec: Sendable, Equatable {
  case constant
  /// lr·gamma^⌊t/stepSize⌋.
  case step(stepSize: Int, gamma: Double)
  /// lr·gamma^t.
  case exponential(gamma: Double)
  /// etaMin + (lr − etaMin)·(1 + cos(π·t/tMax))/2.
  case cosine(tMax: Int, etaMin: Double)

  public var typeName: String {
    switch self {
    case .constant: "constant"
    case .step: "step"
    case .exponential: "exponential"
    case .cosine: "cosine"
    }
  }
}

/// Stop when a dev-split metric has not improved for `patience` records; restore the best weights.
public struct EarlyStoppingSpec: Sendable, Equatable {
  /// `loss` or a metric name.
  public var metric: String = "loss"
  public var patience: Int = 10
  /// The smallest change that counts as an improvement.
  public var minDelta: Double = 0
  /// Restore the parameters of the best record when stopping.
  public var restoreBest: Bool = true

  public init() {}
}
