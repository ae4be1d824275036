/// The 8-bit encoding a text that is not UTF-8 was most likely saved in, named as `iconv`
/// names it: what a "convert it with `iconv -f …`" remedy says.
public enum LegacyEncoding: Equatable, Sendable {
  /// Chinese text saved as GBK, what Chinese Windows calls "ANSI" (GB18030 reads it all).
  case chineseGBK
  /// Latin-1 or Windows-1252, what Western Windows calls "ANSI".
  case westernCP1252

  /// The likely encoding of `bytes` (a file's first bytes will do: a pair cut at the end is
  /// not held against it): GBK when every byte over 0x7F pairs as a GB2312 character (lead
  /// 0xA1-0xF7, trail 0xA1-0xFE) and there is one, as Chinese text is written; Windows-1252
  /// otherwise (an accented letter is followed by ASCII, so it pairs with nothing).
  public static func guess(_ bytes: some Sequence<UInt8>) -> LegacyEncoding {
    var lead: UInt8?
    var pairs = 0
    for byte in bytes {
      if let first = lead {
        guard (0xA1...0xFE).contains(byte), (0xA1...0xF7).contains(first) else {
          return .westernCP1252
        }
        pairs += 1
        lead = nil
      } else if byte > 0x7F {
        lead = byte
      }
    }
    return pairs > 0 ? .chineseGBK : .westernCP1252
  }

  /// The encoding's name for `iconv -f`.
  public var iconvName: String {
    switch self {
    case .chineseGBK: "gb18030"
    case .westernCP1252: "cp1252"
    }
  }

  /// What a file in this encoding is, in the remedy's words.
  public var fileDescription: String {
    switch self {
    case .chineseGBK: "Chinese text saved as GBK (Chinese Windows' \"ANSI\")"
    case .westernCP1252: "a latin-1 or Windows file"
    }
  }
}
