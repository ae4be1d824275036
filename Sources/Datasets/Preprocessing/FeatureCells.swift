import Conventions

/// Where a table's training features were read (each sample's line, each column's name), so a
/// value that preprocessing refuses is named by the file's line and column, not by its row in
/// a shuffled split.
public struct FeatureCells: Sendable, Equatable {
  /// The line of each sample, in sample order.
  public var lines: [Int]
  /// The feature columns' names, in column order.
  public var names: [String]

  /// The cells of a table's samples, or nil for another source (an array file has no lines).
  public init?(_ data: LabeledArrays) {
    guard let lines = data.tableLines?.lines, let names = data.featureNames,
      lines.count == data.features.shape.first
    else { return nil }
    (self.lines, self.names) = (lines, names)
  }

  /// The cells of the samples `indices` (in that order, repeats kept): a subset's.
  func rows(_ indices: [Int]) -> FeatureCells {
    var copy = self
    copy.lines = indices.map { lines[$0] }
    return copy
  }

  /// `line 6, column 'sepal width (cm)'` for row `row` and column `column` of a matrix of
  /// `columns` columns; nil when the matrix's columns are not the table's (after `polynomial`).
  func place(row: Int, column: Int, of columns: Int) -> String? {
    guard columns == names.count, lines.indices.contains(row) else { return nil }
    return "line \(lines[row]), column '\(names[column].oneLineShort)'"
  }
}
