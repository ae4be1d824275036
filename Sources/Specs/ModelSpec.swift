/// The model: the declared model (`ModelKind`, which the engine trains) and its initialization.
public struct ModelSpec: Sendable, Equatable {
  /// The declared model the engine trains: family and its structure (solver, strategy, layers).
  public var definition: ModelKind
  /// How the parameters start: an initializer, given values or an earlier run's parameters.
  public var initialization: InitSpec

  /// What a layer's `units` accepts (the decoder checks it, the docs show it).
  static let unitsCheck = LayerSpec.unitsCheck

  /// The family (`model.type`).
  public var kind: ModelFamily { definition.family }
  /// linreg's `solver` (setting it makes the model a linear regression).
  public internal(set) var solver: LinearSolver {
    get { definition.solver }
    set { definition = .linearRegression(solver: newValue) }
  }
  /// logreg's `multiclass` (setting it makes the model a logistic regression).
  public internal(set) var multiclass: Multiclass {
    get { definition.multiclass }
    set { definition = .logisticRegression(newValue) }
  }
  /// mlp's `layers`, in order (the last is the output layer).
  public var layers: [LayerSpec] { definition.layers }
  /// Whether an mlp's output layer is a softmax (a classifier over class labels).
  var hasSoftmaxOutput: Bool { kind == .mlp && layers.last?.activation == .softmax }

  /// Why the networks `init: {from:}` holds cannot start this model (`ModelKind.mismatch`), and
  /// what to do; nil when they fit or the spec has no `from`.
  public func savedMismatch(
    _ saved: SavedNetworks, features: Int?, classes: Int?, targets: Int
  ) -> (message: String, note: String)? {
    guard case .from(let folder) = initialization,
      let mismatch = definition.mismatch(
        saved, features: features, classes: classes, targets: targets)
    else { return nil }
    return (
      "saved parameters: '\(folder)' \(mismatch)",
      "start from a run of the same model on the same features (after preprocessing), or "
        + "remove init.from"
    )
  }
}

/// How parameters start.
public enum InitSpec: Sendable, Equatable {
  /// A declared initializer (`InitializerKind`) with its settings.
  case declared(InitializerKind, InitializerSettings)
  /// Given values for every layer (a fixed network can be evaluated).
  case explicit([ExplicitLayer])
  /// Parameters saved by an earlier run (its `params/` directory).
  case from(String)

  /// A declared initializer with its default settings.
  public static func kind(_ kind: InitializerKind) -> InitSpec {
    .declared(kind, kind.defaults(from: InitializerSettings()))
  }
  /// Every weight and bias 0.
  public static let zeros = kind(.zeros)
}
