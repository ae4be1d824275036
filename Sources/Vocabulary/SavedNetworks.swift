/// The parameters an earlier run saved, as `model.init.from` reads them: one network, or the
/// binary models of a one-vs-rest or one-vs-one logistic regression, each with its own arrays.
public struct SavedNetworks: Sendable, Equatable {
  /// `.oneVsRest` or `.oneVsOne` when the folder holds that strategy's binary models (`classC_`,
  /// `pairA-B_`); nil for one network.
  public var strategy: Multiclass?
  /// The layers of each network, in the strategy's order of binary models
  /// (`Multiclass.binaryModels`); one network when `strategy` is nil.
  public var networks: [[ExplicitLayer]]
  /// The classes the binary models were trained on (one-vs-rest: one network each; one-vs-one:
  /// one per pair), nil for one network.
  public let classes: Int?

  /// One network's `layers`.
  public init(single layers: [ExplicitLayer]) {
    (strategy, networks, classes) = (nil, [layers], nil)
  }

  /// The binary models of `strategy` on `classes` classes, in its order.
  public init(_ strategy: Multiclass, classes: Int, networks: [[ExplicitLayer]]) {
    (self.strategy, self.networks, self.classes) = (strategy, networks, classes)
  }

  /// What the folder holds, in words: `the 3 binary models of a one-vs-rest logreg on 3 classes`.
  var described: String {
    guard let strategy, let classes else { return "one network" }
    return "the \(networks.count) binary models of a \(strategy.words) logreg on \(classes) classes"
  }
}

extension ModelKind {
  /// Why `saved` cannot start this model on `classes` classes (nil when not known yet), or nil
  /// when it fits: one network as `mismatch` says; the binary models of one-vs-rest or
  /// one-vs-one only a logreg of the same strategy on as many classes, each network fitting a
  /// binary model's shapes (one-vs-rest's network of class 0 starts class 0 vs rest, …).
  public func mismatch(_ saved: SavedNetworks, features: Int?, classes: Int?, targets: Int)
    -> String?
  {
    guard let strategy = saved.strategy, let savedClasses = saved.classes else {
      return resolved(classes: classes).mismatch(
        saved.networks[0], features: features, classes: classes, targets: targets)
    }
    guard case .logisticRegression(strategy) = self else {
      return "holds \(saved.described); the spec's model is \(described)"
    }
    if let classes, classes != savedClasses {
      return "holds \(saved.described); the data has \(classes) classes"
    }
    let names = strategy.binaryModels(classes: savedClasses)
    for (name, network) in zip(names, saved.networks) {
      if let why = mismatch(network, features: features, classes: classes, targets: targets) {
        return "holds \(saved.described): \(name) \(why)"
      }
    }
    return nil
  }
}
