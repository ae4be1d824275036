/// Rules on explicit and saved initial weights: their shapes against the model and the data.
extension SpecValidator {
  mutating func checkInitShapes() {
    let hidden = spec.model.layers.dropLast().map(\.activation)
    if case .declared(.zeros, _) = spec.model.initialization, !hidden.isEmpty,
      spec.optimizer.trains
    {
      warning(
        "model.init",
        "init: zeros gives every hidden unit of a layer the same weights, so they get the same "
          + "updates and stay identical (the symmetry is never broken)",
        note: "start from random weights: he for ReLU layers, xavier for tanh or sigmoid",
        fixIt: "init: \(InitializerKind.random(for: hidden).rawValue)")
    }
    // linreg has one output per target column, which the data tells (`checkInitShapes(_:)`);
    // a one-vs-rest or one-vs-one logreg's columns go by its classes (`checkBinaryModelStarts`).
    guard case .explicit(let layers) = spec.model.initialization, spec.model.kind == .mlp
    else { return }
    let units = spec.model.layers.map(\.units)
    guard layers.count == units.count else {
      return error(
        "model.init.layers",
        "explicit init gives \(layers.count) layers but the model has \(units.count)")
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

  /// Initial weights against the data. Saved ones (`init.from`) must have the model's shapes
  /// (`ModelSpec.savedMismatch`). Explicit ones are held to the rule the run applies,
  /// `ModelKind.mismatch`, for every model that trains one network (linreg, a two-class or
  /// softmax logreg, an mlp: `explicitMismatch`); a strategy of binary models is
  /// `checkBinaryModelStarts`'s. Two of that rule's cases are said first, in words of their own:
  /// the first layer's one row per feature (after preprocessing, when known), and linreg's one
  /// column per target column, the rule's special case kept for its message.
  mutating func checkInitShapes(_ facts: DataFacts) {
    if let saved = facts.savedNetworks,
      let (message, note) = spec.model.savedMismatch(
        saved, features: facts.features, classes: facts.classes, targets: facts.targetColumns)
    {
      error("model.init.from", message, note: note)
    }
    guard case .explicit(let layers) = spec.model.initialization, let first = layers.first
    else { return }
    let path: SpecPath =
      spec.model.kind == .mlp ? "model.init.layers[0].weights" : "model.init.weights"
    if let features = facts.features, first.weights.count != features {
      error(
        path,
        "the explicit weights have \(first.weights.count) rows but the data has \(features) "
          + "feature\(features == 1 ? "" : "s")"
          + (spec.dataset.preprocessing.isEmpty ? "" : " after preprocessing"),
        note: "weights are (inputs × outputs): one row per feature")
    } else if spec.model.kind == .linreg, first.weights[0].count != facts.targetColumns {
      error(
        path,
        "the explicit weights have \(first.weights[0].count) column"
          + "\(first.weights[0].count == 1 ? "" : "s") but the data has \(facts.targets)",
        note: "linreg gives one output per target column: weights are (inputs × outputs)")
    } else if let why = explicitMismatch(layers, facts) {
      error(path, "the explicit init \(why)", note: "weights are (inputs × outputs)")
    }
  }

  /// Why explicit `layers` cannot start the model on the data (`ModelKind.mismatch`, the rule
  /// the run applies), or nil when they fit, the classes its widths depend on are unknown, or
  /// it trains several binary models.
  private func explicitMismatch(_ layers: [ExplicitLayer], _ facts: DataFacts) -> String? {
    let model = spec.model.definition.resolved(classes: facts.classes)
    let targets = facts.targetColumns
    let byClasses = [2, 3].map { model.widths(features: 1, classes: $0, targets: targets) }
    guard facts.classes != nil || byClasses[0] == byClasses[1] else { return nil }
    // A strategy of binary models (one-vs-rest, one-vs-one, as written: on two classes too)
    // takes one column or one each, which `checkBinaryModelStarts` checks.
    guard spec.model.definition.networkCount(classes: 3) == 1 else { return nil }
    return model.mismatch(
      layers, features: facts.features, classes: facts.classes, targets: targets)
  }
}
