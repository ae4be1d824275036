/// Characters that look like ASCII on screen but are not (a Cyrillic е in `momеntum`, a
/// non-breaking space, a fullwidth ２ or ：), named by their code point in the messages that
/// echo them, since the echo alone looks right.
enum LookAlikes {
  /// The common ones' Unicode names; any other non-ASCII character is named by its code point.
  static let names: [UInt32: String] = [
    0x00A0: "NO-BREAK SPACE", 0x2007: "FIGURE SPACE", 0x202F: "NARROW NO-BREAK SPACE",
    0x200B: "ZERO WIDTH SPACE", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE", 0x3000: "IDEOGRAPHIC SPACE",
    0x00AD: "SOFT HYPHEN", 0x2010: "HYPHEN", 0x2013: "EN DASH", 0x2212: "MINUS SIGN",
    0x2018: "LEFT SINGLE QUOTATION MARK", 0x2019: "RIGHT SINGLE QUOTATION MARK",
    0x201C: "LEFT DOUBLE QUOTATION MARK", 0x201D: "RIGHT DOUBLE QUOTATION MARK",
    0x0430: "CYRILLIC SMALL LETTER A", 0x0435: "CYRILLIC SMALL LETTER IE",
    0x043E: "CYRILLIC SMALL LETTER O", 0x0440: "CYRILLIC SMALL LETTER ER",
    0x0441: "CYRILLIC SMALL LETTER ES", 0x0443: "CYRILLIC SMALL LETTER U",
    0x0445: "CYRILLIC SMALL LETTER HA", 0x0456: "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I",
    0x0410: "CYRILLIC CAPITAL LETTER A", 0x0415: "CYRILLIC CAPITAL LETTER IE",
    0x041E: "CYRILLIC CAPITAL LETTER O", 0x0420: "CYRILLIC CAPITAL LETTER ER",
    0x0421: "CYRILLIC CAPITAL LETTER ES", 0x0422: "CYRILLIC CAPITAL LETTER TE",
    0x03B1: "GREEK SMALL LETTER ALPHA", 0x03BF: "GREEK SMALL LETTER OMICRON",
    0x03BD: "GREEK SMALL LETTER NU", 0x03C1: "GREEK SMALL LETTER RHO",
    0x0391: "GREEK CAPITAL LETTER ALPHA", 0x0395: "GREEK CAPITAL LETTER EPSILON",
    0x039F: "GREEK CAPITAL LETTER OMICRON", 0x03A4: "GREEK CAPITAL LETTER TAU",
    0xFF1A: "FULLWIDTH COLON", 0xFF0C: "FULLWIDTH COMMA", 0xFF0E: "FULLWIDTH FULL STOP",
    0xFF0D: "FULLWIDTH HYPHEN-MINUS", 0xF0B7: "(private use: the bullet of Word's Symbol font)",
    0xF0A7: "(private use: the square bullet of Word's Wingdings font)",
    0xF0D8: "(private use: the arrowhead bullet of Word's Wingdings font)",
    0xF076: "(private use: the diamond bullet of Word's Wingdings font)",
    0xF0FC: "(private use: the check-mark bullet of Word's Wingdings font)",
  ]

  /// The colons that pass for ':' on screen: fullwidth (a CJK keyboard's), small, ratio, the
  /// modifier-letter and vertical-form colons, two-dot punctuation, and the Hebrew, Armenian
  /// and Lisu marks drawn as two dots.
  static let colons: Set<UInt32> = [
    0xFF1A, 0xFE55, 0x2236, 0xA789, 0x02D0, 0x02F8, 0xFE13, 0xFE30, 0x205A, 0x05C3, 0x0589, 0xA4FD,
  ]

  /// " (it contains U+0435 CYRILLIC SMALL LETTER IE)" for the first non-ASCII character of
  /// `text` whose glyph passes for ASCII (listed in `names` or `colons`, a fullwidth form, or a space or
  /// format character); "" when there is none, so `café` or `数据` are not remarked on.
  static func named(in text: String) -> String {
    character(in: text).map { " (it contains \($0))" } ?? ""
  }

  /// The first look-alike of `text` described (`U+00A0 NO-BREAK SPACE`), or nil.
  static func character(in text: String) -> String? {
    text.unicodeScalars.first(where: isLookAlike).map(describe)
  }

  /// `U+0435 CYRILLIC SMALL LETTER IE`; a fullwidth character not listed as
  /// `U+FF12 FULLWIDTH DIGIT TWO` from Unicode's own name, else the bare code point.
  static func describe(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    let name = names[scalar.value] ?? scalar.properties.name
    return name.map { "\(code) \($0)" } ?? code
  }

  /// Whether `scalar` is not ASCII but looks like ASCII or like nothing at all.
  private static func isLookAlike(_ scalar: Unicode.Scalar) -> Bool {
    guard !scalar.isASCII else { return false }
    if names[scalar.value] != nil || colons.contains(scalar.value) { return true }
    if (0xFF01...0xFF5E).contains(scalar.value) { return true }  // fullwidth ASCII forms
    switch scalar.properties.generalCategory {
    case .spaceSeparator, .format, .control: return true
    default: return false
    }
  }
}
