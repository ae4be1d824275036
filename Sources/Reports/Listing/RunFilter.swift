import Conventions
import Foundation

/// One `--where` condition of `runner ls`: `COLUMN OP VALUE` with OP one of `=`, `!=`, `~`
/// (contains, ignoring case), `!~` (does not contain), `<`, `<=`, `>`, `>=`. Two numbers
/// compare as numbers (`0.010` = `0.01`; `1e400` is `inf`, as float64 parsing makes it), other
/// values as text (ISO times order as text). A NaN compares false with every operator but `!=`
/// (true), as in pandas (`~nan` finds it). A blank cell (or a run without the column) is the
/// empty value: `COLUMN=` and `COLUMN~` keep it, `COLUMN!=` and `COLUMN!~` keep every other
/// run, and an ordering keeps none. A value in quotes (`status="ok"`) is the text inside them.
public struct RunFilter: Sendable, Equatable, CustomStringConvertible {
  /// How a value is compared.
  public enum Operation: String, Sendable, Equatable, CaseIterable {
    case notEqual = "!="
    case notContains = "!~"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case equal = "="
    case contains = "~"
    case less = "<"
    case greater = ">"

    /// Whether the operation orders values (`<`, `<=`, `>`, `>=`).
    public var orders: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }
  }

  /// The column compared (a fixed column, a parameter key path or a metric).
  public var column: String
  /// The comparison.
  public var operation: Operation
  /// The value compared with.
  public var value: String

  /// Parses `dev_accuracy>=0.9`, `name~cat`, `optimizer.type=adam`.
  public init(parsing text: String) throws(ListingError) {
    let operators = "=!~<>"
    guard let start = text.firstIndex(where: { operators.contains($0) }), start != text.startIndex
    else { throw .badFilter(text) }
    let rest = text[start...]
    guard
      let operation = Operation.allCases.first(where: { rest.hasPrefix($0.rawValue) })
    else { throw .badFilter(text) }
    column = text[..<start].trimmingSpaces
    self.operation = operation
    let written = rest.dropFirst(operation.rawValue.count).trimmingSpaces
    value = Self.unquoted(written)
    if column.isEmpty { throw .badFilter(text) }
    let runOn = written.prefix { operators.contains($0) }
    if !runOn.isEmpty {
      let typed = operation.rawValue + runOn
      let meant = Self.meant[typed].map {
        column + $0 + Self.unquoted(written.dropFirst(runOn.count).trimmingSpaces)
      }
      throw .runOnOperator(filter: text, typed: typed, meant: meant)
    }
  }

  /// `value` without one pair of quotes around it (`"ok"`, `'ok'`: pandas' `query` and SQL
  /// quote text values; no listed value begins and ends with a quote).
  static func unquoted(_ value: String) -> String {
    guard value.count >= 2, let first = value.first, first == "\"" || first == "'",
      value.last == first
    else { return value }
    return String(value.dropFirst().dropLast())
  }

  /// The operator a pandas, SQL or Python user meant by one this grammar lacks.
  private static let meant = [
    "==": "=", "=>": ">=", "=<": "<=", "<>": "!=", "!==": "!=", "=~": "~",
  ]

  /// The condition as typed, normalized: `dev_accuracy>=0.9`.
  public var description: String { column + operation.rawValue + value }

  /// Whether `run` satisfies the condition.
  public func matches(_ run: ListedRun) -> Bool {
    guard let actual = run.value(column), !actual.isEmpty else {
      // Blank: the empty value, so exactly one of `X` and its negation holds.
      switch operation {
      case .equal, .contains: return value.isEmpty
      case .notEqual, .notContains: return !value.isEmpty
      default: return false
      }
    }
    let order = Self.order(actual, value)
    switch operation {
    case .contains: return actual.lowercased().contains(value.lowercased())
    case .notContains: return !actual.lowercased().contains(value.lowercased())
    case .equal: return order == 0
    case .notEqual: return order != 0
    case .less: return order.map { $0 < 0 } ?? false
    case .lessOrEqual: return order.map { $0 <= 0 } ?? false
    case .greater: return order.map { $0 > 0 } ?? false
    case .greaterOrEqual: return order.map { $0 >= 0 } ?? false
    }
  }

  /// -1, 0 or 1: as integers when both are whole numbers, as numbers when both are numbers
  /// (nil, unordered, when one is NaN), else as text.
  static func order(_ a: String, _ b: String) -> Int? {
    // Whole numbers exactly: 64-bit seeds differing by 1 are the same Double.
    if let x = CSVCell.integer(from: a), let y = CSVCell.integer(from: b) {
      return x < y ? -1 : x > y ? 1 : 0
    }
    if let x = number(a), let y = number(b) {
      if x.isNaN || y.isNaN { return nil }
      return x < y ? -1 : x > y ? 1 : 0
    }
    return a < b ? -1 : a > b ? 1 : 0
  }

  /// `text` as a number: a CSV cell's number (`nan`, `inf` included), or a literal past the
  /// largest double (`1e400`, `-1e999`), which is ±inf as float64 parsing makes it; nil for
  /// other text.
  static func number(_ text: String) -> Double? {
    if let value = CSVCell.number(from: text) { return value }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let first = trimmed.unicodeScalars.first,
      first == "-" || first == "+" || first == "." || ("0"..."9").contains(first),
      let value = Double(trimmed), value.isInfinite
    else { return nil }
    return value
  }
}

extension Substring {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
