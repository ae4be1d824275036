import Foundation
import Specs

/// A penalty that alone makes each step overshoot: plain gradient descent multiplies the
/// weights by `1 − lr·λ` per step from the `λ·w` of its gradient (`regularization.l2`, or a
/// coupled `weight_decay`), and AdamW by `1 − lr·weight_decay` (decoupled): at `lr·λ ≥ 2` they
/// flip sign and do not shrink (a C → l2 conversion gone wrong, a torch weight decay of 300).
enum PenaltyOvershoot {
  /// What to lower when `spec`'s penalty times its learning rate is at least 2; nil otherwise.
  static func advice(_ spec: ExperimentSpec) -> String? {
    let optimizer = spec.optimizer
    let terms: [(key: String, value: Double)]
    switch optimizer.kind {
    case .gd, .sgd:
      terms = [
        ("regularization.l2", spec.regularization.l2),
        ("optimizer.weight_decay", optimizer.weightDecay),
      ]
    case .adamw: terms = [("optimizer.weight_decay", optimizer.weightDecay)]
    default: return nil
    }
    let written = terms.filter { $0.value > 0 }
    let product = optimizer.learningRate * written.map(\.value).reduce(0, +)
    guard product >= 2 else { return nil }
    func g(_ value: Double) -> String { String(format: "%g", value) }
    let names = written.map { "`\($0.key)` (\(g($0.value)))" }
    let converted = written.contains { $0.key == "regularization.l2" }
    return names.joined(separator: " and ") + " times the learning rate "
      + "(\(g(optimizer.learningRate))) is \(g(product)), at least 2, so the penalty alone "
      + "overshoots: each step multiplies the weights by 1 − \(g(product)) = \(g(1 - product)); "
      + "lower " + written.map { "`\($0.key)`" }.joined(separator: " or ")
      + (converted ? " (scikit-learn's C is l2 = 1/(C·m))" : "")
  }
}
