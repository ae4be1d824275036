import Conventions

/// One `--where` condition of `runner ls`: `COLUMN OP VALUE` with OP one of `=`, `!=`, `~`
/// (contains, ignoring case), `!~` (does not contain), `<`, `<=`, `>`, `>=`. Two numbers
/// compare as numbers (`0.010` = `0.01`), other values as text (ISO times order as text).
/// A run without the column matches only `!=`, `!~`, and `=` with an empty value. A value in
/// quotes (`status="ok"`) is the text inside them.
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
      switch operation {
      case .notEqual, .notContains: return true
      case .equal: return value.isEmpty
      default: return false
      }
    }
    switch operation {
    case .contains: return actual.lowercased().contains(value.lowercased())
    case .notContains: return !actual.lowercased().contains(value.lowercased())
    case .equal: return Self.order(actual, value) == 0
    case .notEqual: return Self.order(actual, value) != 0
    case .less: return Self.order(actual, value) < 0
    case .lessOrEqual: return Self.order(actual, value) <= 0
    case .greater: return Self.order(actual, value) > 0
    case .greaterOrEqual: return Self.order(actual, value) >= 0
    }
  }

  /// -1, 0 or 1: as integers when both are whole numbers, as numbers when both are numbers,
  /// else as text.
  static func order(_ a: String, _ b: String) -> Int {
    // Whole numbers exactly: 64-bit seeds differing by 1 are the same Double.
    if let x = CSVCell.integer(from: a), let y = CSVCell.integer(from: b) {
      return x < y ? -1 : x > y ? 1 : 0
    }
    if let x = CSVCell.number(from: a), let y = CSVCell.number(from: b), !x.isNaN, !y.isNaN {
      return x < y ? -1 : x > y ? 1 : 0
    }
    return a < b ? -1 : a > b ? 1 : 0
  }
}

extension Substring {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
