import Conventions

/// `bias_variance_decomposition.csv`: one row.
///
/// Columns: `loss` (`mse` or `0-1_loss`), `rounds` (those decomposed), `test_samples`,
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
      .text(loss.mlxtendName), .integer(rounds), .integer(testSamples), .double(expectedLoss),
      .double(bias),
      .double(variance), .integer(failedRounds),
    ])
    return table
  }
}
