import Conventions

/// Train and held-out error against one hyperparameter, written as `validation_curve.csv`.
///
/// Columns: the parameter's spec key path (e.g. `regularization.l2` or `dataset.preprocessing[0].polynomial`),
/// `train_error`, `<split>_error`, then `verdict` when a base error is given. Rows sorted by
/// the parameter's value. The best value has the lowest held-out error (the first on ties). A
/// value whose model diverged or could not be solved has `nan` errors and the verdict `failed`.
public struct ValidationCurve: Sendable, Equatable {
  /// One value of the hyperparameter: its `value` and errors.
  public typealias Point = ErrorCurvePoint<Double>

  /// The spec key path of the hyperparameter, used as the first column's name.
  public let parameter: String
  /// The held-out split.
  public let heldOutSplit: Split
  /// The points, by ascending value.
  public let points: [Point]
  /// The verdict per point when a base error was given.
  public let diagnosis: CurveDiagnosis?
  /// How the errors print: as float32 text for a float32 run's (the values as the spec holds
  /// them).
  public var precision: NumberPrecision = .float64

  /// A validation curve; points are sorted by value. `integerValues` prints values as integers
  /// (e.g. a polynomial degree).
  public init(
    parameter: String, points: [Point], heldOutSplit: Split = .dev,
    diagnosis: CurveDiagnosis? = nil,
    integerValues: Bool = false
  ) {
    self.parameter = parameter
    self.points = Point.ascending(points)
    self.heldOutSplit = heldOutSplit
    self.diagnosis = diagnosis
    self.integerValues = integerValues
  }

  /// Whether values print as integers.
  public let integerValues: Bool

  /// The point with the lowest held-out error (nil for an empty curve; NaN errors never win).
  public var best: Point? {
    points.filter { !$0.heldOutError.isNaN }.enumerated().min { lhs, rhs in
      lhs.element.heldOutError != rhs.element.heldOutError
        ? lhs.element.heldOutError < rhs.element.heldOutError : lhs.offset < rhs.offset
    }?.element
  }

  /// The columns, in order; a parameter named like another column gets a `parameter:` prefix.
  public var columns: [String] {
    let rest =
      ["train_error", heldOutSplit.column("error")] + (diagnosis == nil ? [] : ["verdict"])
    let first = rest.contains(parameter) || parameter.isEmpty ? "parameter:\(parameter)" : parameter
    return [first] + rest
  }

  /// The table written as `validation_curve.csv`.
  public var table: CSVTable {
    var table = CSVTable(trusted: columns)
    for point in points {
      let value: CSVCell =
        integerValues && point.value.rounded() == point.value && abs(point.value) < 1e15
        ? .integer(Int(point.value)) : .double(point.value)
      let cells = point.cells(
        value, precision, diagnosis: diagnosis, heldOutSplit: heldOutSplit)
      table.append(trusted: cells)
    }
    return table
  }
}
