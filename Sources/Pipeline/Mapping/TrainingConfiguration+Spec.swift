import Engine
import Specs

/// The one place where spec types become engine types.
extension TrainingConfiguration {
  /// The engine configuration a validated spec describes.
  ///
  /// `classes` is the number of classes found in the training data (nil for regression), since
  /// the spec may leave it to the data.
  init(_ spec: ExperimentSpec, classes: Int?) {
    let o = spec.optimizer
    var regularization = Regularization(l2: spec.regularization.l2, l1: spec.regularization.l1)
    // PyTorch's SGD-family `weight_decay` adds wd·w to the gradient: our L2 with l2 = wd
    // (on weights only; biases are never penalized here). AdamW's decay is decoupled.
    if o.kind != .adamw { regularization.l2 += o.weightDecay }
    self.init(
      model: ModelKind(spec.model),
      loss: Engine.Loss(spec.loss),
      optimizer: Engine.Optimizer(o),
      learningRate: o.learningRate,
      schedule: LearningRateSchedule(o.schedule),
      regularization: regularization,
      batchSize: o.kind.isFullBatch ? nil : o.batchSize,
      shuffle: o.shuffle,
      budget: Engine.Budget(o.budget),
      recordEvery: spec.recordEvery,
      earlyStopping: o.earlyStopping.map {
        EarlyStopping(
          patience: $0.patience, minDelta: $0.minDelta, metric: Engine.Metric(rawValue: $0.metric),
          restoreBest: $0.restoreBest)
      },
      initializer: Initializer(spec.model.initialization),
      metrics: spec.metrics.compactMap { Engine.Metric(rawValue: $0.rawValue) },
      classes: classes,
      seed: spec.seed)
  }
}

extension ModelKind {
  init(_ m: ModelSpec) {
    switch m.kind {
    case .linreg:
      self = .linearRegression(solver: m.solver == .exact ? .exact : .iterative)
    case .logreg:
      // The strategy for more than two classes; two classes always train one sigmoid.
      switch m.multiclass {
      case .softmax: self = .logisticRegression(.softmax)
      case .ovr: self = .logisticRegression(.oneVsRest)
      case .ovo: self = .logisticRegression(.oneVsOne)
      }
    case .mlp:
      self = .mlp(layers: m.layers.map { Engine.LayerSpec($0.units, Engine.Activation($0)) })
    }
  }

  /// Logistic regression on two classes is the binary model whatever the multiclass strategy.
  func resolved(classes: Int?) -> ModelKind {
    if case .logisticRegression = self, let classes, classes <= 2 { return .logisticRegression(.binary) }
    return self
  }
}

extension Engine.Activation {
  init(_ layer: Specs.LayerSpec) {
    switch layer.activation {
    case .identity: self = .identity
    case .step: self = .step
    case .sigmoid: self = .sigmoid
    case .tanh: self = .tanh
    case .relu: self = .relu
    case .leakyRelu: self = .leakyRelu(slope: layer.negativeSlope)
    case .softmax: self = .softmax
    }
  }
}

extension Engine.Loss {
  init(_ l: LossSpec) {
    switch l.kind {
    case .mse: self = .mse
    case .mae: self = .mae
    case .huber: self = .huber(delta: l.huberDelta)
    case .binaryCrossEntropy: self = .binaryCrossEntropy
    case .crossEntropy: self = .crossEntropy
    }
  }
}

extension Engine.Optimizer {
  init(_ o: OptimizerSpec) {
    switch o.kind {
    case .gd: self = .gd
    case .sgd: self = o.momentum > 0 ? .momentum(o.momentum) : .sgd
    case .momentum: self = .momentum(o.momentum)
    case .nesterov: self = .nesterov(o.momentum)
    case .rmsprop: self = .rmsprop(alpha: o.alpha, epsilon: o.eps, momentum: o.momentum)
    case .adam: self = .adam(beta1: o.beta1, beta2: o.beta2, epsilon: o.eps)
    case .adamw: self = .adamw(beta1: o.beta1, beta2: o.beta2, epsilon: o.eps, weightDecay: o.weightDecay)
    case .lbfgs: self = .lbfgs(history: o.historySize, tolerance: o.tolerance)
    }
  }
}

extension LearningRateSchedule {
  init(_ s: ScheduleSpec) {
    switch s {
    case .constant: self = .constant
    case .step(let size, let gamma): self = .step(every: size, gamma: gamma)
    case .exponential(let gamma): self = .exponential(gamma: gamma)
    case .cosine(let tMax, let etaMin): self = .cosine(period: tMax, minimum: etaMin)
    }
  }
}

extension Engine.Budget {
  init(_ b: OptimizerSpec.Budget) {
    switch b {
    case .iterations(let n): self = .iterations(n)
    case .epochs(let n): self = .epochs(n)
    }
  }
}

extension Initializer {
  init(_ i: InitSpec) {
    switch i {
    case .zeros: self = .zeros
    case .normal(let mean, let std): self = .normal(mean: mean, std: std)
    case .uniform(let limit): self = .uniform(bound: limit)
    case .pytorch: self = .pytorch
    case .xavier: self = .xavier
    case .he: self = .he
    case .explicit(let layers):
      self = .explicit(
        layers.map { ExplicitLayer(weights: Matrix<Double>($0.weights), bias: $0.bias) })
    case .from:
      // Saved parameters are read by the pipeline and handed over as explicit values.
      self = .zeros
    }
  }
}
