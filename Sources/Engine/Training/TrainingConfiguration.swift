/// Everything that decides a training run, free of scalar type (the spec's `dtype` picks `T` at
/// the `train` call). Hyperparameters only: learned state lives in `TrainingResult`.
public struct TrainingConfiguration: Sendable, Equatable {
  public var model: ModelKind
  public var loss: Loss
  public var optimizer: Optimizer
  /// Initial learning rate (the schedule scales it per epoch).
  public var learningRate: Double
  public var schedule: LearningRateSchedule
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
  public var earlyStopping: EarlyStopping?
  public var initializer: Initializer
  /// Metrics evaluated at every record besides the loss.
  public var metrics: [Metric]
  /// Number of classes for classification (nil: 1 + the largest training label, at least 2).
  public var classes: Int?
  /// Seed of the run: initial weights and mini-batch shuffles derive from it.
  public var seed: UInt64

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
}

/// Penalty on weights (never biases): `J = mean loss + (l2/2)‖w‖² + l1‖w‖₁`.
///
/// Conversions: scikit-learn `LogisticRegression(C)` → `l2 = 1/(C·m)`; `Ridge(alpha)` →
/// `l2 = 2α/m`; `Lasso(alpha)` → `l1 = 2α`; a `λ/(2m)‖W‖²` penalty → `l2 = λ/m`; PyTorch's
/// `weight_decay` → `l2`. L2 enters the gradient (`+ l2·w`); L1 is applied after each optimizer
/// step as the proximal soft-threshold `w ← sign(w)·max(|w| − lr·l1, 0)`, which gives exact zeros.
/// Both together are the elastic net.
public struct Regularization: Sendable, Equatable {
  public var l2: Double
  public var l1: Double
  public init(l2: Double = 0, l1: Double = 0) {
    self.l2 = l2
    self.l1 = l1
  }
  public static let none = Regularization()

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
}

extension EarlyStopping {
  /// The watched figure of a dev evaluation, signed so that lower is better.
  func score(_ dev: Evaluation) -> Double? {
    guard let metric else { return dev.loss }
    guard let value = dev.metrics[metric] else { return nil }
    return metric.higherIsBetter ? -value : value
  }
}
