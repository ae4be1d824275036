/// The losses (torch.nn's, always reduced by the mean), declared once: the spec names, each
/// loss's keys and defaults. The engine computes them (`Loss(_:)` in `Engine/Model/Loss.swift`).
public enum LossKind: String, Declared {
  case mse, mae, huber
  case binaryCrossEntropy = "binary_cross_entropy"
  case crossEntropy = "cross_entropy"

  /// One line on what the loss computes, as the docs' loss list shows it.
  public var summary: String {
    switch self {
    case .mse: "mean squared error (MSELoss)"
    case .mae: "mean absolute error (L1Loss)"
    case .huber: "HuberLoss: quadratic within delta, linear beyond"
    case .binaryCrossEntropy: "binary cross-entropy on a sigmoid output"
    case .crossEntropy: "cross-entropy on a softmax output (class-index targets)"
    }
  }

  /// The keys the loss accepts besides its name (huber: `delta`), in the canonical writer's order.
  public var parameters: [Parameter<LossSettings>] {
    guard self == .huber else { return [] }
    return [
      Parameter(
        "delta", .number(\.delta), .positive, default: 1, example: 2,
        "threshold between the quadratic and linear parts")
    ]
  }

  /// True for losses on class labels.
  public var isClassification: Bool { self == .binaryCrossEntropy || self == .crossEntropy }

  /// False for a loss with kinks (mae: |r| has no gradient at 0, and its gradient never
  /// shrinks near the optimum), which L-BFGS's curvature pairs and gradient test cannot handle
  /// (scipy's and scikit-learn's L-BFGS assume a smooth objective); huber is smooth (its
  /// gradient is continuous).
  public var isSmooth: Bool { self != .mae }

  /// The smooth losses that fit the same targets as a kinked one, in the order advised.
  public static let smoothRegressionLosses: [LossKind] = [.huber, .mse]
}

/// Every loss setting; each loss reads the fields its declaration names.
public struct LossSettings: Sendable, Equatable {
  /// Huber's threshold δ > 0: ½r² for |r| ≤ δ, δ(|r| − ½δ) beyond.
  public var delta = 1.0
  /// The defaults (Huber δ = 1, as torch.nn.HuberLoss).
  public init() {}
}

/// A loss with its settings: what the spec's `loss:` becomes.
public struct LossSpec: Sendable, Equatable {
  /// Which loss (the spec's `loss` name).
  public var kind: LossKind
  /// The loss's settings; only the fields its `parameters` name are read.
  public var settings: LossSettings

  /// The loss with its declared defaults, changed by `configure`.
  public init(_ kind: LossKind, _ configure: (inout LossSettings) -> Void = { _ in }) {
    self.kind = kind
    self.settings = kind.defaults(from: LossSettings())
    configure(&settings)
  }
}
