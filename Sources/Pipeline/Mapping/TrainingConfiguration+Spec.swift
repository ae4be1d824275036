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
      initializer: Initializer(spec.model, classes: classes),
      metrics: spec.metrics.filter(\.isScore),
      classes: classes,
      seed: spec.seed)
  }
}

extension Initializer {
  /// The start `model` declares on `classes` classes: explicit weights of a one-vs-rest or
  /// one-vs-one logreg with one column per binary model start each model from its column.
  init(_ model: ModelSpec, classes: Int?) {
    switch model.initialization {
    case .declared(let kind, let settings): self.init(kind, settings)
    case .explicit(let layers):
      let models = classes.map { model.definition.networkCount(classes: $0) } ?? 1
      if models > 1, layers.count == 1, layers[0].bias.count == models {
        self = .perModel((0..<models).map { .explicit([layers[0].column($0)]) })
      } else {
        self = .explicit(layers)
      }
    case .from:
      // Saved parameters are read by the pipeline and handed over as explicit values.
      self = .zeros
    }
  }
}
