import Conventions

/// Writing YAML scalars and flow values deterministically: the same value always gives the
/// same text, and the text reads back as the same value.
enum YAMLText {
  /// Shortest round-trip text of a finite double, always with a `.` or exponent so it reads
  /// back as a number (`2.0`, `0.005`, `1e-05`).
  static func number(_ value: Double) -> String {
    value == 0 ? "0.0" : "\(value)"  // no "-0.0"
  }

  /// A number rounded to 12 significant digits for messages (0.7 + 0.2 + 0.2 shows as 1.1).
  static func clean(_ value: Double) -> String {
    var text = String(format: "%.12g", value)
    if let d = Double(text) { text = number(d) }
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }

  private static let reserved: Set<String> = [
    "true", "false", "True", "False", "TRUE", "FALSE", "null", "Null", "NULL", "~",
    "yes", "no", "Yes", "No", "YES", "NO", "on", "off", "On", "Off", "ON", "OFF", "y", "n", "Y",
    "N",
  ]

  /// A string as a plain scalar when that reads back as the same string, else double-quoted
  /// (a JSON string literal is a YAML double-quoted scalar).
  static func string(_ text: String) -> String {
    isSafePlain(text) ? text : JSONValue.string(text).rendered
  }

  private static func isSafePlain(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, !reserved.contains(text) else { return false }
    guard first.properties.isAlphabetic || first == "_" else { return false }
    if text.hasSuffix(" ") || text.contains(": ") || text.contains(" #") || text.hasSuffix(":") {
      return false
    }
    return text.unicodeScalars.allSatisfy { s in
      s.properties.isAlphabetic || s.properties.numericType != nil
        || "_-./ ()+".unicodeScalars.contains(s)
    }
  }

  /// A value in flow style: `[1, 2]`, `{units: 4, activation: relu}`.
  static func flow(_ value: SpecValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let b): b ? "true" : "false"
    case .integer(let i): String(i)
    case .unsigned(let u): String(u)
    case .number(let d): number(d)
    case .string(let s): string(s)
    case .list(let items): "[" + items.map(flow).joined(separator: ", ") + "]"
    case .mapping(let entries):
      "{" + entries.map { "\(string($0.key)): \(flow($0.value))" }.joined(separator: ", ") + "}"
    }
  }
}
