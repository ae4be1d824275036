/// One preprocessing step, applied in the order the spec lists them.
///
/// `flatten` reshapes each sample to one row; `scale` multiplies by a constant; `standardize`
/// and `minMax` are fitted on the training split only and the same statistics are applied to
/// dev, train-dev and test (no leakage); `polynomial` expands features; `oneHot` encodes the
/// class targets as `(m, classes)` rows.
public enum PreprocessingStep: Sendable, Equatable, CustomStringConvertible {
  /// `(m, d₁, d₂, …)` → `(m, d₁·d₂·…)` (numpy's `x.reshape(m, -1)`).
  case flatten
  /// `x · numerator / denominator` (see `ScaleFactor`).
  case scale(ScaleFactor)
  /// `(x − μ) / σ` per feature, μ and σ (population, ddof 0) from the training split; a
  /// constant feature (σ = 0) is only centred, as scikit-learn's `StandardScaler` does.
  case standardize
  /// `lower + (x − min)·(upper − lower)/(max − min)` per feature, min and max from the
  /// training split; a constant feature maps to `lower`.
  case minMax(lower: Double, upper: Double)
  /// Every monomial of the features up to `degree` (no constant), in scikit-learn's
  /// `PolynomialFeatures(include_bias=False)` order: `a, b, a², ab, b², …`.
  case polynomial(degree: Int)
  /// Class targets as one-hot rows `(m, classes)` (for softmax); features are unchanged.
  case oneHot

  public var description: String {
    switch self {
    case .flatten: return "flatten"
    case .scale(let s): return "scale(\(s))"
    case .standardize: return "standardize"
    case .minMax(let lo, let hi): return "min_max(\(lo), \(hi))"
    case .polynomial(let d): return "polynomial(\(d))"
    case .oneHot: return "one_hot"
    }
  }
}

/// Statistics a step learned from the training split, recorded in the results.
public struct FittedStatistics: Sendable, Equatable {
  /// The step (`standardize`, `min_max(0.0, 1.0)`).
  public var step: String
  /// Per-feature values by name: `mean` and `std` for standardize, `min` and `max` for min-max.
  public var values: [String: [Double]]

  public init(step: String, values: [String: [Double]]) {
    self.step = step
    self.values = values
  }
}
