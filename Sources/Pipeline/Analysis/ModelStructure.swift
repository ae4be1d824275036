import Engine

/// The shape of the model a resolved configuration trains, without its values: the networks
/// (one, one per class, one per pair of classes) and each layer's activation. It mirrors the
/// engine's training plan so that saved parameters can be rebuilt into a model; the round-trip
/// tests (train, save, load, predict) keep the two in agreement.
struct ModelStructure: Sendable, Equatable {
  /// The networks the model is made of.
  enum Components: Sendable, Equatable {
    /// One network.
    case single
    /// One binary network per class.
    case oneVsRest(classes: Int)
    /// One binary network per pair of classes.
    case oneVsOne(classes: Int)
  }

  var components: Components
  /// The activation of each layer of every network.
  var activations: [Engine.Activation]

  /// The structure `configuration` trains (its model already resolved for `classes`).
  init(_ configuration: TrainingConfiguration, classes: Int?) {
    let k = classes ?? 2
    switch configuration.model {
    case .linearRegression:
      self.init(components: .single, activations: [.identity])
    case .logisticRegression(.binary):
      self.init(components: .single, activations: [.sigmoid])
    case .logisticRegression(.softmax):
      self.init(components: .single, activations: [.softmax])
    case .logisticRegression(.oneVsRest):
      self.init(components: .oneVsRest(classes: k), activations: [.sigmoid])
    case .logisticRegression(.oneVsOne):
      self.init(components: .oneVsOne(classes: k), activations: [.sigmoid])
    case .mlp(let layers):
      var activations = layers.map(\.activation)
      if configuration.loss == .crossEntropy, !activations.isEmpty {
        activations[activations.count - 1] = .softmax
      }
      self.init(components: .single, activations: activations)
    }
  }

  init(components: Components, activations: [Engine.Activation]) {
    self.components = components
    self.activations = activations
  }
}
