import Engine

/// The shape of the model a resolved configuration trains, without its values: the networks
/// (one, one per class, one per pair of classes) and each layer's activation. The engine
/// declares it beside its training plan (`ModelKind.structure`); the round-trip tests (train,
/// save, load, predict) keep the two in agreement.
struct ModelStructure: Sendable, Equatable {
  /// The networks the model is made of.
  typealias Components = ModelComponents

  var components: Components
  /// The activation of each layer of every network.
  var activations: [Engine.Activation]
  /// Each layer's batch-normalization eps, nil for a layer without it.
  var normalizations: [Double?]

  /// The structure `configuration` trains (its model already resolved for `classes`).
  init(_ configuration: TrainingConfiguration, classes: Int?) {
    let (components, activations) = configuration.model.structure(
      loss: configuration.loss, classes: classes)
    self.init(components: components, activations: activations)
    for (l, layer) in configuration.model.layers.enumerated() where l < activations.count {
      if layer.normalization == .batchNorm { normalizations[l] = layer.normalizationSettings.eps }
    }
  }

  init(components: Components, activations: [Engine.Activation]) {
    self.components = components
    self.activations = activations
    self.normalizations = activations.map { _ in nil }
  }
}
