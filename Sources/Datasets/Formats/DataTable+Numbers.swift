import Conventions
import Foundation

/// Numeric columns: every cell a finite number, and what a column of text or a bad cell is told.
extension DataTable {
  /// What numeric columns are read as, which decides what to do about a column of text.
  public enum NumericUse: Sendable {
    /// Features: a text column is encoded as numbers or left out of `features`.
    case features
    /// A regression's targets: a column of names is a classification's target.
    case regressionTarget
  }

  /// The named columns as a `(rows, columns)` float64 array; every cell must be a finite number.
  /// `use` says what to do about a column of text.
  public func numericColumns(_ names: [String], as use: NumericUse = .features) throws -> NDArray {
    // One lookup table, not a scan of the header per name (a million columns is one line).
    let position = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: min)
    let indices = try names.map { try position[$0] ?? columnIndex($0, besides: names) }
    var values = [Double](repeating: 0, count: rows.count * indices.count)
    for (r, row) in rows.enumerated() {
      for (c, k) in indices.enumerated() {
        guard let value = Self.finiteNumber(row[k]) else {
          throw badCells(in: indices, from: r * indices.count + c, use: use)
        }
        values[r * indices.count + c] = value
      }
    }
    return NDArray(
      checkedShape: [rows.count, indices.count], storage: .float64(values), origin: origin)
  }

  /// The error for the cell at `start` (counting row by row over the columns at `indices`),
  /// the first that is not a number: it names that cell, then lists the next bad ones
  /// (`MorePlaces`), so that one run shows every cell to fix. Called only once a cell failed.
  /// Columns of text (`isTextColumn`) are named once, with what to do for `use`, and their
  /// cells are not listed.
  func badCells(in indices: [Int], from start: Int, use: NumericUse) -> DataError {
    var seen = Set<Int>()
    let text = indices.filter { seen.insert($0).inserted && isTextColumn($0) }
    if !text.isEmpty { return textColumns(text, among: indices, use: use) }
    let width = indices.count
    let rest = (start + 1..<rows.count * width).lazy.filter {
      Self.finiteNumber(rows[$0 / width][indices[$0 % width]]) == nil
    }
    let first = badCell(start, in: indices)
    return DataError.invalidValues(
      file: origin, location: first.location,
      reason: first.reason + badCellListing(rest, in: indices))
  }

  /// Where the cell at `flat` (counting row by row over the columns at `indices`) is, and why
  /// it is not a number.
  func badCell(_ flat: Int, in indices: [Int]) -> (location: String, reason: String) {
    let (r, k) = (flat / indices.count, indices[flat % indices.count])
    return (
      "line \(lines[r]), column '\(header[k].oneLineShort)'",
      Self.numberProblem(rows[r][k], Self.trimmingSpaces(rows[r][k]))
    )
  }

  /// The listing (`MorePlaces`) of the bad cells at `rest`, counted as in `badCell`.
  func badCellListing(_ rest: some Collection<Int>, in indices: [Int]) -> String {
    MorePlaces.listing(rest, ("bad cell", "bad cells")) {
      let cell = badCell($0, in: indices)
      return "\(cell.location): \(cell.reason)"
    }
  }

  /// Whether column `k` holds text rather than numbers: more cells that are words (`isWord`)
  /// than numbers, and at least two different words (one token down a column of numbers marks
  /// missing values; it does not name categories).
  func isTextColumn(_ k: Int) -> Bool {
    var (words, numbers) = (0, 0)
    var distinct = Set<Substring>()
    for row in rows {
      if Self.finiteNumber(row[k]) != nil {
        numbers += 1
      } else if Self.isWord(row[k]) {
        words += 1
        if distinct.count < 2 { distinct.insert(Self.trimmingSpaces(row[k])) }
      }
    }
    return distinct.count >= 2 && words > numbers
  }

  /// The error for the columns of text `text` among the numeric columns at `indices`: it names
  /// them with a few of their words and what to do for `use`, then lists the bad cells of the
  /// other columns.
  func textColumns(_ text: [Int], among indices: [Int], use: NumericUse) -> DataError {
    let width = indices.count
    let names = text.prefix(5).map { "'\(header[$0].oneLineShort)'" }.joined(separator: ", ")
    let location =
      (text.count == 1 ? "column " : "columns ") + names
      + (text.count > 5 ? " and \(text.count - 5) more" : "")
    // Up to three words: three of one column, or the first of each of several.
    var examples: [String] = []
    for k in text.prefix(3) {
      var words: [String] = []
      for row in rows where Self.isWord(row[k]) && !words.contains(row[k]) {
        words.append(row[k])
        if words.count == (text.count == 1 ? 3 : 1) { break }
      }
      examples += words.map { "'\($0.oneLineShort)'" }
    }
    let remedy: String
    switch use {
    case .features:
      remedy =
        (text.count == 1
          ? "a text column is categorical: encode it as numbers in the file (one 0/1 column "
            + "per value, as pandas.get_dummies does) or leave it out of `features`"
          : "text columns are categorical: encode them as numbers in the file (one 0/1 column "
            + "per value, as pandas.get_dummies does) or leave them out of `features`")
        + " (unless `features` is given, every column but the target is a feature)"
    case .regressionTarget:
      remedy =
        "a regression's target is a number; a column of class names is a classification's "
        + "target (train a logreg, or use a classification loss such as cross_entropy)"
    }
    let other = Set(text)
    let rest = (0..<rows.count * width).lazy.filter {
      let k = indices[$0 % width]
      return !other.contains(k) && Self.finiteNumber(self.rows[$0 / width][k]) == nil
    }
    return DataError.invalidValues(
      file: origin, location: location,
      reason: "text, not numbers (e.g. \(examples.joined(separator: ", ")))\nhelp: \(remedy)"
        + badCellListing(rest, in: indices))
  }
}
