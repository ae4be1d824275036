import Testing

@testable import Conventions

/// Tables padded for a terminal measure text in cells (tester m10: CJK names misaligned `ls`).
@Suite struct DisplayWidthTests {
  @Test func wideCharactersTakeTwoCellsAndMarksNone() {
    #expect("abc".displayWidth == 3)
    #expect("日本語".displayWidth == 6)
    #expect("한국어".displayWidth == 6)
    #expect("ＡＢ".displayWidth == 4)
    #expect("cafe\u{301}".displayWidth == 4)
    #expect("a\u{200B}b".displayWidth == 2)
    #expect("🙂".displayWidth == 2)
    #expect("…".displayWidth == 1)
  }

  @Test func leadingAndTrailingCutAtCellsWithoutSplittingAWideCharacter() {
    #expect("日本語abc".leading(cells: 5) == "日本")
    #expect("日本語abc".trailing(cells: 4) == "abc")
    #expect("ab日本".trailing(cells: 3) == "本")
    #expect("日本".padded(toCells: 6) == "日本  ")
  }

  @Test func aTextTableAlignsWideCharactersByCells() {
    let table = TextTable(header: ["name", "x"], rows: [["実験", "1"], ["abcde", "2"]]).rendered()
    let lines = table.split(separator: "\n").map(String.init)
    #expect(lines == ["name   x", "実験   1", "abcde  2"], "\(lines)")
  }
}
