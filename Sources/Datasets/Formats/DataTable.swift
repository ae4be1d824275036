import Conventions
import Foundation

/// A CSV data file read with the runner's one RFC 4180 reader (`CSVTable`, blank lines
/// skipped): a header row naming the columns, then records of exactly as many fields, with
/// quoted fields, LF or CRLF line ends and a UTF-8 byte-order mark skipped. It remembers where it
/// came from so that errors name the file, line and column.
public struct DataTable: Sendable, Equatable {
  /// The parsed table.
  public let table: CSVTable
  /// The file (or label) the table came from.
  public let origin: String

  /// Column names from the header row.
  public var header: [String] { table.header }
  /// The records, each with `header.count` fields.
  public var rows: [[String]] { table.rows }
  /// The 1-based line on which each record starts (for error messages).
  public var lines: [Int] { table.lines }

  /// Reads and parses the CSV file at `path`, inflating it first when it is gzip-compressed
  /// (recognized by its magic number, whatever the file's name).
  public static func read(_ path: String) throws -> DataTable {
    try checkStart(path)
    let data = try FileBytes.readInflating(path)
    return try data.withUnsafeBytes { try parse($0, origin: path) }
  }

  /// Refuses a table with a NUL byte in its first 4 KiB (inflated) as `parse` would, at the
  /// first NUL, without reading the rest of the file (a large binary file is not read whole);
  /// a file it cannot open is left to the whole read, which names the problem.
  static func checkStart(_ path: String) throws {
    guard let stream = try? ByteStream(path: path) else { return }
    var head = [UInt8](repeating: 0, count: 4096)
    guard let count = try? head.withUnsafeMutableBytes({ try stream.read(into: $0) }),
      let nul = head.prefix(count).firstIndex(of: 0)
    else { return }
    try head[...nul].withUnsafeBytes { try TextCheck.check($0, origin: path) }
  }

  /// Parses CSV text.
  public static func parse(_ text: String, origin: String) throws -> DataTable {
    var copy = text
    return try copy.withUTF8 { try parse(UnsafeRawBufferPointer($0), origin: origin) }
  }

  /// Parses CSV bytes (UTF-8); a malformed table is a `DataError.malformed` naming `origin`.
  /// A NUL byte (binary data; `strtod` would read `1\0junk` as 1) or invalid UTF-8 is refused
  /// at its line, never repaired.
  public static func parse(_ bytes: UnsafeRawBufferPointer, origin: String) throws -> DataTable {
    try TextCheck.check(bytes, origin: origin)
    do {
      return DataTable(table: try CSVTable(parsing: bytes, blankLines: .skipped), origin: origin)
    } catch {
      throw DataError.malformed(
        file: origin, location: error.location,
        reason: error.reason + (otherSeparator(bytes).map(Self.separatorHint) ?? ""))
    }
  }

  /// `;` or a tab when the header line holds one of them and no comma (a semicolon- or
  /// tab-separated export, which a comma reader sees as one column).
  static func otherSeparator(_ bytes: UnsafeRawBufferPointer) -> String? {
    let line = bytes.prefix(65536).prefix { $0 != 0x0A }
    guard !line.contains(0x2C) else { return nil }
    return line.contains(0x3B) ? ";" : line.contains(0x09) ? "\t" : nil
  }

  /// What to do about a table separated by `separator` instead of commas.
  static func separatorHint(_ separator: String) -> String {
    "; the header looks \(separator == ";" ? "semicolon" : "tab")-separated, but tables are read "
      + "comma-separated: convert the file to CSV with commas"
  }

  /// The index of column `name`; the error lists the columns that exist and names the one a
  /// typo most likely meant (`Target` for `target`).
  public func columnIndex(_ name: String) throws -> Int {
    guard let k = header.firstIndex(of: name) else {
      // One column whose name holds another separator: a semicolon- or tab-separated file.
      let separator = header.count == 1 ? [";", "\t"].first { header[0].contains($0) } : nil
      // Not for a one-letter name, which is one letter off every other one-letter column.
      let guess = name.closest(among: header).flatMap {
        name.lowercased().editDistance(to: $0.lowercased()) < name.count
          ? "; did you mean '\($0.oneLineShort)'?" : nil
      }
      throw DataError.invalidConfiguration(
        "\(origin): no column named '\(name)'; columns: \(header.map { "'\($0.oneLineShort)'" }.joined(separator: ", "))"
          + (guess ?? "") + (separator.map(Self.separatorHint) ?? ""))
    }
    return k
  }

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
    let indices = try names.map { try position[$0] ?? columnIndex($0) }
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

  /// A categorical column as class indices and the class names they stand for.
  ///
  /// Integer-valued columns (`0, 1, 2`) keep their values as indices, with no names (nil: a
  /// label 999999999999 names no million-entry list); other columns map their distinct values
  /// in sorted order to `0..<k` (as scikit-learn's `LabelEncoder`), and the mapping is returned
  /// so it can be recorded.
  /// A numeric column with a fractional value (`0.5`) is refused: it is neither a class index
  /// nor a class name, and reading it as a third class would make the loss take the blame.
  /// A missing-value token (`NA`, `NULL`, `nan`; `missingValues`) is refused as a label unless
  /// `classes` (the spec's `dataset.classes`) lists it as a class name.
  public func categoricalColumn(_ name: String, classes listed: [String]? = nil) throws -> (
    indices: [Int], classes: [String]?
  ) {
    let k = try columnIndex(name)
    let cells = rows.map { String(Self.trimmingSpaces($0[k])) }
    /// The error for the labels at which `isBad` holds, when there is one: it names the first
    /// (`reason`) and lists the next ones by line.
    func refuse(where isBad: @escaping (Int) -> Bool, because reason: (Int) -> String) throws {
      let bad = cells.indices.lazy.filter(isBad)
      guard let first = bad.first else { return }
      throw DataError.invalidValues(
        file: origin, location: "line \(lines[first]), column '\(name.oneLineShort)'",
        reason: reason(first)
          + MorePlaces.listing(bad.dropFirst(), ("such label", "such labels")) {
            "line \(lines[$0]): " + (cells[$0].isEmpty ? "empty" : "'\(cells[$0].oneLineShort)'")
          })
    }
    // Empty and missing labels together, in line order.
    let named = Set(listed ?? [])
    try refuse(
      where: {
        cells[$0].isEmpty || (Self.missingValues.contains(cells[$0]) && !named.contains(cells[$0]))
      },
      because: {
        cells[$0].isEmpty
          ? "empty label"
          : "label '\(cells[$0].oneLine)' is a missing value (pandas.read_csv reads it "
            + "as NaN): remove the row or fill in its label; if it is a class name, list it in "
            + "dataset.classes"
      })
    // A missing-value token listed in `classes` (`nan`) is a name, not a number.
    let numbers = cells.map { named.contains($0) ? nil : Double($0) }
    if numbers.allSatisfy({ $0 != nil }) {
      // Numbers the table's grammar refuses (`nan`, `0x1`) are neither read nor made names.
      try refuse(
        where: { !Self.isDecimal(cells[$0][...]) },
        because: { "label " + Self.numberProblem(cells[$0], cells[$0][...]) })
      try refuse(
        where: { !numbers[$0]!.isFinite || numbers[$0]! != numbers[$0]!.rounded() },
        because: {
          "label \(cells[$0]) is not a class: a classifier's labels are integers "
            + "0..k-1 or names (for a real-valued target, make the task a regression)"
        })
    }
    let integers = cells.map { Int($0) ?? Double($0).flatMap { Int(exactly: $0) } }
    if integers.allSatisfy({ $0 != nil }) {
      let values = integers.map { $0! }
      try refuse(
        where: { values[$0] < 0 },
        because: { "label \(values[$0]) out of range: class indices start at 0" })
      // The bound array files have (`NDArray.classIndices`): no label makes 2³¹ classes.
      try refuse(
        where: { values[$0] >= Int(Int32.max) },
        because: {
          "label \(cells[$0]) out of range: class indices are below \(Int32.max) "
            + "(labels are class indices 0 to k−1, or names)"
        })
      return (values, nil)
    }
    // A few names among class indices (`0, 1, abc`) are strays, not classes, unless listed.
    let indices = Set(integers.compactMap { $0 }).sorted()
    if listed == nil, integers.count(where: { $0 != nil }) * 2 > cells.count {
      let shown = indices.prefix(5).map(String.init).joined(separator: ", ")
      try refuse(
        where: { integers[$0] == nil },
        because: {
          "label '\(cells[$0].oneLineShort)' is not a class index like the other labels "
            + "(\(shown)\(indices.count > 5 ? ", …" : "")): fix or remove the row, or if it is a "
            + "class, name every class in dataset.classes"
        })
    }
    let classes = Array(Set(cells)).sorted()
    let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    return (cells.map { index[$0]! }, classes)
  }

  /// pandas.read_csv's default missing-value tokens (its `na_values`, less the empty cell),
  /// which it reads as NaN: a label or number written so is a missing value, not a value.
  public static let missingValues: Set<String> = [
    "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>",
    "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
  ]

  /// The number in a numeric cell. The grammar is the one numpy.loadtxt and pandas.read_csv
  /// both read the same way: after trimming spaces and tabs, `[+-]? (digits [. digits] |
  /// . digits) ([eE] [+-]? digits)?`, a decimal point and no digit separators; a number beyond
  /// float64's range, `nan`/`inf` in any spelling, a hexadecimal float (`0x1p3`), a comma
  /// (`1,5`, `1,000`) and digit separators (`1_000`) are refused at the cell, never misread.
  /// (nil: `numberProblem` says why).
  @inline(__always)
  static func finiteNumber(_ cell: String) -> Double? {
    let trimmed = trimmingSpaces(cell)
    guard isDecimal(trimmed), let v = Double(trimmed), v.isFinite else { return nil }
    return v
  }

  /// Whether `text` is a decimal number in the grammar of `finiteNumber(_:)`.
  static func isDecimal(_ text: Substring) -> Bool {
    var bytes = text.utf8[...]
    func digits() -> Int {
      let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
      bytes = bytes.dropFirst(count)
      return count
    }
    if bytes.first == 0x2B || bytes.first == 0x2D { bytes = bytes.dropFirst() }
    var mantissa = digits()
    if bytes.first == 0x2E {
      bytes = bytes.dropFirst()
      mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if bytes.first == 0x65 || bytes.first == 0x45 {
      bytes = bytes.dropFirst()
      if bytes.first == 0x2B || bytes.first == 0x2D { bytes = bytes.dropFirst() }
      guard digits() > 0 else { return false }
    }
    return bytes.isEmpty
  }

  /// Why `cell` (`trimmed` without its spaces) is not a number the table reads.
  static func numberProblem(_ cell: String, _ trimmed: Substring) -> String {
    knownNumberProblem(cell, trimmed)
      ?? "'\(cell.oneLineShort)' is not a number: fix the cell or remove its row"
  }

  /// Whether `cell`, not a number, is a word: it has a letter, and it is no spelling of a
  /// number or of a missing value (`knownNumberProblem`: `12kg`, `NA`, `none`).
  static func isWord(_ cell: String) -> Bool {
    let trimmed = trimmingSpaces(cell)
    return trimmed.contains(where: \.isLetter) && finiteNumber(cell) == nil
      && knownNumberProblem(cell, trimmed) == nil
  }

  /// Why `cell` is not a number when it is a near miss (empty, out of range, NaN, a missing
  /// value, hexadecimal, with a comma or digit separators, with a unit); nil for any other text.
  static func knownNumberProblem(_ cell: String, _ trimmed: Substring) -> String? {
    let shown = "'\(cell.oneLineShort)'"
    if trimmed.isEmpty {
      return "empty cell where a number is expected: fill it in or remove its row"
    }
    if isDecimal(trimmed) {
      return "\(shown) is beyond float64's range (±1.8e308); rescale the column"
    }
    if let v = Double(trimmed), !v.isFinite {
      return "\(shown) is not a finite number (NaN and infinity are not allowed)"
    }
    if missingValues.contains(String(trimmed)) {
      return "\(shown) is a missing value (pandas.read_csv reads it as NaN): remove the row or "
        + "fill in the value"
    }
    let lower = trimmed.lowercased()
    if missingMarkers.contains(lower) {
      return "\(shown) marks a missing value: remove the row or fill in the value"
    }
    if lower.contains("0x") {
      return "\(shown) is a hexadecimal number, which numpy.loadtxt and pandas.read_csv do "
        + "not read; write it in decimal"
    }
    if trimmed.contains(","), isDecimal(Substring(trimmed.replacingOccurrences(of: ",", with: "")))
    {
      return "\(shown) has a comma (a decimal comma or a thousands separator); write numbers "
        + "with a decimal point and no separators"
    }
    if trimmed.contains("_"), isDecimal(Substring(trimmed.replacingOccurrences(of: "_", with: "")))
    {
      return "\(shown) has digit separators; write the digits alone, e.g. "
        + "'\(trimmed.replacingOccurrences(of: "_", with: ""))'"
    }
    if let (number, unit) = numberWithUnit(trimmed) {
      let fraction = "\(Double(number)! / 100)"
      let as100 = fraction.hasSuffix(".0") ? String(fraction.dropLast(2)) : fraction
      return unit == "%"
        ? "\(shown) is a percentage: write the number alone, as \(number)"
          // (0% is 0 either way.)
          + (Double(number) == 0 ? "" : " or as \(as100)")
          + " (whichever the column means, the same in every cell)"
        : "\(shown) is a number with a unit: write the number alone (e.g. '\(number)'), in "
          + "the same unit in every cell"
    }
    return nil
  }

  /// Spellings of a missing value besides pandas' (`missingValues`), lowercased: the UCI
  /// repository's `?`, a dash, a dot, and words. Only numeric cells are checked against them
  /// (as labels, `none` or `unknown` may be class names).
  static let missingMarkers: Set<String> = [
    "?", "??", "-", "--", "---", ".", "na", "n/a", "n.a.", "none", "null", "nil",
    "missing", "unknown",
  ]

  /// The number and its unit when `trimmed` is a decimal number with a unit: a currency sign
  /// before it (`$3`, `-$3`), or after it `%`, `°`, a currency sign or up to 5 letters (`12kg`,
  /// `3 cm`, `37.5°C`, `60 km/h`, `3 m²`); nil otherwise.
  static func numberWithUnit(_ trimmed: Substring) -> (number: Substring, unit: Substring)? {
    func isCurrency(_ c: Character) -> Bool {
      c.unicodeScalars.first?.properties.generalCategory == .currencySymbol
    }
    var text = trimmed
    let sign = text.first == "-" || text.first == "+" ? text.prefix(1) : ""
    if let currency = text.dropFirst(sign.count).first, isCurrency(currency) {
      let number = trimmingSpaces(String(text.dropFirst(sign.count + 1)))
      guard isDecimal(number), sign.isEmpty || !"+-".contains(number.first ?? " ") else {
        return nil
      }
      return (sign.isEmpty ? number : Substring(String(sign) + number), Substring(String(currency)))
    }
    let unit = text.reversed().prefix { !("0"..."9").contains($0) && $0 != "." && $0 != " " }
    text = text.dropLast(unit.count)
    let number = trimmingSpaces(String(text))
    let isUnit =
      unit.count == 1 && ("%‰°".contains(unit.first!) || isCurrency(unit.first!))
      || (1...5).contains(unit.count)
        && unit.allSatisfy { $0.isLetter || "°/²³".contains($0) }
        && unit.contains(where: \.isLetter)
    guard isUnit, isDecimal(number) else { return nil }
    return (number, Substring(String(unit.reversed())))
  }

  /// `cell` without leading and trailing spaces and tabs (Unicode space separators), as
  /// `trimmingCharacters(in: .whitespaces)` gives, without bridging every cell to NSString.
  static func trimmingSpaces(_ cell: String) -> Substring {
    let utf8 = cell.utf8
    if let first = utf8.first, let last = utf8.last, (0x21..<0x80).contains(first),
      (0x21..<0x80).contains(last)
    {
      return cell[...]
    }
    func isSpace(_ c: Character) -> Bool {
      c == "\t" || c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .spaceSeparator }
    }
    guard let start = cell.firstIndex(where: { !isSpace($0) }),
      let end = cell.lastIndex(where: { !isSpace($0) })
    else { return cell[cell.endIndex...] }
    return cell[start...end]
  }
}
