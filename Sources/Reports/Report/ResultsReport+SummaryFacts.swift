/// Which split the confusion matrix counts, which `confusion_matrix.csv` does not say.
extension ResultsReport {
  /// The split the run counted the confusion matrix on (test, else dev, else train: the first
  /// of them with figures in `summary.csv`); nil when the summary does not tell (none, or a
  /// diverged run's, which has no figures).
  public var confusionMatrixSplit: Split? {
    guard let header = summary?.header else { return nil }
    return [Split.test, .dev, .train].first { header.contains($0.column("loss")) }
  }

  /// `Confusion matrix (test)`, or `Confusion matrix` when the split is not known.
  var confusionMatrixTitle: String {
    "Confusion matrix" + (confusionMatrixSplit.map { " (\($0.rawValue))" } ?? "")
  }
}
