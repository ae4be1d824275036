/// How plain (unquoted) YAML scalars are read as booleans and numbers. Deliberately strict
/// (YAML 1.2 core schema): `yes`/`on` are strings, `0x10` and `0o17` are integers.
enum ScalarSyntax {
  static func bool(_ text: String) -> Bool? {
    switch text {
    case "true", "True", "TRUE": true
    case "false", "False", "FALSE": false
    default: nil
    }
  }

  /// Words YAML 1.1 reads as booleans; we reject them with a hint.
  static func isYAML11Bool(_ text: String) -> Bool {
    ["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "n"]
      .contains(text)
  }

  /// A decimal integer (optional sign, digits), or YAML 1.2 core's `0o17` and `0x1F`.
  static func integer(_ text: String) -> Int? {
    for (prefix, radix) in [("0o", 8), ("0x", 16)] where text.hasPrefix(prefix) {
      let digits = text.dropFirst(2)
      return digits.allSatisfy(\.isHexDigit) ? Int(digits, radix: radix) : nil
    }
    return Int(text)  // optional sign, then ASCII digits
  }

  /// A finite decimal number (`0.005`, `-1e-3`, `.5`, `2`). Infinity and NaN are not numbers here.
  static func double(_ text: String) -> Double? {
    decimal(text).flatMap { $0.isFinite ? $0 : nil }
  }

  /// YAML's spellings of infinity and NaN, and numbers beyond the float range (`1e400`):
  /// rejected with a clear message.
  static func isNonFinite(_ text: String) -> Bool {
    decimal(text)?.isInfinite == true
      || [
        ".inf", "-.inf", "+.inf", ".Inf", ".INF", "-.Inf", ".nan", ".NaN", ".NAN", "inf", "-inf",
        "nan", "NaN",
      ]
      .contains(text)
  }

  /// Text of digits, signs, `.` and `e` only as a number (infinite beyond the float range).
  private static func decimal(_ text: String) -> Double? {
    text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) } ? Double(text) : nil
  }

  /// The fraction a percentage means (`7%` is 0.07); nil for other text.
  static func percentFraction(_ text: String) -> Double? {
    text.hasSuffix("%") ? double(String(text.dropLast())).map { $0 / 100 } : nil
  }

  /// A number or a quotient of two numbers (`1/255`), for scale factors.
  static func quotient(_ text: String) -> Double? {
    if let value = double(text) { return value }
    guard let (n, d) = operands(text), d != 0 else { return nil }
    let value = n / d
    return value.isFinite ? value : nil
  }

  /// The numerator and divisor of a quotient of two numbers (`1/255`); nil for other text.
  static func operands(_ text: String) -> (Double, Double)? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2,
      let n = double(parts[0].trimmingSpaces), let d = double(parts[1].trimmingSpaces)
    else { return nil }
    return (n, d)
  }
}

extension Substring {
  var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
