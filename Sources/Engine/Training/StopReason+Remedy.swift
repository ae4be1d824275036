import Foundation

/// What a run already does of the changes that help L-BFGS stopped short of its tolerance, so
/// that its warning offers only the others.
public struct LBFGSInEffect: Sendable, Equatable {
  /// `optimizer.learning_rate`: the line search's first trial step.
  public var learningRate: Double
  /// The dtype the run computes in.
  public var dtype: DType
  /// Whether `dataset.preprocessing` scales the features (standardize, min_max).
  public var scaled: Bool
  /// The run's loss, when known: a kinked one (`LossKind.isSmooth`) is the cause no other
  /// remedy fixes.
  public var loss: LossKind?

  /// A run at first trial step `learningRate`, in `dtype`, its features `scaled` or not, under
  /// `loss` when known.
  public init(learningRate: Double, dtype: DType, scaled: Bool, loss: LossKind? = nil) {
    (self.learningRate, self.dtype, self.scaled, self.loss) = (learningRate, dtype, scaled, loss)
  }

  /// The loss when it has kinks (mae): L-BFGS cannot converge on it.
  var kinkedLoss: LossKind? { loss.flatMap { $0.isSmooth ? nil : $0 } }
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
  /// already does (nil when it did not stop short); on a kinked loss, only the cause.
  public func remedy(_ inEffect: LBFGSInEffect) -> String? {
    guard stoppedShort else { return nil }
    if let kinked = inEffect.kinkedLoss { return Self.smoothLossRemedy(kinked) }
    switch self {
    case .notConverged: return Self.notConvergedRemedy(inEffect)
    default: return Self.searchFailedRemedy(inEffect)
    }
  }

  /// What L-BFGS on a kinked `loss` needs: no budget, first step or tolerance makes its
  /// gradient vanish (mae's is ± 1/rows per row at any point but the kinks), as scipy's
  /// L-BFGS-B and scikit-learn assume a smooth objective.
  public static func smoothLossRemedy(_ loss: LossKind) -> String {
    let smooth = LossKind.smoothRegressionLosses.map(\.rawValue).listed(.or)
    return "L-BFGS needs a smooth loss (\(loss.rawValue) has kinks, so its gradient never "
      + "vanishes): use \(smooth), or a first-order optimizer such as adam for \(loss.rawValue)"
  }

  /// What to change when L-BFGS spends its budget short of its tolerance: more iterations,
  /// scaled features (unless in effect, `unscaledRemedy`), or a looser tolerance.
  static func notConvergedRemedy(_ inEffect: LBFGSInEffect) -> String {
    let unscaled = unscaledRemedy(inEffect)
    let tolerance = unscaled.isEmpty ? "optimizer.tolerance" : "raise optimizer.tolerance"
    return (["raise optimizer.iterations"] + unscaled + [tolerance]).listed(.or)
  }

  /// Scaled features, unless the run's preprocessing scales them: one test and one phrase
  /// for every way L-BFGS stops short.
  static func unscaledRemedy(_ inEffect: LBFGSInEffect) -> [String] {
    inEffect.scaled ? [] : ["standardize the features"]
  }

  /// What to change when L-BFGS's line search can lower the objective no further: a first
  /// trial step of 1 (scipy's; a tiny one moves the objective by rounding noise), scaled
  /// features, float64 (each unless in effect), or a looser tolerance.
  static func searchFailedRemedy(_ inEffect: LBFGSInEffect) -> String {
    var remedies: [String] = []
    let rate = inEffect.learningRate
    if rate != 1 {
      remedies.append(
        "start the line search at optimizer.learning_rate 1 instead of \(Self.written(rate)) "
          + "(scipy's first trial step"
          + "\(rate < 1 ? "; smaller ones can move the objective by rounding noise only" : ""))"
      )
    }
    remedies += unscaledRemedy(inEffect)
    if inEffect.dtype != .float64 { remedies.append("use dtype float64") }
    remedies.append("raise optimizer.tolerance")
    return remedies.listed(.or)
  }

  /// A spec value as it would be written: `0.01`, `1e-12`, `1e+12` (not `1000000000000.0`);
  /// its shortest round-trip digits when six significant ones do not give it back.
  static func written(_ value: Double) -> String {
    let short = String(format: "%g", value)
    return Double(short) == value ? short : "\(value)"
  }
}
