/// The shapes a model gives its parameters, and whether given layers (explicit or saved by an
/// earlier run) fit them: the one rule `runner validate` and `runner run` apply before training.
extension ModelKind {
  /// The widths of every network: `[features, layer 1 units, …, outputs]`, where the outputs
  /// are the classes (softmax), one (binary, one-vs-rest, one-vs-one) or the target columns
  /// (linear regression).
  public func widths(features: Int, classes: Int?, targets: Int) -> [Int] {
    switch self {
    case .linearRegression: [features, targets]
    case .logisticRegression(.softmax): [features, classes ?? 2]
    case .logisticRegression: [features, 1]
    case .mlp(let layers): [features] + layers.map(\.units)
    }
  }

  /// Why `given` cannot start this model, or nil when it fits: the layers' shapes as
  /// `inputs×outputs` against the model's (inputs of the first layer unchecked when `features`
  /// is nil), and batch-normalization values for a layer the model does not normalize.
  public func mismatch(_ given: [ExplicitLayer], features: Int?, classes: Int?, targets: Int)
    -> String?
  {
    let widths = widths(features: features ?? -1, classes: classes, targets: targets)
    let needed = zip(widths, widths.dropFirst()).map { ($0 == -1 ? "N" : "\($0)") + "×\($1)" }
    let shapes = given.map { "\($0.weights.count)×\($0.weights.first?.count ?? 0)" }
    let fits =
      given.count == needed.count
      && given.enumerated().allSatisfy { l, layer in
        (l == 0 && features == nil || layer.weights.count == widths[l])
          && layer.weights.allSatisfy { $0.count == widths[l + 1] }
          && layer.bias.count == widths[l + 1]
      }
    guard fits else {
      let inputs = features == nil ? " (N: the features)" : ""
      return "holds weights \(shapes.joined(separator: ", ")) (inputs×outputs, one per layer); "
        + "the model needs \(needed.joined(separator: ", "))\(inputs)"
    }
    let normalized: [Bool] =
      if case .mlp(let layers) = self { layers.map { $0.normalization != .none } } else { [] }
    guard
      let l = given.indices.first(where: {
        given[$0].normalization != nil && !(normalized.indices.contains($0) && normalized[$0])
      })
    else { return nil }
    return "holds batch-normalization values for layer \(l + 1); the model's layer \(l + 1) has "
      + "no normalization"
  }
}
