/// How many cells of a terminal text takes, as `wcwidth` counts them: an East Asian Wide or
/// Fullwidth character (CJK, Hangul, fullwidth forms) and an emoji shown as a picture take two,
/// a control or format character (a zero-width space) none, any other character one (its
/// combining marks with it). The one measure every table padded for a terminal uses.
extension StringProtocol {
  /// The cells this text takes on a terminal (`日本` is 4, `café` 4).
  public var displayWidth: Int { reduce(0) { $0 + $1.displayWidth } }
}

extension String {
  /// The longest start of this text that takes at most `cells` cells.
  public func leading(cells: Int) -> Substring {
    var used = 0
    let end =
      firstIndex { character in
        used += character.displayWidth
        return used > cells
      } ?? endIndex
    return self[..<end]
  }

  /// The longest end of this text that takes at most `cells` cells.
  public func trailing(cells: Int) -> Substring {
    var used = 0
    var start = endIndex
    while start > startIndex {
      let before = index(before: start)
      used += self[before].displayWidth
      if used > cells { break }
      start = before
    }
    return self[start...]
  }

  /// This text padded with spaces to take `cells` cells (as it is when it takes more).
  public func padded(toCells cells: Int) -> String {
    self + String(repeating: " ", count: max(0, cells - displayWidth))
  }
}

extension Character {
  /// The cells this character takes on a terminal: 2, 1 or 0 (see `String.displayWidth`).
  public var displayWidth: Int {
    let scalars = unicodeScalars
    guard let first = scalars.first else { return 0 }
    switch first.properties.generalCategory {
    case .control, .format, .nonspacingMark, .enclosingMark, .lineSeparator,
      .paragraphSeparator:
      return 0
    default: break
    }
    // An emoji shown as a picture: by default, or asked for by variation selector 16.
    if first.properties.isEmojiPresentation || scalars.contains("\u{FE0F}") { return 2 }
    return Self.isWide(first.value) ? 2 : 1
  }

  /// Whether `value` is East Asian Wide or Fullwidth (Unicode's EastAsianWidth.txt, W and F).
  static func isWide(_ value: UInt32) -> Bool {
    wideRanges.contains { $0.contains(value) }
  }

  /// The East Asian Wide and Fullwidth blocks (emoji are told by `isEmojiPresentation`).
  static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F,  // Hangul Jamo leading consonants
    0x2329...0x232A,  // angle brackets
    0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK punctuation
    0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compat.
    0x3400...0x4DBF,  // CJK Unified Ideographs Extension A
    0x4E00...0x9FFF,  // CJK Unified Ideographs
    0xA000...0xA4CF,  // Yi
    0xA960...0xA97F,  // Hangul Jamo Extended-A
    0xAC00...0xD7A3,  // Hangul syllables
    0xF900...0xFAFF,  // CJK Compatibility Ideographs
    0xFE10...0xFE19,  // vertical forms
    0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
    0xFF00...0xFF60,  // fullwidth forms
    0xFFE0...0xFFE6,  // fullwidth signs
    0x16FE0...0x16FE4,  // ideographic symbols
    0x17000...0x18CFF,  // Tangut, Khitan
    0x1B000...0x1B2FF,  // Kana supplement, Nüshu
    0x1F200...0x1F2FF,  // enclosed ideographic supplement
    0x20000...0x2FFFD,  // CJK Extensions B–F, compatibility supplement
    0x30000...0x3FFFD,  // CJK Extensions G, H
  ]
}
