import Conventions
import Vocabulary

/// What `summary.csv` tells of a run that its other files do not say: the split its confusion
/// matrix counts, whether training diverged.
extension ResultsReport {
  /// A single run's summary says it diverged (`stop_reason`): its parameters are the diverged
  /// ones, so the report draws nothing from them.
  var diverged: Bool {
    guard plan == nil, let summary, let column = summary.columnIndex("stop_reason") else {
      return false
    }
    guard let row = summary.rows.first, column < row.count else { return false }
    return DivergedStopReason.matches(row[column])
  }

  /// The confusion matrix the report shows: none for a diverged run, whose parameters are no
  /// trained model (the run writes none; one an earlier runner left in the folder is not shown).
  var shownConfusionMatrix: ConfusionMatrix? { diverged ? nil : confusionMatrix }

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
