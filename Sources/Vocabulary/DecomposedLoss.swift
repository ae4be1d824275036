/// The loss a bootstrap bias/variance decomposition splits into bias² and variance
/// (`report.bootstrap.loss`), declared once for the spec and the reports: its name is the
/// spec's value and `bias_variance_decomposition.csv`'s `loss` (mlxtend calls `zero_one`
/// `0-1_loss`).
public enum DecomposedLoss: String, Sendable, CaseIterable {
  /// Squared error (regression).
  case mse
  /// Misclassification (classification).
  case zeroOne = "zero_one"
}
