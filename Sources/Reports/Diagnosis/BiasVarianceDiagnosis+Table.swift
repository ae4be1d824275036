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
    "data_mismatch_standard_error", "variance_p_value", "avoidable_bias_p_value",
    "data_mismatch_p_value",
  ]

  /// The separator between recommendations in the `recommendations` column.
  public static let recommendationSeparator = "; "

  /// The one-row table written as `bias_variance.csv`; absent errors are empty fields.
  public var table: CSVTable {
    /// A figure of the run, in its precision.
    func figure(_ value: Double?) -> CSVCell { .optional(value, precision) }
    let cells: [CSVCell] = [
      .double(baseError), figure(trainError), figure(trainDevError), figure(devError),
      figure(testError), figure(avoidableBias), figure(variance),
      varianceSplit.map(CSVCell.text) ?? .empty, figure(dataMismatch),
      figure(relativeAvoidableBias), figure(relativeVariance), figure(relativeDataMismatch),
      .text(thresholds.relative ? "relative" : "absolute"),
      .double(thresholds.avoidableBias), .double(thresholds.variance),
      .double(thresholds.dataMismatch), .text(verdictText),
      .text(recommendations.joined(separator: Self.recommendationSeparator)),
      figure(heldOutSampling?.standardError), figure(trainSampling?.standardError),
      figure(mismatchSampling?.standardError), pValue(variance, heldOutSampling),
      pValue(avoidableBias, trainSampling), pValue(dataMismatch, mismatchSampling),
    ]
    var table = CSVTable(trusted: Self.columns)
    table.append(trusted: cells)
    return table
  }

  /// The p-value of `gap` under `sampling` (`SamplingError.pValue`); empty when either is not
  /// known.
  private func pValue(_ gap: Double?, _ sampling: SamplingError?) -> CSVCell {
    guard let gap, let sampling else { return .empty }
    return .double(sampling.pValue(gap: gap))
  }
}
