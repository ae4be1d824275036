/// One value in a results CSV, printed deterministically: the same value always gives the same text.
///
/// - `Double` and `Float` print their shortest round-trip text (Swift's `description`):
///   `0.1`, `1e-05`, `100.0`, `-0.0`; a `Float` prints as a `Float` (`Float(0.1)` is `0.1`, not
///   `0.10000000149011612`), so a float32 run and a float64 run differ only where their values do.
/// - Non-finite numbers print as `nan`, `inf` and `-inf` (what numpy and pandas read back).
/// - Integers print as integers (`207`), text as itself, and `empty` as an empty field.
public enum CSVCell: Sendable, Hashable {
  /// An absent value (an empty field), e.g. a split that was not evaluated at this step.
  case empty
  /// Free text, quoted by the writer when needed.
  case text(String)
  /// An integer count or index.
  case integer(Int)
  /// A float64 value.
  case double(Double)
  /// A float32 value (printed with float32's shortest round-trip text).
  case float(Float)

  /// The field's text, before CSV quoting.
  public var text: String {
    switch self {
    case .empty: return ""
    case .text(let string): return string
    case .integer(let value): return String(value)
    case .double(let value): return CSVCell.format(value)
    case .float(let value): return CSVCell.format(value)
    }
  }

  /// The deterministic text of a float64 value: `nan`, `inf`, `-inf` or the shortest round-trip digits.
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return value.description
  }

  /// The deterministic text of a float32 value: `nan`, `inf`, `-inf` or the shortest round-trip digits.
  public static func format(_ value: Float) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return value.description
  }

  /// Reads a number printed by `format` (or any decimal or exponent notation): `nil` when `text`
  /// is not a number. Accepts `nan`, `inf`, `-inf`, `+inf` in any letter case.
  public static func number(from text: String) -> Double? {
    let trimmed = text.trimmingSpaces
    if trimmed.isEmpty { return nil }
    switch trimmed.lowercased() {
    case "nan", "-nan", "+nan": return .nan
    case "inf", "+inf", "infinity", "+infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    default: break
    }
    guard let first = trimmed.unicodeScalars.first,
      first == "-" || first == "+" || first == "." || ("0"..."9").contains(first)
    else { return nil }
    guard let value = Double(trimmed), value.isFinite else { return nil }
    return value
  }
}

extension CSVCell: ExpressibleByStringLiteral {
  /// Lets a string literal stand for a `.text` cell.
  public init(stringLiteral value: String) { self = .text(value) }
}

extension CSVCell: ExpressibleByIntegerLiteral {
  /// Lets an integer literal stand for an `.integer` cell.
  public init(integerLiteral value: Int) { self = .integer(value) }
}

extension CSVCell: ExpressibleByFloatLiteral {
  /// Lets a float literal stand for a float64 (`.double`) cell.
  public init(floatLiteral value: Double) { self = .double(value) }
}

extension CSVCell: CustomStringConvertible {
  /// The field's text before CSV quoting (the same as `text`).
  public var description: String { text }
}

extension CSVCell {
  /// A float64 value, or `empty` when `value` is nil.
  public static func optional(_ value: Double?) -> CSVCell {
    value.map(CSVCell.double) ?? .empty
  }

  /// A value computed in `precision`, printed as that type: a float32 run's figures (held as
  /// `Double` after an exact widening) print as `0.1`, not `0.10000000149011612`.
  public static func number(_ value: Double, _ precision: NumberPrecision) -> CSVCell {
    precision == .float32 ? .float(Float(value)) : .double(value)
  }

  /// `number(_:_:)`, or `empty` when `value` is nil.
  public static func optional(_ value: Double?, _ precision: NumberPrecision) -> CSVCell {
    value.map { number($0, precision) } ?? .empty
  }
}

/// The floating-point type figures were computed in (the spec's `dtype`), which decides how
/// they print.
public enum NumberPrecision: String, Sendable, Equatable {
  /// float64: Double's shortest round-trip text.
  case float64
  /// float32: Float's shortest round-trip text.
  case float32

  /// `value` as it prints in this precision: rounded to the nearest `Float` for float32, so a
  /// figure derived from printed ones (a gap between two errors) is their difference.
  public func rounded(_ value: Double) -> Double {
    self == .float32 ? Double(Float(value)) : value
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
