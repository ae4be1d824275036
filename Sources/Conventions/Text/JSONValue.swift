/// A JSON value written deterministically: object keys in the given order, numbers as the
/// shortest text that reads back to the same bits (`0.1`, `1e-05`), integers as integers, and
/// non-finite numbers as the strings the CSV files write, `"nan"`, `"inf"`, `"-inf"` (JSON has
/// no such number; `null` is an empty cell). What `--json` prints (docs/results.md, "JSON").
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case integer(Int)
  /// An integer too large for `Int` (a 64-bit unsigned seed), as its decimal digits.
  case bigInteger(String)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// Equal when the same kind with equal contents (object keys compared in order).
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.integer(let a), .integer(let b)): a == b
    case (.bigInteger(let a), .bigInteger(let b)): a == b
    case (.number(let a), .number(let b)): a == b || (a.isNaN && b.isNaN)
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)):
      a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  /// A number, or `null` when absent.
  public static func optional(_ value: Double?) -> JSONValue {
    value.map(JSONValue.number) ?? .null
  }

  /// A string, or `null` when absent.
  public static func optional(_ value: String?) -> JSONValue {
    value.map(JSONValue.string) ?? .null
  }

  /// A CSV field as JSON: a number when it reads as one, `null` when empty, a string otherwise.
  public static func field(_ text: String) -> JSONValue {
    if text.isEmpty { return .null }
    if let integer = Int(text) { return .integer(integer) }
    if UInt64(text) != nil { return .bigInteger(text) }
    if let number = CSVCell.number(from: text) { return .number(number) }
    return .string(text)
  }

  /// The value as one line of JSON text.
  public var rendered: String {
    var text = ""
    write(into: &text)
    return text
  }

  private func write(into text: inout String) {
    switch self {
    case .null: text += "null"
    case .bool(let value): text += value ? "true" : "false"
    case .integer(let value): text += String(value)
    case .bigInteger(let digits): text += digits
    case .number(let value):
      // JSON has no NaN nor infinity: a non-finite figure is the string the CSV files write
      // (`"nan"`, `"inf"`, `"-inf"`); `null` is an empty cell (tester BR-5).
      if value.isFinite {
        text += value.description
      } else {
        Self.quote(CSVCell.format(value), into: &text)
      }
    case .string(let value): Self.quote(value, into: &text)
    case .array(let items):
      text += "["
      for (index, item) in items.enumerated() {
        if index > 0 { text += "," }
        item.write(into: &text)
      }
      text += "]"
    case .object(let entries):
      text += "{"
      for (index, entry) in entries.enumerated() {
        if index > 0 { text += "," }
        Self.quote(entry.0, into: &text)
        text += ":"
        entry.1.write(into: &text)
      }
      text += "}"
    }
  }

  /// `value` as a JSON string literal (quotes, backslashes and control characters, C0, DEL and C1,
  /// escaped: YAML's double-quoted style reads the same text back).
  private static func quote(_ value: String, into text: inout String) {
    text += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}":
        let hex = String(scalar.value, radix: 16)
        text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: text.unicodeScalars.append(scalar)
      }
    }
    text += "\""
  }
}
