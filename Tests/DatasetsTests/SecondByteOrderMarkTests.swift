import Testing

@testable import Datasets

/// Tester AW's F10 c: a CSV starting with two UTF-8 byte-order marks (one is skipped) was told
/// "no column named 'x1' … did you mean '\u{FEFF}x1'?", which a terminal shows as 'x1' for 'x1'.
/// The second mark is named instead.
@Suite struct SecondByteOrderMarkTests {
  @Test func aSecondByteOrderMarkIsNamed() throws {
    let dir = TemporaryDirectory()
    let path = dir.write(
      "bom2.csv", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("x1,x2,y\n1,2,3\n".utf8))
    let table = try DataTable.read(path)
    let error = InputFaultTests.dataError { _ = try table.columnIndex("x1") }
    let message = try #require(error?.description)
    #expect(
      message.contains(
        "the file starts with a second byte-order mark (U+FEFF, invisible), which the header's "
          + "first name 'x1' keeps: save the file with at most one"), "\(message)")
    #expect(!message.contains("did you mean"), "\(message)")
    // One mark is skipped: the column is found.
    let one = dir.write("bom1.csv", [0xEF, 0xBB, 0xBF] + Array("x1,x2,y\n1,2,3\n".utf8))
    #expect(try DataTable.read(one).columnIndex("x1") == 0)
  }
}
