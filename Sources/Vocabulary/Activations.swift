/// The layers' activations, declared once: the spec names and each activation's keys. The
/// engine computes them (`Activation` in `Engine/Model/Activation.swift`).
public enum ActivationKind: String, Declared {
  case identity, step, sigmoid, tanh, relu
  case leakyRelu = "leaky_relu"
  case softmax

  /// The activation's formula a = f(z), as the docs' activation list shows it.
  public var summary: String {
    switch self {
    case .identity: "a = z"
    case .step: "a = 1 if z > 0 else 0 (forward only: for given perceptron weights)"
    case .sigmoid: "a = 1/(1 + e^−z)"
    case .tanh: "a = tanh z"
    case .relu: "a = max(z, 0)"
    case .leakyRelu: "a = z if z > 0 else negative_slope·z"
    case .softmax: "row-wise e^z / Σe^z (output layer only)"
    }
  }

  /// The values an output unit can take, as bounds and in words, nil when unbounded: targets at
  /// a bound (0/1 labels for a sigmoid) count as reachable (`TargetSpread.beyond` judges them).
  public var outputRange: (lower: Double, upper: Double, text: String)? {
    switch self {
    case .sigmoid, .softmax: (0, 1, "(0, 1)")
    case .tanh: (-1, 1, "(−1, 1)")
    case .relu: (0, .infinity, "[0, ∞)")
    default: nil
    }
  }

  /// The keys the activation accepts besides its name (leaky_relu: `negative_slope`).
  public var parameters: [Parameter<ActivationSettings>] {
    guard self == .leakyRelu else { return [] }
    return [
      Parameter(
        "negative_slope", .number(\.negativeSlope), .nonNegative, default: 0.01, example: 0.1,
        "slope for negative inputs")
    ]
  }
}

/// Every activation setting; each activation reads the fields its declaration names.
public struct ActivationSettings: Sendable, Equatable {
  /// leaky_relu's slope α ≥ 0 for negative inputs: a = αz when z ≤ 0.
  public var negativeSlope = 0.01
  /// The defaults (negative_slope 0.01, as torch.nn.LeakyReLU).
  public init() {}
}

/// A regression target column as an output activation must reach it (`outputRange`).
public struct TargetSpread: Sendable, Equatable {
  /// The smallest and largest value.
  public var lowest, highest: Double
  /// The values with 1% of the column (rounded down) below and above them: more than 1% of it
  /// is below a bound above `low`.
  public var low, high: Double
  /// Whether every value is 0 or 1 (labels of two classes read as numbers).
  public var isZeroOne: Bool

  /// The spread of the finite values of `column`; nil when none is finite.
  public init?(_ column: some Sequence<Double>) {
    let v = column.filter(\.isFinite).sorted()
    guard let first = v.first, let last = v.last else { return nil }
    let k = v.count / 100
    (lowest, highest, low, high) = (first, last, v[k], v[v.count - 1 - k])
    isZeroOne = v.allSatisfy { $0 == 0 || $0 == 1 }
  }

  /// Whether values lie beyond `lower...upper`: nil when none does; true when it matters, more
  /// than 1% of the column beyond a bound by more than 1% of its range (a sigmoid on −200…200);
  /// false for fewer or nearer (noise just below a relu's 0, a probability of 1.0000001).
  public func beyond(_ lower: Double, _ upper: Double) -> Bool? {
    guard lowest < lower || highest > upper else { return nil }
    let margin = (highest - lowest) / 100
    return low < lower - margin || high > upper + margin
  }
}
