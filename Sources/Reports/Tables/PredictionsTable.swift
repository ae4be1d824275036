import Conventions

/// `predictions.csv` written by `runner predict`: one row per input row, in input order.
///
/// Classification columns: `row` (0-based input row), `label` (the predicted class index),
/// `class` (its name), then `probability_<class>` per class when probabilities are given.
/// Regression columns: `row`, `value` for one output; `row`, then `value_<target>` per target
/// column for several (`target: [y1, y2]` gives `row,value_y1,value_y2`).
public enum PredictionsTable {
  /// The table of predicted class labels (and optional per-class probabilities).
  public static func classification(
    classes: [String], labels: [Int], probabilities: [[Double]]? = nil,
    precision: NumberPrecision = .float64
  ) throws(PredictionsError) -> CSVTable {
    guard !classes.isEmpty else { throw .noClasses }
    if let probabilities {
      guard probabilities.count == labels.count else {
        throw .lengthMismatch(labels: labels.count, probabilities: probabilities.count)
      }
      if let row = probabilities.firstIndex(where: { $0.count != classes.count }) {
        throw .probabilityWidth(row: row, found: probabilities[row].count, classes: classes.count)
      }
    }
    let header =
      ["row", "label", "class"] + (probabilities == nil ? [] : classes.map { "probability_\($0)" })
    var table: CSVTable
    do { table = try CSVTable(header: header) } catch {
      throw .duplicateClassName(error.description)
    }
    for (row, label) in labels.enumerated() {
      guard classes.indices.contains(label) else {
        throw .labelOutOfRange(row: row, label: label, classes: classes.count)
      }
      var cells: [CSVCell] = [.integer(row), .integer(label), .text(classes[label])]
      if let probabilities { cells += probabilities[row].map { .number($0, precision) } }
      table.append(trusted: cells)
    }
    return table
  }

  /// The table of predicted values (regression).
  public static func regression(values: [Double], precision: NumberPrecision = .float64) -> CSVTable
  {
    var table = CSVTable(trusted: ["row", "value"])
    for (row, value) in values.enumerated() {
      table.append(trusted: [.integer(row), .number(value, precision)])
    }
    return table
  }

  /// The table of predicted values of a regression with `targets.count` outputs: `values`
  /// holds each row's outputs in turn (row-major), in the order of `targets`. One target gives
  /// the `row,value` table above; several give `row,value_<target>…`.
  public static func regression(
    values: [Double], targets: [String], precision: NumberPrecision = .float64
  ) throws(PredictionsError) -> CSVTable {
    guard !targets.isEmpty, values.count % targets.count == 0 else {
      throw .valueCount(values: values.count, targets: targets.count)
    }
    guard targets.count > 1 else { return regression(values: values, precision: precision) }
    var table: CSVTable
    do { table = try CSVTable(header: ["row"] + targets.map { "value_\($0)" }) } catch {
      throw .duplicateTargetName(error.description)
    }
    for row in 0..<values.count / targets.count {
      let outputs = values[row * targets.count..<(row + 1) * targets.count]
      table.append(trusted: [.integer(row)] + outputs.map { .number($0, precision) })
    }
    return table
  }
}

/// Why predictions could not be tabulated.
public enum PredictionsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No class names.
  case noClasses
  /// Class names that give duplicate columns.
  case duplicateClassName(String)
  /// Different numbers of labels and probability rows.
  case lengthMismatch(labels: Int, probabilities: Int)
  /// A probability row without one value per class.
  case probabilityWidth(row: Int, found: Int, classes: Int)
  /// A label outside `0..<classes`.
  case labelOutOfRange(row: Int, label: Int, classes: Int)
  /// Regression values that do not make whole rows of one value per target (or no targets).
  case valueCount(values: Int, targets: Int)
  /// Target names that give duplicate columns.
  case duplicateTargetName(String)

  /// The reason as one user-facing sentence, with the row and counts involved.
  public var description: String {
    switch self {
    case .noClasses: return "predictions need at least one class name"
    case .duplicateClassName(let reason): return "class names must be distinct: \(reason)"
    case .lengthMismatch(let labels, let probabilities):
      return "\(labels) predicted labels but \(probabilities) rows of probabilities"
    case .probabilityWidth(let row, let found, let classes):
      return "row \(row) has \(found) probabilities for \(classes) classes"
    case .labelOutOfRange(let row, let label, let classes):
      return "row \(row) has predicted label \(label), outside 0..<\(classes)"
    case .valueCount(let values, let targets):
      return "\(values) predicted values do not make rows of \(targets) (one per target)"
    case .duplicateTargetName(let reason): return "target names must be distinct: \(reason)"
    }
  }
}
