/// One fully connected layer of an MLP: its width, its declared activation, and the options of
/// a hidden layer (dropout, normalization), each declared once here.
public struct LayerSpec: Sendable, Equatable {
  /// What a layer's `units` accepts: the spec's check and the advice's limit.
  public static let unitsCheck = NumberCheck.within(1, 1_000_000)

  /// Number of neurons (outputs) of the layer, ≥ 1.
  public var units: Int
  /// The function applied element-wise to the layer's pre-activations z = xW + b.
  public var activation: ActivationKind
  /// The activation's declared settings (leaky_relu's `negative_slope`).
  public var settings: ActivationSettings
  /// Probability p of zeroing each output in training (inverted dropout: kept outputs are scaled
  /// by 1/(1 − p), as `nn.Dropout(p)`); 0 is none. Never active in evaluation.
  public var dropout = 0.0
  /// How pre-activations are normalized before the activation (`none`, `batch_norm`).
  public var normalization = NormalizationKind.none
  /// The normalization's declared settings (batch_norm's `momentum`, `eps`).
  public var normalizationSettings = NormalizationSettings()

  /// A layer of `units` neurons with `activation` and its settings (by default the declared ones).
  public init(_ units: Int, _ activation: ActivationKind, _ settings: ActivationSettings = .init())
  {
    self.units = units
    self.activation = activation
    self.settings = settings
  }

  /// The keys only a hidden layer takes (the output layer refuses them).
  public static let hiddenOnlyKeys = ["dropout", "normalization"]

  /// The numeric keys of a layer besides `units` and its activation's keys.
  public static let parameters: [Parameter<LayerSpec>] = [
    Parameter(
      "dropout", .number(\.dropout), .fromUpTo(0, 1), default: 0, example: 0.2,
      "hidden layers: probability of zeroing each output in training, the kept ones scaled by "
        + "1/(1 − p) (nn.Dropout); off in evaluation and prediction")
  ]
}

/// How a layer normalizes its pre-activations `z = xW + b` before the activation, declared once.
/// The engine computes it in `Engine/Model/BatchNorm.swift`.
public enum NormalizationKind: String, Declared {
  case none
  case batchNorm = "batch_norm"

  /// One line on what the normalization computes, as the docs list it.
  public var summary: String {
    switch self {
    case .none: "z as is"
    case .batchNorm:
      "nn.BatchNorm1d: γ·(z − μ)/√(σ² + eps) + β with the batch's mean and biased variance in "
        + "training, the running ones in evaluation"
    }
  }

  /// The keys the normalization accepts besides its name.
  public var parameters: [Parameter<NormalizationSettings>] {
    guard self == .batchNorm else { return [] }
    return [
      Parameter(
        "momentum", .number(\.momentum), .within(0, 1), default: 0.1, example: 0.5,
        "running statistics r ← (1 − momentum)·r + momentum·batch (unbiased variance)"),
      Parameter(
        "eps", .number(\.eps), .positive, default: 1e-5, example: 0.01,
        "added to the variance before the square root"),
    ]
  }
}

/// Every normalization setting; each normalization reads the fields its declaration names.
public struct NormalizationSettings: Sendable, Equatable {
  /// batch_norm: weight of the current batch in the running mean and variance.
  public var momentum = 0.1
  /// batch_norm: added to the variance for numerical stability.
  public var eps = 1e-5
  /// The defaults of `nn.BatchNorm1d` (momentum 0.1, eps 1e-5).
  public init() {}
}
