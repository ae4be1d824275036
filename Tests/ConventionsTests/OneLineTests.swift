import Testing

@testable import Conventions

/// Text shown on one line (a data cell, a CSV header's names in `runner data show`) shows what
/// it holds: a header's `ESC [31m` turned the terminal red, and a right-to-left override showed
/// a name in another order than it holds (tester BU-6).
@Suite struct OneLineTests {
  @Test func controlAndBidirectionalCharactersAreWrittenOut() {
    #expect("a\u{1B}[31mb\u{1B}[0m".oneLine == "a\\u{1B}[31mb\\u{1B}[0m")
    #expect("abc\u{202E}exe.txt".oneLine == "abc\\u{202E}exe.txt")
    #expect("x\u{7F}\u{85}\u{2066}y".oneLine == "x\\u{7F}\\u{85}\\u{2066}y")
    #expect("1\r\n2\t3\n4".oneLine == "1\\r\\n2\\t3\\n4")
    #expect("plain, café, 数据".oneLine == "plain, café, 数据")
  }
}
