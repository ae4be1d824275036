/// The optimizer (its rule and hyperparameters, declared in `OptimizerKind`), the training
/// budget, the learning-rate schedule and early stopping.
public struct OptimizerSpec: Sendable, Equatable {
  /// How long training runs.
  public enum Budget: Sendable, Equatable {
    /// Parameter updates.
    case iterations(Int)
    /// Passes over the training set.
    case epochs(Int)
  }

  /// The update rule with its settings, as the engine runs it.
  public var rule: Optimizer
  public var learningRate: Double
  /// Samples per update; nil for the full batch.
  public var batchSize: Int?
  public var budget: Budget = .epochs(100)
  /// Reshuffle the training set every epoch (mini-batch optimizers).
  public var shuffle: Bool = true
  public var schedule: LearningRateSchedule = .constant
  public var earlyStopping: EarlyStoppingSpec?

  public init(kind: OptimizerKind, learningRate: Double) {
    self.rule = Optimizer(kind)
    self.learningRate = learningRate
  }

  public var kind: OptimizerKind { rule.kind }
  public var weightDecay: Double { rule.settings.weightDecay }
}

/// Stop when a dev-split metric has not improved for `patience` records.
public struct EarlyStoppingSpec: Sendable, Equatable {
  /// `loss` or a metric name.
  public var metric: String = "loss"
  public var patience: Int = 10
  /// The smallest change that counts as an improvement.
  public var minDelta: Double = 0
  /// Restore the parameters of the best record when stopping (else keep the last ones).
  public var restoreBest: Bool = true

  public init() {}
}
