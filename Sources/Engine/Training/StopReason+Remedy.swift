/// What a run already does of the changes that help L-BFGS stopped short of its tolerance, so
/// that its warning offers only the others.
public struct LBFGSInEffect: Sendable, Equatable {
  /// `optimizer.learning_rate`: the line search's first trial step.
  public var learningRate: Double
  /// The dtype the run computes in.
  public var dtype: DType
  /// Whether `dataset.preprocessing` scales the features (standardize, min_max).
  public var scaled: Bool

  /// A run at first trial step `learningRate`, in `dtype`, its features `scaled` or not.
  public init(learningRate: Double, dtype: DType, scaled: Bool) {
    (self.learningRate, self.dtype, self.scaled) = (learningRate, dtype, scaled)
  }
}

extension StopReason {
  /// Whether L-BFGS stopped short of its tolerance (budget spent, or no step lowered the
  /// objective): the run warns.
  public var stoppedShort: Bool {
    switch self {
    case .notConverged, .searchFailed: true
    default: false
    }
  }

  /// A warning for the user when training ended without doing what was asked (nil otherwise),
  /// its remedies those not already in effect.
  public func warning(_ inEffect: LBFGSInEffect) -> String? {
    remedy(inEffect).map { "L-BFGS \(description); " + $0 }
  }

  /// What to change when L-BFGS stopped short of its tolerance, leaving out what `inEffect`
  /// already does (nil when it did not stop short).
  public func remedy(_ inEffect: LBFGSInEffect) -> String? {
    switch self {
    case .notConverged: Self.notConvergedRemedy
    case .searchFailed: Self.searchFailedRemedy(inEffect)
    default: nil
    }
  }

  /// What to change when L-BFGS spends its budget short of its tolerance.
  public static let notConvergedRemedy = "raise optimizer.iterations or optimizer.tolerance"

  /// What to change when L-BFGS's line search can lower the objective no further: a first
  /// trial step of 1 (scipy's; a tiny one moves the objective by rounding noise), scaled
  /// features, float64 (each unless in effect), or a looser tolerance.
  static func searchFailedRemedy(_ inEffect: LBFGSInEffect) -> String {
    var remedies: [String] = []
    let rate = inEffect.learningRate
    if rate != 1 {
      remedies.append(
        "start the line search at optimizer.learning_rate 1 instead of \(rate) (scipy's first "
          + "trial step\(rate < 1 ? "; smaller ones can move the objective by rounding noise only" : ""))"
      )
    }
    if !inEffect.scaled { remedies.append("standardize the features") }
    if inEffect.dtype != .float64 { remedies.append("use dtype float64") }
    remedies.append("raise optimizer.tolerance")
    return remedies.listed(.or)
  }
}
