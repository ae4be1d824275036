/// Penalty on weights (never biases): `J = mean loss + (l2/2)‖w‖² + l1‖w‖₁`, declared once for
/// the spec (`regularization:`) and the engine.
///
/// Conversions: scikit-learn `LogisticRegression(C)` → `l2 = 1/(C·m)`; `Ridge(alpha)` →
/// `l2 = 2α/(m·k)` for k target columns; `Lasso(alpha)` → `l1 = 2α`; a `λ/(2m)‖W‖²` penalty →
/// `l2 = λ/m`; PyTorch's `weight_decay` → `l2`. L2 enters the gradient (`+ l2·w`); L1 enters as
/// each optimizer's `OptimizerKind.l1Step` declares: gd and sgd apply the proximal
/// soft-threshold `w ← sign(w)·max(|w| − lr·l1, 0)` after each step (exact zeros), the rules with
/// state add the subgradient `l1·sign(w)` to the gradient, as torch's autograd does. Both
/// together are the elastic net.
public struct Regularization: Sendable, Equatable {
  /// L2 strength ≥ 0: adds `(l2/2)‖w‖²` to `J` and `l2·w` to the gradient.
  public var l2: Double
  /// L1 strength ≥ 0: adds `l1‖w‖₁` to `J`, taken as the optimizer's `l1Step` declares.
  public var l1: Double
  /// A penalty with the given strengths (default 0: none).
  public init(l2: Double = 0, l1: Double = 0) {
    self.l2 = l2
    self.l1 = l1
  }
  /// No penalty (`l2 = l1 = 0`).
  public static let none = Regularization()
  /// The spec keys of `regularization:`, in the canonical spec's order.
  public static let parameters: [Parameter<Regularization>] = [
    Parameter(
      "l1", .number(\.l1), .nonNegative, default: 0, example: 0.2,
      "L1 strength. \(optimizers(.proximal)): proximal step after each update, exact zeros."
        + " \(optimizers(.subgradient)): its subgradient l1·sign(w) added to the gradient, as"
        + " torch's autograd of `l1 * w.abs().sum()` (weights hover near 0). Lasso α → l1 = 2α"),
    Parameter(
      "l2", .number(\.l2), .nonNegative, default: 0, example: 0.01,
      "L2 strength (weights only). sklearn C → 1/(C·m); Ridge α → 2α/(m·k) (k target columns);"
        + " course λ → λ/m; PyTorch weight_decay → l2 when biases get weight_decay 0"),
  ]

  /// The optimizers that take L1 by `step`, e.g. `gd, sgd`.
  private static func optimizers(_ step: L1Step) -> String {
    OptimizerKind.allCases.filter { $0.l1Step == step }.map(\.rawValue).joined(separator: ", ")
  }
}
