import Conventions

/// `bias_variance_decomposition.csv`: one row.
///
/// Columns: `loss` (`mse` or `0-1_loss`), `rounds`, `test_samples`, `expected_loss`, `bias`
/// (mse: the squared bias, mlxtend's `avg_bias`), `variance`.
extension BiasVarianceDecomposition {
  /// The columns, in order.
  public static let columns = [
    "loss", "rounds", "test_samples", "expected_loss", "bias", "variance",
  ]

  /// The one-row table.
  public var table: CSVTable {
    var table = CSVTable(trusted: Self.columns)
    table.append(trusted: [
      .text(loss.mlxtendName), .integer(rounds), .integer(testSamples), .double(expectedLoss),
      .double(bias),
      .double(variance),
    ])
    return table
  }
}
