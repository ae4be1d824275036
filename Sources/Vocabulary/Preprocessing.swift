/// One preprocessing step, declared once: the spec writes it as its `key` (with a value for
/// `scale`, `normalize`, `min_max` and `polynomial`), and the data layer applies it
/// (`Datasets/Preprocessing/FittedPreprocessing.swift`), in the order the spec lists them.
/// `standardize` and `minMax` are fitted on the training split only and the same statistics
/// are applied to dev, train-dev and test (no leakage).
public enum PreprocessingStep: Sendable, Equatable, CustomStringConvertible {
  /// `(m, d₁, d₂, …)` → `(m, d₁·d₂·…)` (numpy's `x.reshape(m, -1)`; images (h, w, c) → h·w·c).
  case flatten
  /// Every feature times a constant (`scale: 1/255` divides by 255 exactly, as numpy's
  /// `x / 255` does: see `ScaleFactor`).
  case scale(Double)
  /// `(x − mean)/std` on every feature with given constants (torchvision's `Normalize`).
  case normalize(FixedNormalization)
  /// `(x − μ) / σ` per feature, μ and σ (population, ddof 0) from the training split; a
  /// constant feature (σ = 0) is only centred, as scikit-learn's `StandardScaler` does.
  case standardize
  /// `lower + (x − min)·(upper − lower)/(max − min)` per feature, min and max from the
  /// training split; a constant feature (a training range at most 10·ε of the dtype times its
  /// largest |value|: constant up to rounding in any units) is divided by 1, so its training value maps to
  /// `lower`.
  case minMax(lower: Double, upper: Double)
  /// Every monomial of the features up to `degree` (no constant), in scikit-learn's
  /// `PolynomialFeatures(include_bias=False)` order: `a, b, a², ab, b², …`.
  case polynomial(degree: Int)

  /// The degrees a `polynomial` step accepts: the spec's check and the advice's limit.
  public static let polynomialDegrees = NumberCheck.within(1, 10)

  /// Whether the step's statistics are fitted on the training split (`standardize`, `min_max`).
  public var isFitted: Bool {
    switch self {
    case .standardize, .minMax: true
    case .flatten, .scale, .normalize, .polynomial: false
    }
  }

  /// Why the step changes nothing wherever it stands (`scale: 1`, `polynomial: 1`); nil if not.
  public var identity: String? {
    switch self {
    case .scale(1): "it multiplies every feature by 1"
    case .polynomial(1): "degree 1 gives the features themselves"
    case .normalize(FixedNormalization()): "it subtracts 0 and divides by 1"
    default: nil
    }
  }

  /// Whether `next`, right after this step, gives the features it would without it (up to
  /// rounding): `standardize` and `min_max` are fitted per feature on what they get, so a
  /// positive scale or shift before them (`scale` above 0, `normalize`, `standardize`,
  /// `min_max`) is undone.
  public func isUndone(by next: PreprocessingStep) -> Bool {
    guard next.isFitted else { return false }
    return switch self {
    case .scale(let factor): factor > 0
    case .normalize, .standardize, .minMax: true
    case .flatten, .polynomial: false
    }
  }

  /// The step's key in the spec.
  public var key: String {
    switch self {
    case .flatten: "flatten"
    case .scale: "scale"
    case .normalize: "normalize"
    case .standardize: "standardize"
    case .minMax: "min_max"
    case .polynomial: "polynomial"
    }
  }

  /// The step with its value, as fitted statistics name it (`min_max(-1.0, 1.0)`).
  public var description: String {
    switch self {
    case .flatten, .standardize: key
    case .scale(let s): "scale(\(s))"
    case .normalize(let n): "normalize(\(n.mean), \(n.std))"
    case .minMax(let lo, let hi): "min_max(\(lo), \(hi))"
    case .polynomial(let d): "polynomial(\(d))"
    }
  }
}
