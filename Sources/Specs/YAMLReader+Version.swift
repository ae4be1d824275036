/// YAML 1.1, which a `%YAML 1.1` directive asks for, reads some plain scalars otherwise than
/// YAML 1.2's core schema, the runner's reading: `010` is 8, `yes` is true, `1e-3` and `0o17`
/// are strings, `1_000` is 1000 and `1:20` is 80. Such a value is refused, never read either way
/// silently; a document whose values read the same in both is accepted.
extension YAMLReader {
  /// The version and line of a `%YAML 1.0` or `%YAML 1.1` directive before the document.
  static func yaml11Directive(in lines: [String]) -> (version: String, line: Int)? {
    for (index, line) in lines.enumerated() {
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
      guard line.hasPrefix("%") else { return nil }
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      if words.count > 1, words[0] == "%YAML", ["1.0", "1.1"].contains(words[1]) {
        return (String(words[1]), index + 1)
      }
    }
    return nil
  }

  /// What YAML 1.1 makes of plain scalar `text` when it differs from the runner's reading.
  static func yaml11Reading(_ text: String) -> String? {
    // The one-letter `y` and `n` of the 1.1 spec stay strings in its parsers (PyYAML, libyaml's).
    if ScalarSyntax.isYAML11Bool(text), text.count > 1 {
      return "the boolean \(["yes", "on"].contains(text.lowercased()))"
    }
    let negative = text.hasPrefix("-")
    let body = text.drop { $0 == "-" || $0 == "+" }.prefix { _ in true }
    guard text.count - body.count <= 1, let first = body.first else { return nil }
    let digits = String(body.filter { $0 != "_" })
    let sign = negative ? "-" : ""
    let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
    if body.contains(":"), first != "0", isDigit(first) {
      let parts = digits.split(separator: ":", omittingEmptySubsequences: false)
      let whole = parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy(isDigit) }
      if whole, let last = parts.last, let tail = Double(last), tail < 60, !last.hasPrefix(".") {
        let value = parts.dropLast().reduce(0.0) { $0 * 60 + Double($1)! } * 60 + tail
        let shown = value == value.rounded() && !last.contains(".") ? "\(Int(value))" : "\(value)"
        return "\(sign)\(shown) (a base-60 number)"
      }
      return nil
    }
    for (prefix, radix, name) in [("0b", 2, "binary"), ("0x", 16, "hexadecimal")]
    where body.hasPrefix(prefix) {
      // 1.2 reads `0x1F` too, but neither `0b101` nor an underscore.
      guard prefix == "0b" || body.contains("_"), digits.count > 2,
        let value = Int(digits.dropFirst(2), radix: radix)
      else { return nil }
      return "\(sign)\(value) (\(name))"
    }
    if text.hasPrefix("0o"), ScalarSyntax.integer(text) != nil { return "the string '\(text)'" }
    if digits.count > 1, digits.hasPrefix("0"), digits.allSatisfy({ ("0"..."7").contains($0) }),
      let value = Int(digits, radix: 8)
    {
      return ScalarSyntax.integer(text) == (negative ? -value : value)
        ? nil : "\(sign)\(value) (octal)"
    }
    let isInteger = (digits == "0" || first != "0") && !digits.isEmpty && digits.allSatisfy(isDigit)
    let isReal = isYAML11Real(body)
    if body.contains("_"), isInteger || isReal, isDigit(first) || first == "." {
      return "the number \(sign)\(digits)"
    }
    if ScalarSyntax.double(text) != nil, !isInteger, !isReal {
      return "the string '\(text)'"
    }
    return nil
  }

  /// How the runner reads `text`, for the message beside YAML 1.1's reading.
  static func yaml12Reading(_ text: String) -> String {
    if let value = ScalarSyntax.integer(text) { return "\(value)" }
    if let value = ScalarSyntax.double(text) { return "\(value)" }
    return "the string '\(text)'"
  }

  /// YAML 1.1's float syntax without its sign: `1.5`, `.5`, `1.`, `1.0e-3`; an exponent needs a
  /// point before it and a sign (`1e-3` and `1.0e3` are strings).
  private static func isYAML11Real(_ body: Substring) -> Bool {
    guard let point = body.firstIndex(of: ".") else { return false }
    let isDigit: (Character) -> Bool = { ($0.isASCII && $0.isNumber) || $0 == "_" }
    let whole = body[..<point]
    guard whole.isEmpty || (whole.first!.isNumber && whole.allSatisfy(isDigit)) else {
      return false
    }
    var fraction = body[body.index(after: point)...]
    if let e = fraction.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      let exponent = fraction[fraction.index(after: e)...]
      guard let sign = exponent.first, sign == "+" || sign == "-", exponent.count > 1,
        exponent.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })
      else { return false }
      fraction = fraction[..<e]
    }
    return fraction.allSatisfy(isDigit) && !(whole.isEmpty && fraction.isEmpty)
  }
}
