import Conventions
import Testing

@Suite("The 8-bit encoding a text that is not UTF-8 was saved in")
struct LegacyEncodingTests {
  @Test("Chinese in GBK pairs its bytes; an accented Latin letter does not")
  func chineseIsToldFromLatin() {
    // 非猫 in GBK, then cut inside its last character (a file's first bytes).
    #expect(LegacyEncoding.guess([0x61, 0xB7, 0xC7, 0x2C, 0xC3, 0xA8]) == .chineseGBK)
    #expect(LegacyEncoding.guess([0xB7, 0xC7, 0xC3]) == .chineseGBK)
    // café, naïve and Zürich.
    #expect(LegacyEncoding.guess(Array("caf".utf8) + [0xE9]) == .westernCP1252)
    #expect(LegacyEncoding.guess([0x6E, 0x61, 0xEF, 0x76, 0x65]) == .westernCP1252)
    #expect(LegacyEncoding.guess([0x5A, 0xFC, 0x72, 0x69, 0x63, 0x68]) == .westernCP1252)
    #expect(LegacyEncoding.guess(Array("plain".utf8)) == .westernCP1252)
  }
}
