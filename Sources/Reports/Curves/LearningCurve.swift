import Conventions

/// Train and held-out error against training-set size, written as `learning_curve.csv`.
///
/// Columns: `train_size`, `train_error`, `<split>_error` (the held-out split, `dev` unless the
/// spec has none), then `verdict` when a base error is given. Rows sorted by `train_size`; a
/// size whose model diverged or could not be solved has `nan` errors and the verdict `failed`.
/// A high-variance model's two curves converge as data grows (more data helps); a high-bias
/// model's meet early at a high error (more data does not help).
public struct LearningCurve: Sendable, Equatable {
  /// One training-set size: its `trainSize` and errors.
  public typealias Point = ErrorCurvePoint<Int>

  /// The held-out split the second curve is measured on.
  public let heldOutSplit: Split
  /// The points, by ascending training-set size.
  public let points: [Point]
  /// The verdict per point when a base error was given.
  public let diagnosis: CurveDiagnosis?
  /// How the errors print: as float32 text for a float32 run's.
  public var precision: NumberPrecision = .float64

  /// A learning curve; points are sorted by size.
  public init(points: [Point], heldOutSplit: Split = .dev, diagnosis: CurveDiagnosis? = nil) {
    self.points = Point.ascending(points)
    self.heldOutSplit = heldOutSplit
    self.diagnosis = diagnosis
  }

  /// Training-set sizes as scikit-learn's `learning_curve` picks them by default: `count`
  /// fractions evenly spaced from `smallest` to 1 (`np.linspace`), times `trainCount`, rounded
  /// down, clipped to `1...trainCount`, duplicates removed. Empty when `trainCount` < 1.
  public static func sizes(trainCount: Int, count: Int = 5, smallest: Double = 0.1) -> [Int] {
    guard trainCount >= 1, count >= 1 else { return [] }
    let step = count > 1 ? (1 - smallest) / Double(count - 1) : 0
    var sizes: [Int] = []
    for index in 0..<count {
      let fraction = index == count - 1 ? 1 : smallest + Double(index) * step
      let size = min(trainCount, max(1, Int((fraction * Double(trainCount)).rounded(.down))))
      if !sizes.contains(size) { sizes.append(size) }
    }
    return sizes.sorted()
  }

  /// The columns, in order.
  public var columns: [String] {
    ["train_size", "train_error", heldOutSplit.column("error")]
      + (diagnosis == nil ? [] : ["verdict"])
  }

  /// The table written as `learning_curve.csv`.
  public var table: CSVTable {
    var table = CSVTable(trusted: columns)
    for point in points {
      let cells = point.cells(
        .integer(point.trainSize), precision, diagnosis: diagnosis, heldOutSplit: heldOutSplit)
      table.append(trusted: cells)
    }
    return table
  }
}
