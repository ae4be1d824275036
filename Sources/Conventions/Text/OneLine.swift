import Foundation

extension String {
  /// The text with its line breaks and tabs escaped (`1\n2`), and any other control or
  /// bidirectional character as `\u{1B}`, so that a message or table cell showing it stays on
  /// one line and shows what it holds.
  public var oneLine: String {
    guard unicodeScalars.contains(where: Self.isHidden) else { return self }
    let line = replacingOccurrences(of: "\r\n", with: "\\r\\n")
      .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
      .replacingOccurrences(of: "\t", with: "\\t")
    // Other control characters (a terminal runs `ESC [` sequences) and the bidirectional
    // controls (which show text in another order than it holds) as Swift writes them.
    var shown = ""
    for scalar in line.unicodeScalars {
      if Self.isHidden(scalar) {
        shown += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        shown.unicodeScalars.append(scalar)
      }
    }
    return shown
  }

  /// A control character (C0, DEL, C1) or a bidirectional control (U+061C, U+200E, U+200F,
  /// U+202A-U+202E, U+2066-U+2069).
  static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.generalCategory == .control || scalar.value == 0x061C
      || (0x200E...0x200F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
      || (0x2066...0x2069).contains(scalar.value)
  }
}

extension String {
  /// The text on one line (`oneLine`) and, past 80 characters, cut to its first 60 with the
  /// length said (`1111…(5000000 characters)`): a message quoting a data cell stays short.
  public var oneLineShort: String {
    let line = oneLine
    guard line.unicodeScalars.count > 80 else { return line }
    return String(line.prefix(60)) + "…(\(count) characters)"
  }
}
