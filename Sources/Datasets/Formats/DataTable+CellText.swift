import Conventions
import Foundation

/// The text of one cell: the number grammar numpy and pandas share, missing-value tokens, and
/// why a cell is not a number.
extension DataTable {
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

  /// Whether `cell` is text: not a number, and no spelling of a number or of a missing value
  /// (`knownNumberProblem`: `12kg`, `NA`, `none`, an empty cell); a word, a date, an ID.
  static func isText(_ cell: String) -> Bool {
    finiteNumber(cell) == nil && knownNumberProblem(cell, trimmingSpaces(cell)) == nil
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
    // `nan` is pandas' missing value before it is a non-finite number: same remedy as `NA`.
    if missingValues.contains(String(trimmed)) {
      return "\(shown) is a missing value (pandas.read_csv reads it as NaN): remove the row or "
        + "fill in the value"
    }
    if let v = Double(trimmed), !v.isFinite {
      return "\(shown) is not a finite number (NaN and infinity are not allowed)"
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
