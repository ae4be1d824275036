/// The loss a bootstrap bias/variance decomposition splits into bias² and variance
/// (`report.bootstrap.loss`), declared once for the spec and the reports.
public enum DecomposedLoss: String, Sendable, CaseIterable {
  /// Squared error (regression).
  case mse
  /// Misclassification (classification).
  case zeroOne = "zero_one"

  /// The name mlxtend gives it, as the decomposition table writes it: `mse` or `0-1_loss`.
  public var mlxtendName: String { self == .mse ? "mse" : "0-1_loss" }
}
