import Testing

@testable import Specs

/// A description holding a NUL (YAML `"\0"`) landed as a NUL byte in report.md: control
/// characters are refused at the value (corpus 1510), but the line breaks of a block scalar and
/// tabs are kept.
@Suite struct DescriptionControlCharacterTests {
  @Test func lineBreaksAndTabsAreKeptOtherControlsRefused() throws {
    let block = minimalSpec + "\ndescription: |\n  two\n  lines\tand a tab\n"
    let loaded = try load(block).get()
    #expect(loaded.spec.description == "two\nlines\tand a tab\n")
    for (written, code) in [
      (#""a\0b""#, "U+0000"), (#""a\eb""#, "U+001B"), (#""a\x7Fb""#, "U+007F"),
    ] {
      let text = failure(minimalSpec + "\ndescription: \(written)\n")
      #expect(
        text.contains("error: description holds the control character \(code), which reports"),
        "\(text)")
    }
  }
}
