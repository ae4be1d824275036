/// How weights and biases start, declared once: the spec names and each initializer's keys.
/// (`explicit` values and `from: DIR` are data, not settings: the spec layer reads them.)
public enum InitializerKind: String, Declared {
  case zeros, normal, uniform, pytorch, xavier, he, lecun

  /// One line on how the initializer sets weights and biases, as the docs list it.
  public var summary: String {
    switch self {
    case .zeros: "every weight and bias 0"
    case .normal: "weights from N(mean, std²), biases 0"
    case .uniform: "weights uniform in [−limit, limit], biases 0"
    case .pytorch: "nn.Linear's default: weights and biases uniform in ±1/√fan_in"
    case .xavier: "Glorot uniform: weights in ±√(6/(fan_in + fan_out)), biases 0"
    case .he: "He normal: weights from N(0, 2/fan_in), biases 0"
    case .lecun: "LeCun normal: weights from N(0, 1/fan_in), biases 0"
    }
  }

  /// The random init that breaks the symmetry of a network whose hidden layers have
  /// `activations`: he when every one is ReLU or leaky ReLU, else xavier (tanh, sigmoid, mixed).
  public static func random(for activations: [ActivationKind]) -> InitializerKind {
    activations.allSatisfy { $0 == .relu || $0 == .leakyRelu } ? .he : .xavier
  }

  /// The keys the initializer accepts besides its name, in the canonical writer's order.
  public var parameters: [Parameter<InitializerSettings>] {
    typealias P = Parameter<InitializerSettings>
    switch self {
    case .normal:
      return [
        P("mean", .number(\.mean), .any, default: 0, example: 0.5, "mean of the weights"),
        P(
          "std", .number(\.std), .positive, default: 0.01, example: 0.1,
          "standard deviation of the weights"),
      ]
    case .uniform:
      return [
        P(
          "limit", .number(\.limit), .positive, default: 0.05, example: 0.1,
          "weights in [−limit, limit]")
      ]
    case .zeros, .pytorch, .xavier, .he, .lecun: return []
    }
  }
}

/// Every initializer setting; each initializer reads the fields its declaration names.
public struct InitializerSettings: Sendable, Equatable {
  /// normal: mean of the weights' Gaussian N(mean, std²).
  public var mean = 0.0
  /// normal: standard deviation (> 0) of the weights' Gaussian N(mean, std²).
  public var std = 0.01
  /// uniform: half-width (> 0) of the interval [−limit, limit] the weights are drawn from.
  public var limit = 0.05
  /// The defaults: N(0, 0.01²) for normal, [−0.05, 0.05] for uniform.
  public init() {}
}

/// Given parameters of one layer (`init: {type: explicit}`, or saved by an earlier run), in
/// float64: `weights` is (inputs × outputs), one row per input; `bias` has one value per output.
public struct ExplicitLayer: Sendable, Equatable {
  /// The weight matrix, one row per input and one column per output.
  public var weights: [[Double]]
  /// The bias vector, one value per output.
  public var bias: [Double]
  /// A batch-normalized layer's γ, β, running mean and variance, one value per output each
  /// (nil: γ 1, β 0, mean 0, variance 1, as every initializer starts them).
  public var normalization: ExplicitNormalization?

  /// A layer's given `weights` (inputs × outputs), `bias` (one per output) and normalization.
  public init(weights: [[Double]], bias: [Double], normalization: ExplicitNormalization? = nil) {
    self.weights = weights
    self.bias = bias
    self.normalization = normalization
  }
}

/// Given batch-normalization values of one layer, in torch's order: γ, β, running mean and
/// running (unbiased) variance, one value per output each.
public struct ExplicitNormalization: Sendable, Equatable {
  /// The four arrays, in torch's order (`weight`, `bias`, `running_mean`, `running_var`).
  public var arrays: [[Double]]
  /// The layer's γ, β, running mean and running variance.
  public init(gamma: [Double], beta: [Double], runningMean: [Double], runningVar: [Double]) {
    arrays = [gamma, beta, runningMean, runningVar]
  }
  /// The number of outputs normalized (the length of γ).
  public var count: Int { arrays[0].count }
}
