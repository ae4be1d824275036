/// Counts of (actual class, predicted class) pairs: the engine's classification metrics and
/// the results' `confusion_matrix.csv` both come from it.
///
/// Columns: `actual` (the class name), then `predicted_<class>` for each class in label order;
/// one row per actual class in label order. `counts[a][p]` is the number of samples of class
/// `a` predicted as `p`.
public struct ConfusionMatrix: Sendable, Equatable {
  /// The class names, indexed by label.
  public let classNames: [String]
  /// `counts[actual][predicted]`.
  public let counts: [[Int]]

  /// The number of classes.
  public var classes: Int { classNames.count }

  /// The matrix of `actual` against `predicted` labels in `0..<classes`, named `"0"`, `"1"`, …;
  /// pairs with a label outside that range are not counted (the engine's metrics).
  public init(actual: [Int], predicted: [Int], classes: Int) {
    var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
    for (a, p) in zip(actual, predicted) where a >= 0 && a < classes && p >= 0 && p < classes {
      counts[a][p] += 1
    }
    self.classNames = (0..<classes).map(String.init)
    self.counts = counts
  }

  /// The matrix of integer labels `actual[i]` and `predicted[i]`, each in `0..<classes.count`.
  public init(classes: [String], actual: [Int], predicted: [Int]) throws(ConfusionMatrixError) {
    guard !classes.isEmpty else { throw .noClasses }
    guard actual.count == predicted.count else {
      throw .lengthMismatch(actual: actual.count, predicted: predicted.count)
    }
    var counts = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: classes.count)
    for (index, (a, p)) in zip(actual, predicted).enumerated() {
      guard classes.indices.contains(a), classes.indices.contains(p) else {
        throw .labelOutOfRange(
          sample: index, label: classes.indices.contains(a) ? p : a, classes: classes.count)
      }
      counts[a][p] += 1
    }
    self.classNames = classes
    self.counts = counts
  }

  /// A matrix from counts, square with one row per class.
  public init(classes: [String], counts: [[Int]]) throws(ConfusionMatrixError) {
    guard !classes.isEmpty else { throw .noClasses }
    guard counts.count == classes.count, counts.allSatisfy({ $0.count == classes.count }) else {
      throw .notSquare(classes: classes.count)
    }
    self.classNames = classes
    self.counts = counts
  }

  /// The number of samples.
  public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

  /// The fraction of samples on the diagonal (NaN for an empty matrix).
  public var accuracy: Double {
    let correct = classNames.indices.reduce(0) { $0 + counts[$1][$1] }
    return total == 0 ? .nan : Double(correct) / Double(total)
  }

  /// The columns, in order.
  public var columns: [String] { ["actual"] + classNames.map { "predicted_\($0)" } }

  /// The table written as `confusion_matrix.csv`; class names must give distinct columns.
  public var table: CSVTable {
    get throws(CSVError) {
      var table = try CSVTable(header: columns)
      for (index, name) in classNames.enumerated() {
        try table.append([.text(name)] + counts[index].map(CSVCell.integer))
      }
      return table
    }
  }

  /// Reads a matrix back from its table (for `runner report`).
  public init(table: CSVTable) throws(ConfusionMatrixError) {
    guard table.header.first == "actual", table.header.count > 1,
      table.header.dropFirst().allSatisfy({ $0.hasPrefix("predicted_") })
    else { throw .notAConfusionMatrix }
    let classes = table.header.dropFirst().map { String($0.dropFirst("predicted_".count)) }
    var counts: [[Int]] = []
    for row in table.rows {
      let values = row.dropFirst().map { Int($0) }
      guard values.allSatisfy({ $0 != nil && $0! >= 0 }) else { throw .notAConfusionMatrix }
      counts.append(values.map { $0! })
    }
    guard table.rows.map({ $0[0] }) == classes else { throw .notAConfusionMatrix }
    try self.init(classes: classes, counts: counts)
  }
}

/// Why a confusion matrix could not be built.
public enum ConfusionMatrixError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No classes were given.
  case noClasses
  /// Different numbers of actual and predicted labels.
  case lengthMismatch(actual: Int, predicted: Int)
  /// A label outside `0..<classes`.
  case labelOutOfRange(sample: Int, label: Int, classes: Int)
  /// Counts that are not one row and one column per class.
  case notSquare(classes: Int)
  /// A table that does not have the confusion matrix layout.
  case notAConfusionMatrix

  /// The reason as one user-facing sentence, e.g. `3 actual labels but 2 predictions`.
  public var description: String {
    switch self {
    case .noClasses: return "a confusion matrix needs at least one class"
    case .lengthMismatch(let actual, let predicted):
      return "\(actual) actual labels but \(predicted) predictions"
    case .labelOutOfRange(let sample, let label, let classes):
      return "sample \(sample) has label \(label), outside 0..<\(classes)"
    case .notSquare(let classes):
      return "confusion counts must be \(classes)×\(classes), one row and column per class"
    case .notAConfusionMatrix:
      return
        "not a confusion matrix table: expected columns actual, predicted_<class>… "
        + "and one row of non-negative counts per class"
    }
  }
}
