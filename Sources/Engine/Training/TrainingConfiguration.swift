/// Everything that decides a training run, free of scalar type (the spec's `dtype` picks `T` at
/// the `train` call). Hyperparameters only: learned state lives in `TrainingResult`.
public struct TrainingConfiguration: Sendable, Equatable {
  /// The model family and its shape (linear, logistic with a multiclass strategy, or MLP).
  public var model: ModelKind
  /// The data term of the objective, a mean over examples.
  public var loss: Loss
  /// The update rule and its settings (default `gd`: full-batch gradient descent).
  public var optimizer: Optimizer
  /// Initial learning rate (the schedule scales it per epoch).
  public var learningRate: Double
  /// How the learning rate changes during training (default constant).
  public var schedule: LearningRateSchedule
  /// The weight penalty `(l2/2)‖w‖² + l1‖w‖₁` added to the loss (default none).
  public var regularization: Regularization
  /// Rows per mini-batch; nil is full batch (`gd`, `lbfgs`).
  public var batchSize: Int?
  /// Mini-batches: draw a new permutation of the training rows every epoch (true), or visit
  /// them in stored order every epoch (false, PyTorch's `shuffle=False`).
  public var shuffle: Bool
  /// How long to train: optimizer steps or passes over the training set.
  public var budget: Budget
  /// Record train/dev/test evaluations every this many budget units (iterations or epochs),
  /// starting at 0 (before the first update: the cost of the parameters about to be updated).
  public var recordEvery: Int
  /// Stop when the watched dev figure stops improving; nil trains for the whole budget.
  public var earlyStopping: EarlyStopping?
  /// How the parameters start (default zeros); random draws come from `seed`.
  public var initializer: Initializer
  /// Metrics evaluated at every record besides the loss.
  public var metrics: [Metric]
  /// Number of classes for classification (nil: 1 + the largest training label, at least 2).
  public var classes: Int?
  /// Seed of the run: initial weights and mini-batch shuffles derive from it.
  public var seed: UInt64
  /// The exact solver on a rank-deficient design: refused (false, a run's model: the refusal
  /// says which feature to remove) or solved by minimum norm (true, a model refitted on
  /// resampled rows, as scikit-learn's `LinearRegression`); `TrainingResult.minimumNormFeature`.
  public var minimumNormWhenRankDeficient = false

  /// A configuration; the defaults are full-batch `gd` at a constant rate, no penalty, a record
  /// every 100 budget units, zero initial parameters, accuracy as the metric and seed 0.
  public init(
    model: ModelKind, loss: Loss, optimizer: Optimizer = .gd, learningRate: Double,
    schedule: LearningRateSchedule = .constant, regularization: Regularization = .none,
    batchSize: Int? = nil, shuffle: Bool = true, budget: Budget, recordEvery: Int = 100,
    earlyStopping: EarlyStopping? = nil, initializer: Initializer = .zeros,
    metrics: [Metric] = [.accuracy], classes: Int? = nil, seed: UInt64 = 0
  ) {
    self.model = model
    self.loss = loss
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.schedule = schedule
    self.regularization = regularization
    self.batchSize = batchSize
    self.shuffle = shuffle
    self.budget = budget
    self.recordEvery = recordEvery
    self.earlyStopping = earlyStopping
    self.initializer = initializer
    self.metrics = metrics
    self.classes = classes
    self.seed = seed
  }

  /// Whether the objective the trainer minimises adds a weight penalty to the mean loss (an L1
  /// or L2 strength, or a rule's coupled `weight_decay`): then a record's `cost` is not its
  /// training loss.
  public var hasPenalty: Bool {
    regularization.l1 > 0 || regularization.l2 > 0 || optimizer.coupledWeightDecay > 0
  }
}

extension Regularization {
  /// `(l2/2)‖w‖² + l1‖w‖₁` over the weight ranges of `theta`.
  func penalty<T: Scalar>(_ theta: UnsafePointer<T>, _ layout: ParameterLayout) -> Double {
    if l2 == 0 && l1 == 0 { return 0 }
    var total = 0.0
    for r in layout.weightRanges {
      if l2 != 0 { total += l2 / 2 * Kernels.sumOfSquares(theta + r.lowerBound, count: r.count) }
      if l1 != 0 { total += l1 * Kernels.sumOfAbsolutes(theta + r.lowerBound, count: r.count) }
    }
    return total
  }

  /// Adds the L1 term's subgradient `l1·sign(w)` (sign(0) = 0, as torch's autograd) to `grad`
  /// over the weight `ranges` of `theta`.
  func addL1Subgradient<T: Scalar>(
    _ theta: UnsafePointer<T>, to grad: UnsafeMutablePointer<T>, ranges: [Range<Int>]
  ) {
    guard l1 != 0 else { return }
    for r in ranges {
      Kernels.addSign(T(l1), theta + r.lowerBound, grad + r.lowerBound, count: r.count)
    }
  }
}

extension EarlyStopping {
  /// The watched figure of a dev evaluation, signed so that lower is better.
  func score(_ dev: Evaluation) -> Double? {
    guard let metric else { return dev.loss }
    guard let value = dev.metrics[metric] else { return nil }
    return metric.higherIsBetter ? -value : value
  }
}
