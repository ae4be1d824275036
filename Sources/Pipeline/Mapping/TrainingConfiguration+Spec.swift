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
      model: spec.model.definition,
      loss: Engine.Loss(spec.loss),
      optimizer: o.rule,
      learningRate: o.learningRate,
      schedule: o.schedule,
      regularization: spec.regularization,
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

extension Initializer {
  init(_ i: InitSpec) {
    switch i {
    case .declared(let kind, let settings): self.init(kind, settings)
    case .explicit(let layers): self = .explicit(layers)
    case .from:
      // Saved parameters are read by the pipeline and handed over as explicit values.
      self = .zeros
    }
  }
}
