import Engine

/// The models an analysis trains (learning- and validation-curve points, bootstrap rounds) that
/// L-BFGS left short of its tolerance, said in one warning per analysis, as a run of the same
/// rows warns of its own (scikit-learn's ConvergenceWarning per fit).
struct UnconvergedFits: Sendable {
  /// How many of the analysis's models did not converge.
  var count = 0
  /// The first of them in the analysis's order (`at 5 training rows`, `in bootstrap round 3`),
  /// how it stopped and what to change.
  var first: (what: String, reason: StopReason, remedy: String)?
  /// What the analysis's models already do (its remedies leave it out).
  let inEffect: LBFGSInEffect

  /// No model yet, for models trained as `inEffect` says.
  init(_ inEffect: LBFGSInEffect) { self.inEffect = inEffect }

  /// Adds the model `what` when it stopped short of its tolerance, trained as `inEffect` says
  /// when its setting differs from the analysis's (a validation curve's point).
  mutating func add(_ what: String, _ reason: StopReason, inEffect: LBFGSInEffect? = nil) {
    guard let remedy = reason.remedy(inEffect ?? self.inEffect) else { return }
    count += 1
    if first == nil { first = (what, reason, remedy) }
  }

  /// `learning curve: L-BFGS did not converge in 1 of 2 points (at 5 training rows: reached the
  /// iteration budget (20) without converging: …); raise optimizer.iterations or
  /// optimizer.tolerance`, for `analysis` of `total` models called `units`; nil when every model
  /// converged.
  func warning(_ analysis: String, of total: Int, _ units: (one: String, many: String))
    -> String?
  {
    guard let first else { return nil }
    return "\(analysis): L-BFGS did not converge in \(count) of \(total) "
      + "\(total == 1 ? units.one : units.many) (\(count > 1 ? "the first " : "")\(first.what): "
      + "\(first.reason)); " + first.remedy
  }
}
