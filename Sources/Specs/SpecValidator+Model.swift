/// Rules on the model, its loss and its explicit initial values.
extension SpecValidator {
  mutating func checkModelAndLoss() {
    let loss = spec.loss.kind
    let model = spec.model
    switch model.kind {
    case .linreg:
      if loss.isClassification {
        error(
          lossPath, "\(loss.rawValue) is a classification loss; linreg predicts real values",
          note: "use mse, mae or huber, or model type logreg for classes")
      }
    case .logreg:
      if !loss.isClassification {
        error(
          lossPath,
          "\(loss.rawValue) is a regression loss; logistic regression minimizes binary_cross_entropy",
          note: "use cross_entropy with multiclass: softmax, or model type linreg for real values",
          fixIt: "loss: binary_cross_entropy")
      }
      if loss == .crossEntropy && model.multiclass != .softmax {
        error(
          lossPath,
          "cross_entropy goes with multiclass: softmax; \(model.multiclass.rawValue) trains binary models",
          fixIt: "loss: binary_cross_entropy")
      }
      if loss == .binaryCrossEntropy, model.multiclass == .softmax,
        let classes = spec.dataset.classes, classes.count > 2
      {
        error(
          lossPath,
          "binary_cross_entropy with \(classes.count) classes; a softmax logreg needs cross_entropy",
          fixIt: "loss: cross_entropy")
      }
    case .mlp:
      guard let output = model.layers.last else { return }
      if output.activation == .softmax && loss == .binaryCrossEntropy {
        error(
          lossPath, "binary_cross_entropy does not go with a softmax output layer",
          note: "use cross_entropy with softmax, or one sigmoid unit with binary_cross_entropy",
          fixIt: "loss: cross_entropy")
      } else if loss == .binaryCrossEntropy, let classes = spec.dataset.classes, classes.count > 2 {
        error(
          lossPath,
          "binary_cross_entropy with \(classes.count) classes; a sigmoid output tells two "
            + "classes apart",
          note: "use cross_entropy with a softmax output layer of \(classes.count) units",
          fixIt: "loss: cross_entropy")
      } else if loss == .binaryCrossEntropy && output.activation != .sigmoid {
        error(
          lossPath,
          "binary_cross_entropy needs a sigmoid output layer (the output layer is \(output.activation.rawValue))"
        )
      } else if loss == .crossEntropy && output.activation != .softmax {
        error(
          lossPath,
          "cross_entropy needs a softmax output layer (the output layer is \(output.activation.rawValue))",
          note: "softmax is fused with the log-likelihood for stability")
      }
      for key in ["dropout", "normalization"]
      where map.origin(of: outputLayer(key))?.location != nil {
        error(
          outputLayer(key), "\(key) applies to hidden layers, not the output (last) layer",
          fixIt: "remove '\(key)' here, or add it to a hidden layer")
      }
      if output.activation == .softmax && output.units < 2 {
        error(
          outputLayer("activation"),
          "a softmax output needs at least 2 units (one per class; got \(output.units))"
        )
      }
      if output.activation == .softmax, let classes = spec.dataset.classes,
        classes.count != output.units
      {
        error(
          outputLayer("units"),
          "the output layer has \(output.units) units but dataset.classes names \(classes.count) classes"
        )
      }
      if model.layers.contains(where: { $0.activation == .step }) && spec.optimizer.trains {
        let i = model.layers.firstIndex { $0.activation == .step }!
        error(
          SpecPath("model.layers").appending(index: i).appending("activation"),
          "the step activation has no gradient, so the network cannot be trained",
          note:
            "give explicit weights (init: {type: explicit, ...}) and `iterations: 0` to evaluate it"
        )
      }
    }
  }

  mutating func checkInitShapes() {
    guard case .explicit(let layers) = spec.model.initialization else { return }
    switch spec.model.kind {
    case .linreg, .logreg:
      // linreg has one output per target column, which the data tells (`checkInitShapes(_:)`).
      if let layer = layers.first, layer.weights[0].count != 1, spec.model.kind == .logreg,
        spec.model.multiclass != .softmax
      {
        error(
          "model.init.weights",
          "\(spec.model.kind.rawValue) has one output; the weights have \(layer.weights[0].count) columns"
        )
      }
    case .mlp:
      let units = spec.model.layers.map(\.units)
      if layers.count != units.count {
        error(
          "model.init.layers",
          "explicit init gives \(layers.count) layers but the model has \(units.count)")
        return
      }
      for (i, (layer, n)) in zip(layers, units).enumerated() {
        let path = SpecPath("model.init.layers").appending(index: i).appending("weights")
        if layer.weights[0].count != n {
          error(
            path,
            "layer \(i) has \(n) units but its explicit weights have \(layer.weights[0].count) columns",
            note: "weights are (inputs × outputs)")
        } else if i > 0, layer.weights.count != units[i - 1] {
          error(
            path,
            "layer \(i) gets \(units[i - 1]) inputs but its explicit weights have \(layer.weights.count) rows",
            note: "weights are (inputs × outputs)")
        }
      }
    }
  }
}

extension SpecValidator {
  /// Explicit initial weights against the data: the first layer takes one row per feature
  /// (after preprocessing, when known), and linreg gives one column per target column.
  mutating func checkInitShapes(_ facts: DataFacts) {
    guard case .explicit(let layers) = spec.model.initialization, let first = layers.first else {
      return
    }
    let path: SpecPath =
      spec.model.kind == .mlp
      ? SpecPath("model.init.layers").appending(index: 0).appending("weights")
      : "model.init.weights"
    if let features = facts.features, first.weights.count != features {
      error(
        path,
        "the explicit weights have \(first.weights.count) rows but the data has \(features) "
          + "feature\(features == 1 ? "" : "s")"
          + (spec.dataset.preprocessing.isEmpty ? "" : " after preprocessing"),
        note: "weights are (inputs × outputs): one row per feature")
    } else if spec.model.kind == .linreg, first.weights[0].count != facts.targetColumns {
      let what =
        facts.targetColumns == 1 ? "one target per sample" : "\(facts.targetColumns) target columns"
      error(
        path,
        "the explicit weights have \(first.weights[0].count) column"
          + "\(first.weights[0].count == 1 ? "" : "s") but the data has \(what)",
        note: "linreg gives one output per target column: weights are (inputs × outputs)")
    }
  }
}
