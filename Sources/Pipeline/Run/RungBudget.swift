/// A successive-halving or Hyperband trial's rung, whose budget `sweep.budget` sets: the last
/// rung's is `sweep.budget.max`, which its advice names instead of `optimizer.iterations`.
struct RungBudget: Sendable, Equatable {
  /// Whether the rung is the last (no rung above promotes its trials).
  var isLast: Bool

  /// The key that sets the last rung's budget.
  static let key = "sweep.budget.max"

  /// `advice` of a run in the last rung: L-BFGS's "raise optimizer.iterations" raises `key`.
  static func lastRungAdvice(_ advice: String) -> String {
    advice.replacingOccurrences(of: "raise optimizer.iterations", with: "raise \(key)")
  }
}
