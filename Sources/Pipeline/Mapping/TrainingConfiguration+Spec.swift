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
    self.init(
      model: ModelKind(spec.model),
      loss: Engine.Loss(spec.loss),
      optimizer: o.rule,
      learningRate: o.learningRate,
      schedule: o.schedule,
      regularization: Regularization(l2: spec.regularization.l2, l1: spec.regularization.l1),
      batchSize: o.kind.isFullBatch ? nil : o.batchSize,
      shuffle: o.shuffle,
      budget: o.budget,
      recordEvery: spec.recordEvery,
      earlyStopping: o.earlyStopping,
      initializer: Initializer(spec.model.initialization),
      metrics: spec.metrics.filter(\.isScore),
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
      self = .mlp(
        layers: m.layers.map { Engine.LayerSpec($0.units, Activation($0.activation, $0.settings)) })
    }
  }

  /// Logistic regression on two classes is the binary model whatever the multiclass strategy.
  func resolved(classes: Int?) -> ModelKind {
    if case .logisticRegression = self, let classes, classes <= 2 { return .logisticRegression(.binary) }
    return self
  }
}

extension Initializer {
  init(_ i: InitSpec) {
    switch i {
    case .declared(let kind, let settings): self.init(kind, settings)
    case .explicit(let layers):
      self = .explicit(
        layers.map { ExplicitLayer(weights: Matrix<Double>($0.weights), bias: $0.bias) })
    case .from:
      // Saved parameters are read by the pipeline and handed over as explicit values.
      self = .zeros
    }
  }
}
