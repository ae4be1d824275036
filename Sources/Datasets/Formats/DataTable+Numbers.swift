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
    if let last = header.indices.last, header[last].isEmpty, indices.contains(last),
      rows.allSatisfy({ Self.trimmingSpaces($0[last]).isEmpty })
    {
      return DataError.invalidValues(
        file: origin, location: nil,
        reason: "every line ends with a comma (an empty last column with no name): remove the "
          + "trailing commas, or name the columns to read in `features:`")
    }
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
      reason: first.reason + missingValueSummary(in: indices, cells: rest.count + 1)
        + badCellListing(rest, in: indices))
  }

  /// Missing values (empty cells, `NA`, …) counted per column when the `cells` bad cells are
  /// more than the listing shows, so they are not buried in its `and N more` (a Titanic-like
  /// table: `Age` in 177 rows, `Cabin` in 687), with what to do; empty when the listing shows
  /// every bad cell or no column misses more than one value.
  func missingValueSummary(in indices: [Int], cells: Int) -> String {
    guard cells > MorePlaces.listed + 1 else { return "" }
    var seen = Set<Int>()
    let counts = indices.filter { seen.insert($0).inserted }.map { k in
      (
        k,
        rows.count { row in
          let trimmed = Self.trimmingSpaces(row[k])
          return trimmed.isEmpty || Self.missingValues.contains(String(trimmed))
        }
      )
    }.filter { $0.1 > 0 }
    guard counts.contains(where: { $0.1 > 1 }) else { return "" }
    let listed = counts.prefix(5).map {
      "'\(header[$0.0].oneLineShort)' in \($0.1) of \(rows.count) rows"
    }
    let more = counts.count > 5 ? " and \(counts.count - 5) more columns" : ""
    return "\nhelp: missing values (empty cells or NA) in " + listed.joined(separator: ", ") + more
      + ": fill them in the file (pandas: df.fillna(df.mean())) or drop their rows "
      + "(df.dropna()), or leave a column that misses most of its values out of `features`"
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

  /// Whether column `k` holds text rather than numbers: more cells that are words (`isText`,
  /// with a letter) than numbers, and at least two different words (one token down a column
  /// of numbers marks missing values; it does not name categories); or no number at all and
  /// two different texts: dates, ID strings (`2020-01-01`, `A-17`); or IDs that are numbers or
  /// words, a fifth of them or more words that mostly differ (Titanic's tickets, `113803` and
  /// `A/5 21171`), which a few repeated missing-value tokens are not.
  func isTextColumn(_ k: Int) -> Bool {
    var (words, numbers) = (0, 0)
    var (distinct, texts) = (Set<Substring>(), Set<Substring>())
    for row in rows {
      if Self.finiteNumber(row[k]) != nil {
        numbers += 1
      } else if Self.isText(row[k]) {
        let trimmed = Self.trimmingSpaces(row[k])
        if texts.count < 2 { texts.insert(trimmed) }
        guard trimmed.contains(where: \.isLetter) else { continue }
        words += 1
        distinct.insert(trimmed)
      }
    }
    let ids = distinct.count >= 3 && 4 * words >= numbers && 2 * distinct.count >= words
    return distinct.count >= 2 && words > numbers || numbers == 0 && texts.count >= 2 || ids
  }

  /// Whether text column `k` names categories: its texts have letters, and they repeat unless
  /// there are few (more than 20 different texts in more than half its text cells are no
  /// categories). Dates, IDs and free text do not, nor do IDs among numbers (tickets).
  func isCategorical(_ k: Int) -> Bool {
    let cells = rows.lazy.filter { Self.isText($0[k]) }.map { Self.trimmingSpaces($0[k]) }
    let texts = Set(cells)
    return texts.contains { $0.contains(where: \.isLetter) }
      && (texts.count <= 20 || texts.count * 2 <= cells.count)
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
      for row in rows where Self.isText(row[k]) && !words.contains(row[k]) {
        words.append(row[k])
        if words.count == (text.count == 1 ? 3 : 1) { break }
      }
      examples += words.map { "'\($0.oneLineShort)'" }
    }
    let remedy: String
    switch use {
    case .features:
      // Categories to encode, and dates, IDs or free text to leave out or convert; when both
      // kinds are there, the columns of each are named.
      let categorical = text.filter(isCategorical)
      let other = text.filter { !isCategorical($0) }
      let mixed = !categorical.isEmpty && !other.isEmpty
      func subject(_ columns: [Int], all: (String, String), named: (String, String)) -> String {
        let one = columns.count == 1
        let names = columns.map { "'\(header[$0].oneLineShort)'" }.joined(separator: ", ")
        return mixed ? "\(names) \(one ? named.0 : named.1)" : one ? all.0 : all.1
      }
      func it(_ columns: [Int]) -> String { columns.count == 1 ? "it" : "them" }
      var parts: [String] = []
      if !categorical.isEmpty {
        let what = subject(
          categorical, all: ("a text column is", "text columns are"), named: ("is", "are"))
        parts.append(
          "\(what) categorical: encode \(it(categorical)) as numbers in the file (one 0/1 "
            + "column per value, as pandas.get_dummies does) or leave \(it(categorical)) out of "
            + "`features`")
      }
      if !other.isEmpty {
        let what = subject(
          other,
          all: (
            "a text column of dates, IDs or free text (its values hardly repeat) is no category",
            "text columns of dates, IDs or free text (their values hardly repeat) are no "
              + "categories"
          ),
          named: (
            "holds dates, IDs or free text (its values hardly repeat), not categories",
            "hold dates, IDs or free text (their values hardly repeat), not categories"
          ))
        parts.append(
          "\(what): leave \(it(other)) out of `features`, or convert "
            + "\(it(other)) to numbers in the file (a date as the days since a fixed date)")
      }
      // In the order of the columns named above.
      if mixed, other[0] == text[0] { parts.reverse() }
      remedy =
        parts.joined(separator: "; ")
        + " (unless `features` is given, every column but the target is a feature)"
    case .regressionTarget:
      // Only what trains on it: a regression model (linreg) takes no classification loss.
      let names = Set(rows.map { Self.trimmingSpaces($0[text[0]]) }).count
      remedy =
        "a regression's target is a number; a column of class names is a classification's "
        + "target: train model type logreg with loss "
        + (names > 2 ? "cross_entropy (\(names) classes)" : "binary_cross_entropy (two classes)")
    }
    let other = Set(text)
    let rest = (0..<rows.count * width).lazy.filter {
      let k = indices[$0 % width]
      return !other.contains(k) && Self.finiteNumber(self.rows[$0 / width][k]) == nil
    }
    return DataError.invalidValues(
      file: origin, location: location,
      reason: "text, not numbers (e.g. \(examples.joined(separator: ", ")))\nhelp: \(remedy)"
        + missingValueSummary(in: indices.filter { !other.contains($0) }, cells: rest.count)
        + badCellListing(rest, in: indices))
  }
}
