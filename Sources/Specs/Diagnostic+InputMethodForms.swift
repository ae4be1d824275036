import Foundation

/// The digits, punctuation and spaces a Chinese or Japanese input method types (`０.０１`,
/// `[accuracy，f1]`, `“0.01”`, an indentation of U+3000 IDEOGRAPHIC SPACE), on the line a
/// diagnostic points at: each named with the ASCII character to write, the line made ASCII as
/// the fix-it. (A word holding one gets no "did you mean" where suggestions are made:
/// `Suggestions.didYouMean`, `SpecDecoder.misspeltType`.)
extension Diagnostic {
  /// This error with that advice when its line holds such a character and it gives no fix-it
  /// of its own (the look-alike colon of a key has its own); unchanged otherwise (a warning's
  /// line may hold them in prose, `description: 猫（cat）`).
  public func advisingASCII() -> Diagnostic {
    guard severity == .error, fixIt == nil, let location, case .file = location.source,
      let line = location.lineText, InputMethodForms.holds(line)
    else { return self }
    var d = self
    // An indentation's own advice replaces the list of keys the indented word is not.
    let indented = line.unicodeScalars.first { $0 != " " }?.value == 0x3000
    d.note = [InputMethodForms.advice(for: line), indented ? nil : note].compactMap { $0 }
      .joined(separator: "; ")
    d.fixIt = InputMethodForms.ascii(line)
    return d
  }
}

/// The input-method forms of ASCII characters and their ASCII.
enum InputMethodForms {
  /// The ASCII character `scalar` stands for: a fullwidth form (U+FF01 to U+FF5E), the
  /// ideographic space, or a curly quotation mark; nil for any other.
  static func ascii(for scalar: Unicode.Scalar) -> Character? {
    switch scalar.value {
    case 0xFF01...0xFF5E: Unicode.Scalar(scalar.value - 0xFEE0).map(Character.init)
    case 0x3000: " "
    case 0x201C, 0x201D: "\""
    case 0x2018, 0x2019: "'"
    default: nil
    }
  }

  /// Whether `text` holds a character with an ASCII form (`ascii(for:)`).
  static func holds(_ text: String) -> Bool {
    text.unicodeScalars.contains { ascii(for: $0) != nil }
  }

  /// What to write instead of each such character of `line`, once each: "indent with ASCII
  /// spaces, not U+3000 IDEOGRAPHIC SPACE", "write ASCII ',' for U+FF0C FULLWIDTH COMMA".
  static func advice(for line: String) -> String? {
    let indent = line.unicodeScalars.prefix { $0 == " " || $0.value == 0x3000 }
    var seen = Set<UInt32>()
    var parts: [String] = []
    var said: [String] = []
    if indent.contains(where: { $0.value == 0x3000 }) {
      said.append("indent with ASCII spaces, not \(LookAlikes.describe("\u{3000}"))")
      seen.insert(0x3000)
    }
    for scalar in line.unicodeScalars {
      guard let plain = ascii(for: scalar), seen.insert(scalar.value).inserted else { continue }
      // "an ASCII space" first, "a space" after another ASCII character.
      let space = parts.isEmpty ? "an ASCII space" : "a space"
      parts.append("\(plain == " " ? space : "'\(plain)'") for \(LookAlikes.describe(scalar))")
    }
    if !parts.isEmpty {
      // The fix-it drops a number's curly quotes (`ascii(_:)`).
      let number =
        line.unicodeScalars.contains { [0x201C, 0x201D].contains($0.value) }
        && !ascii(line).contains("\"")
      said.append(
        "an input method's full-width form: write "
          + (parts[0].hasPrefix("an ASCII space") ? "" : "ASCII ") + parts.joined(separator: ", ")
          + (number ? " (a number needs no quotes)" : ""))
    }
    return said.isEmpty ? nil : said.joined(separator: "; ")
  }

  /// `line` made ASCII, without its indentation: a comma or colon followed by a space, a
  /// number's curly quotes dropped (`“0.01”` is the number `0.01`).
  static func ascii(_ line: String) -> String {
    let scalars = Array(line.unicodeScalars)
    var out = ""
    for (i, scalar) in scalars.enumerated() {
      guard let plain = ascii(for: scalar) else {
        out.unicodeScalars.append(scalar)
        continue
      }
      out.append(plain)
      let next = scalars.indices.contains(i + 1) ? scalars[i + 1] : nil
      if plain == "," || plain == ":", let next, next != " ", next.value != 0x3000 {
        out.append(" ")
      }
    }
    if line.unicodeScalars.contains(where: { [0x201C, 0x201D].contains($0.value) }) {
      out = out.replacing(/"([-+]?[0-9][0-9.eE+-]*)"/) { String($0.output.1) }
    }
    return out.trimmingCharacters(in: .whitespaces)
  }
}
