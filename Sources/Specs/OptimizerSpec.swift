/// The optimizer (its rule and hyperparameters, declared in `OptimizerKind`), the training
/// budget, the learning-rate schedule and early stopping.
public struct OptimizerSpec: Sendable, Equatable {
  /// The update rule with its settings, as the engine runs it.
  public var rule: Optimizer
  public var learningRate: Double
  /// Samples per update; nil for the full batch.
  public var batchSize: Int?
  public var budget: Budget = .epochs(100)
  /// Reshuffle the training set every epoch (mini-batch optimizers).
  public var shuffle: Bool = true
  public var schedule: LearningRateSchedule = .constant
  public var earlyStopping: EarlyStopping?

  public init(kind: OptimizerKind, learningRate: Double) {
    self.rule = Optimizer(kind)
    self.learningRate = learningRate
  }

  public var kind: OptimizerKind { rule.kind }
  public var weightDecay: Double { rule.settings.weightDecay }
}
