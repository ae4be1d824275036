import Conventions

/// How `runner diff` compares two results files.
///
/// Two numeric cells `old` (from A) and `new` (from B) agree when
/// `|new − old| ≤ atol + rtol·|old|` (numpy's `isclose` with A as the reference), with `rtol`
/// replaced by the column's own tolerance when one is given. NaN agrees only with NaN, an
/// infinity only with the same infinity. Two whole numbers (`CSVCell.integer(from:)`) are
/// compared exactly as integers, not as doubles (a 64-bit seed does not fit one), and in a seed
/// column (`JSONValue.isSeed`: `seed`, `*.seed`, `*_seed`) they must be equal whatever the
/// tolerance. Other cells agree when their text is identical.
/// The defaults (atol = rtol = 0) demand equal values; `1.0` and `1` are equal.
public struct DiffOptions: Sendable, Equatable {
  /// The absolute tolerance (`--atol`).
  public var absoluteTolerance: Double
  /// The relative tolerance (`--rtol`).
  public var relativeTolerance: Double
  /// Per-column relative tolerances (`--tol column=rtol`), replacing `relativeTolerance`.
  public var columnTolerances: [String: Double]
  /// Key columns to match rows by (`--key`); empty means detect them (see `keyColumns(for:)`).
  public var keyColumns: [String]
  /// Columns left out of the comparison (`--ignore`).
  public var ignoredColumns: Set<String>
  /// Compare timing columns and `timings.csv` too (`--include-timings`).
  public var includeTimings: Bool
  /// The most cell changes listed per file in the rendered report (all are counted).
  public var maxListedChanges: Int
  /// One-sided columns (`--better higher:dev_accuracy`): a change in the better direction
  /// beyond tolerance is an improvement (listed, and it passes); only the other way fails.
  public var better: [String: BetterDirection] = [:]
  /// When not empty, only these columns are compared (`--only`), besides the key columns.
  public var onlyColumns: Set<String> = []
  /// Relative tolerance on the iteration count of runs that converged (`ConvergedIterations`);
  /// nil compares iteration counts exactly.
  public var convergedIterationTolerance: Double?

  /// Options; the defaults compare exactly and ignore timings.
  public init(
    absoluteTolerance: Double = 0, relativeTolerance: Double = 0,
    columnTolerances: [String: Double] = [:],
    keyColumns: [String] = [], ignoredColumns: Set<String> = [], includeTimings: Bool = false,
    maxListedChanges: Int = 50, convergedIterationTolerance: Double? = nil
  ) {
    self.convergedIterationTolerance = convergedIterationTolerance
    self.absoluteTolerance = absoluteTolerance
    self.relativeTolerance = relativeTolerance
    self.columnTolerances = columnTolerances
    self.keyColumns = keyColumns
    self.ignoredColumns = ignoredColumns
    self.includeTimings = includeTimings
    self.maxListedChanges = maxListedChanges
  }

  /// Key columns that identify a row, tried in this order when no `--key` is given: the first
  /// all present in both files are the key; without any, rows are matched by position. `key`
  /// names the rows of the key,value records (`sweep.csv`, `data_files.csv`).
  public static let knownKeys = [
    ["step", "statistic", "feature"], ["trial"], ["trial_id"], ["step"], ["iteration"], ["epoch"],
    ["train_size"], ["phase"], ["actual"], ["key"],
  ]

  /// The key columns for two headers: the `--key` columns, else the first known key in both
  /// (`preprocessing.csv`'s rows: a step's statistic of a feature).
  public func keyColumns(a: [String], b: [String]) -> [String] {
    if !keyColumns.isEmpty { return keyColumns }
    return Self.knownKeys.first { $0.allSatisfy { a.contains($0) && b.contains($0) } } ?? []
  }

  /// True for columns holding wall-clock times: `seconds`, `*_seconds`, `*_time`, `wall_*`,
  /// `elapsed*`, `duration*`.
  public static func isTimingColumn(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower == "seconds" || lower.hasSuffix("_seconds") || lower.hasSuffix("_time")
      || lower == "time"
      || lower.hasPrefix("wall_") || lower.hasPrefix("elapsed") || lower.hasPrefix("duration")
  }

  /// Whether `column` takes part in the comparison.
  func compares(_ column: String) -> Bool {
    if !onlyColumns.isEmpty && !onlyColumns.contains(column) { return false }
    return !ignoredColumns.contains(column) && (includeTimings || !Self.isTimingColumn(column))
  }

  /// These options for the files of trials paired by `pairing`: `seed` left out when the
  /// trials derive their seeds from their IDs, which differ between the versions
  /// (`SweepPairing.derivesSeed`).
  func leavingOutDerivedSeed(of pairing: SweepPairing?) -> DiffOptions {
    guard pairing?.derivesSeed == true else { return self }
    var options = self
    options.ignoredColumns.insert("seed")
    return options
  }

  /// Whether two cells agree under these options.
  func agree(_ old: String, _ new: String, column: String) -> Bool {
    if old == new { return true }
    // Whole numbers exactly: a 64-bit seed does not fit a Double, and a seed is an identifier.
    if let a = CSVCell.integer(from: old), let b = CSVCell.integer(from: new) {
      if a == b { return true }
      if JSONValue.isSeed(column) { return false }
      let rtol = columnTolerances[column] ?? relativeTolerance
      // (`distance(to:)` traps beyond Int's range; 128-bit subtraction of two 64-bit cells
      // cannot overflow, and beyond that the Doubles' gap is exact enough to judge.)
      let (gap, overflow) = b.subtractingReportingOverflow(a)
      let size = overflow ? abs(Double(b) - Double(a)) : Double(gap.magnitude)
      return size <= absoluteTolerance + rtol * Double(a.magnitude)
    }
    guard let a = CSVCell.number(from: old), let b = CSVCell.number(from: new) else { return false }
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    let rtol = columnTolerances[column] ?? relativeTolerance
    return Self.within(abs(b - a), absoluteTolerance + rtol * abs(a), of: a, b)
  }

  /// Whether `gap`, the difference of `a` and `b`, is within `bound`; a bound above 0 is
  /// passed by four ulps of the operands at most, the rounding of their subtraction (tester
  /// BG: 1.1 − 1.0 is 0.10000000000000009, which --atol 0.1 failed while printing delta 0.1).
  static func within(_ gap: Double, _ bound: Double, of a: Double, _ b: Double) -> Bool {
    gap <= bound || (bound > 0 && gap <= bound + 4 * max(abs(a), abs(b)).ulp)
  }
}

/// Which way a one-sided column (`--better`) improves.
public enum BetterDirection: String, Sendable, Equatable {
  /// Larger values are better (accuracy, f1, r2).
  case higher
  /// Smaller values are better (loss, error, mse).
  case lower

  /// Whether `new` is better than `old` in this direction (numbers only).
  func improves(_ old: String, _ new: String) -> Bool {
    guard let a = CSVCell.number(from: old), let b = CSVCell.number(from: new), !a.isNaN,
      !b.isNaN
    else { return false }
    return self == .higher ? b > a : b < a
  }
}

extension DiffOptions {
  /// Parses a `--better` value `higher:COLUMN` or `lower:COLUMN`, e.g. `higher:dev_accuracy`.
  public static func betterColumn(_ text: String) throws(DiffError) -> (
    column: String, direction: BetterDirection
  ) {
    guard let colon = text.firstIndex(of: ":"),
      let direction = BetterDirection(rawValue: String(text[..<colon])),
      text.index(after: colon) != text.endIndex
    else {
      throw .badOption(
        "--better expects higher:COLUMN or lower:COLUMN (e.g. higher:dev_accuracy), got '\(text)'")
    }
    return (String(text[text.index(after: colon)...]), direction)
  }

  /// Parses a `--tol` value `column=rtol`, e.g. `test_loss=1e-6`.
  public static func columnTolerance(_ text: String) throws(DiffError) -> (
    column: String, rtol: Double
  ) {
    guard let equals = text.lastIndex(of: "="), equals != text.startIndex else {
      throw .badOption("--tol expects column=rtol (e.g. test_loss=1e-6), got '\(text)'")
    }
    let column = String(text[..<equals])
    guard let rtol = CSVCell.number(from: String(text[text.index(after: equals)...])), rtol >= 0,
      rtol.isFinite
    else {
      throw .badOption(
        "--tol \(column)=…: the tolerance must be a number ≥ 0, got '\(text[text.index(after: equals)...])'"
      )
    }
    return (column, rtol)
  }
}
