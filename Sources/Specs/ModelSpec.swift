/// The model: its family, structure and initialization.
public struct ModelSpec: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    /// Linear regression.
    case linreg
    /// Logistic regression (binary; multiclass by `multiclass`).
    case logreg
    /// Multi-layer perceptron (`layers`).
    case mlp
  }

  /// How linear regression is fitted.
  public enum Solver: String, Sendable, CaseIterable {
    /// By the optimizer.
    case gd
    /// Least squares in closed form (no optimizer; L2 allowed, L1 not).
    case exact
  }

  /// How logistic regression handles more than two classes.
  public enum Multiclass: String, Sendable, CaseIterable {
    /// One softmax over all classes (multinomial).
    case softmax
    /// One binary model per class against the rest.
    case ovr
    /// One binary model per pair of classes, majority vote.
    case ovo
  }

  public var kind: Kind
  /// linreg only.
  public var solver: Solver = .gd
  /// logreg only; used when the data has more than two classes.
  public var multiclass: Multiclass = .softmax
  /// mlp only: hidden and output layers, in order (the last is the output layer).
  public var layers: [LayerSpec] = []
  public var initialization: InitSpec

  public init(kind: Kind, initialization: InitSpec) {
    self.kind = kind
    self.initialization = initialization
  }
}

/// One dense layer of an MLP.
public struct LayerSpec: Sendable, Equatable {
  public var units: Int
  public var activation: ActivationKind
  /// The activation's declared settings (leaky_relu's `negative_slope`).
  public var settings: ActivationSettings

  public init(units: Int, activation: ActivationKind, settings: ActivationSettings = .init()) {
    self.units = units
    self.activation = activation
    self.settings = settings
  }
}

/// Explicit parameters of one layer: `weights` is (inputs, outputs), `bias` has one value per output.
public struct ExplicitLayer: Sendable, Equatable {
  public var weights: [[Double]]
  public var bias: [Double]

  public init(weights: [[Double]], bias: [Double]) {
    self.weights = weights
    self.bias = bias
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
  public static let zeros = kind(.zeros)
  public static let pytorch = kind(.pytorch)
}
