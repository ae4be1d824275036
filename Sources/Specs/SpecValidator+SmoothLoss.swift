import Conventions
import Vocabulary

/// L-BFGS on a loss with kinks: legal, but it cannot converge.
extension SpecValidator {
  /// Warns at the loss when L-BFGS trains a kinked loss (`LossKind.isSmooth`: mae): its
  /// gradient never vanishes, so the run stops short of any tolerance whatever its budget, and
  /// a looser tolerance only labels an arbitrary point converged (scipy's L-BFGS-B and
  /// scikit-learn assume a smooth objective).
  mutating func checkSmoothLoss() {
    let o = spec.optimizer
    let loss = spec.loss.kind
    guard o.trains, o.kind == .lbfgs, !loss.isSmooth, spec.model.solver != .exact else { return }
    let smooth = LossKind.smoothRegressionLosses.map(\.rawValue)
    warning(
      lossPath,
      "lbfgs needs a smooth loss: \(loss.rawValue) has kinks, so its gradient never vanishes and "
        + "L-BFGS stops short of optimizer.tolerance however long it runs",
      note: "use \(smooth.listed(.or)), or a first-order optimizer such as adam for "
        + "\(loss.rawValue)",
      fixIt: "loss: \(smooth[0])")
  }
}
