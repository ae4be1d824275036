/// The optimizer (its rule and hyperparameters, declared in `OptimizerKind`), the training
/// budget, the learning-rate schedule and early stopping.
public struct OptimizerSpec: Sendable, Equatable {
  /// The update rule with its settings, as the engine runs it.
  public var rule: Optimizer
  /// The step size lr > 0 (before the schedule scales it), e.g. `0.01`.
  public var learningRate: Double
  /// Samples per update; nil for the full batch.
  public var batchSize: Int?
  /// How long training runs: iterations (optimizer steps) or epochs (100 epochs by default).
  public var budget: Budget = .epochs(100)
  /// Reshuffle the training set every epoch (mini-batch optimizers).
  public var shuffle: Bool = true
  /// How the learning rate changes per epoch (constant by default).
  public var schedule: LearningRateSchedule = .constant
  /// When training stops before the budget; nil: never early.
  public var earlyStopping: EarlyStopping?

  /// The rule `kind` with its declared defaults and learning rate `learningRate`.
  public init(kind: OptimizerKind, learningRate: Double) {
    self.rule = Optimizer(kind)
    self.learningRate = learningRate
  }

  /// What `epochs` and `iterations` accept (the decoder checks it, the docs show it).
  static let budgetCheck = NumberCheck.within(0, 1_000_000_000)

  /// The update rule's name (the spec's `optimizer.type`).
  public var kind: OptimizerKind { rule.kind }
  /// The rule's weight decay wd ≥ 0 (0 for rules that have none).
  public var weightDecay: Double { rule.settings.weightDecay }
}
