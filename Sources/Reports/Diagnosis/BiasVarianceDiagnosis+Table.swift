import Conventions

/// `bias_variance.csv`: one row; the columns, in order, are listed in `columns` and docs/results.md.
extension BiasVarianceDiagnosis {
  /// The columns of `bias_variance.csv`, in order.
  public static let columns = [
    "base_error", "train_error", "train_dev_error", "dev_error", "test_error",
    "avoidable_bias", "variance", "variance_split", "data_mismatch",
    "relative_avoidable_bias", "relative_variance", "relative_data_mismatch", "threshold_scale",
    "avoidable_bias_threshold", "variance_threshold", "data_mismatch_threshold",
    "verdict", "recommendations", "variance_standard_error", "avoidable_bias_standard_error",
  ]

  /// The separator between recommendations in the `recommendations` column.
  public static let recommendationSeparator = "; "

  /// The one-row table written as `bias_variance.csv`; absent errors are empty fields.
  public var table: CSVTable {
    let cells: [CSVCell] = [
      .double(baseError), .double(trainError), .optional(trainDevError), .optional(devError),
      .optional(testError), .double(avoidableBias), .optional(variance),
      varianceSplit.map(CSVCell.text) ?? .empty, .optional(dataMismatch),
      .optional(relativeAvoidableBias), .optional(relativeVariance),
      .optional(relativeDataMismatch),
      .text(thresholds.relative ? "relative" : "absolute"),
      .double(thresholds.avoidableBias), .double(thresholds.variance),
      .double(thresholds.dataMismatch), .text(verdictText),
      .text(recommendations.joined(separator: Self.recommendationSeparator)),
      .optional(heldOutSampling?.standardError), .optional(trainSampling?.standardError),
    ]
    var table = CSVTable(trusted: Self.columns)
    table.append(trusted: cells)
    return table
  }
}
