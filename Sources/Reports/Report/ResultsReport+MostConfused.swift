import Conventions

extension ResultsReport {
  /// A confusion matrix of more classes than `ConfusionMatrixChart.mostClassesDrawn`, in the
  /// report: a sentence saying why it is neither drawn nor shown whole, the pairs of classes
  /// the model confuses most (`ConfusionMatrix.mostConfused`), and the per-class scores;
  /// `confusion_matrix.csv` holds the whole matrix.
  func mostConfusedBlocks(_ matrix: ConfusionMatrix) -> [ReportBlock] {
    let shown = matrix.mostConfused(ConfusionMatrixChart.mostConfusedShown)
    let counted = confusionMatrixSplit.map { "The \($0.rawValue) split's examples. " } ?? ""
    let accuracy = Self.display(CSVCell.number(matrix.accuracy, figurePrecision).text)
    let listed =
      shown.isEmpty
      ? "No example is confused with another class."
      : "The \(shown.count == 1 ? "pair" : "\(shown.count) pairs") of classes confused most "
        + "(`share` is the fraction of the actual class's examples):"
    var blocks: [ReportBlock] = [
      .paragraph(
        "\(counted)\(matrix.classes) classes: too many to draw the matrix or show it here "
          + "(more than \(ConfusionMatrixChart.mostClassesDrawn)), so the whole matrix is in "
          + "`\(ResultsFile.confusionMatrix)` (rows: actual class; columns: predicted class). "
          + "Accuracy \(accuracy). \(listed)")
    ]
    if !shown.isEmpty {
      let rows = shown.map { cell -> [String] in
        let total = matrix.counts[cell.actual].reduce(0, +)
        let share = CSVCell.number(Double(cell.count) / Double(total), figurePrecision).text
        return [
          matrix.classNames[cell.actual], matrix.classNames[cell.predicted], String(cell.count),
          Self.display(share),
        ]
      }
      blocks.append(.table(header: ["actual", "predicted", "count", "share"], rows: rows))
    }
    blocks.append(
      Self.tableBlock(matrix.scoresTable(in: figurePrecision), transposeSingleRow: false))
    return blocks
  }
}
