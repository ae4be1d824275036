import Conventions

/// `bias_variance_decomposition.csv`: one row.
///
/// Columns: `loss` (`mse` or `zero_one`, as `report.bootstrap.loss` names it), `rounds` (those
/// decomposed), `test_samples`,
/// `expected_loss`, `bias` (mse: the squared bias, mlxtend's `avg_bias`), `variance`,
/// `failed_rounds` (rounds whose model diverged or could not be solved, left out).
extension BiasVarianceDecomposition {
  /// The columns, in order.
  public static let columns = [
    "loss", "rounds", "test_samples", "expected_loss", "bias", "variance", "failed_rounds",
  ]

  /// The one-row table.
  public var table: CSVTable {
    var table = CSVTable(trusted: Self.columns)
    table.append(trusted: [
      .text(loss.rawValue), .integer(rounds), .integer(testSamples),
      .number(expectedLoss, precision), .number(bias, precision), .number(variance, precision),
      .integer(failedRounds),
    ])
    return table
  }
}
