import Foundation
import Testing

@testable import Conventions

@Suite("CSV cells and RFC 4180")
struct CSVTests {
  @Test("numbers print their shortest round-trip text, Float as Float")
  func numberText() {
    #expect(CSVCell.double(0.1).text == "0.1")
    #expect(CSVCell.double(1e-5).text == "1e-05")
    #expect(CSVCell.double(100).text == "100.0")
    #expect(CSVCell.float(0.1).text == "0.1")
    #expect(CSVCell.double(Double(Float(0.1))).text == "0.10000000149011612")
    #expect(CSVCell.integer(207).text == "207")
    #expect(CSVCell.double(.nan).text == "nan")
    #expect(CSVCell.double(-.nan).text == "nan")
    #expect(CSVCell.float(.infinity).text == "inf")
    #expect(CSVCell.double(-.infinity).text == "-inf")
    #expect(CSVCell.empty.text == "")
  }

  @Test(
    "printed numbers read back to the same bits",
    arguments: [
      0.1, 1.0 / 3.0, 0.1356080753, 1e-300, 123456789.123, -2.5e-8, 0.9904306220095693,
    ])
  func roundTrip(value: Double) {
    let text = CSVCell.double(value).text
    #expect(CSVCell.number(from: text)?.bitPattern == value.bitPattern)
  }

  @Test("number(from:) rejects text and reads nan and inf")
  func parseNumbers() {
    #expect(CSVCell.number(from: "abc") == nil)
    #expect(CSVCell.number(from: "") == nil)
    #expect(CSVCell.number(from: "nan")?.isNaN == true)
    #expect(CSVCell.number(from: "-inf") == -.infinity)
    #expect(CSVCell.number(from: " 2.5 ") == 2.5)
    #expect(CSVCell.number(from: "infant") == nil)
  }

  @Test("fields are quoted exactly when needed")
  func quoting() throws {
    var table = try CSVTable(header: ["name", "note"])
    try table.append(["plain", "a,b"])
    try table.append(["say \"hi\"", "two\nlines"])
    try table.append([.empty, .double(0.5)])
    #expect(
      table.rendered == "name,note\nplain,\"a,b\"\n\"say \"\"hi\"\"\",\"two\nlines\"\n,0.5\n")
  }

  @Test("parsing what was rendered gives the same table")
  func parseRendered() throws {
    var table = try CSVTable(header: ["a", "b,c", "d"])
    try table.append(["x\r\ny", "", "\"q\""])
    try table.append([.integer(1), .double(.nan), .text(" spaced ")])
    let parsed = try CSVTable(parsing: table.rendered)
    #expect(parsed == table)
  }

  @Test("CRLF line ends and a missing final line end are accepted")
  func crlf() throws {
    let table = try CSVTable(parsing: "a,b\r\n1,2\r\n3,\"4\"")
    #expect(table.header == ["a", "b"])
    #expect(table.rows == [["1", "2"], ["3", "4"]])
  }

  @Test(
    "malformed text gives typed errors with lines",
    arguments: [
      ("", CSVError.empty),
      ("a,b\n1,2,3\n", .raggedRow(line: 2, expected: 2, found: 3)),
      ("a,b\n1,\"2\n", .unterminatedQuote(line: 2)),
      ("a,b\n1,x\"y\n", .strayQuote(line: 2, column: 4)),
      ("a,b\n1,\"2\"x\n", .textAfterClosingQuote(line: 2, column: 6)),
      ("a,a\n", .duplicateColumn("a", line: 1, columns: [1, 2])),
      ("b,a,c,a\n", .duplicateColumn("a", line: 1, columns: [2, 4])),
      ("a,b\n1,2\u{0}\n", .nulByte(line: 2, column: 4)),
      ("a,b\n1,\"x\u{0}\"\n", .nulByte(line: 2, column: 5)),
    ])
  func malformed(text: String, expected: CSVError) {
    #expect(throws: expected) { try CSVTable(parsing: text) }
  }
  /// Column names are told apart by their bytes, as class names are: `predicted_` + U+00E9 and
  /// `predicted_` + e + U+0301 are two columns (a run's confusion matrix was refused so).
  @Test func columnsOfOtherBytesAreTwo() throws {
    let table = try CSVTable(header: ["predicted_\u{E9}", "predicted_e\u{301}"])
    #expect(table.columnIndex("predicted_e\u{301}") == 1)
    #expect(table.columnIndex("predicted_\u{E9}") == 0)
  }

  @Test("error descriptions are user-facing")
  func errorText() {
    #expect(
      CSVError.raggedRow(line: 3, expected: 2, found: 1).description
        == "line 3: expected 2 fields like the header, found 1")
    // Where the two columns of one name are (tester BF: the header's line and columns).
    #expect(
      CSVError.duplicateColumn("a", line: 1, columns: [1, 2]).description
        == "line 1: column 'a' appears twice in the header (columns 1 and 2)")
    #expect(
      CSVError.nulByte(line: 2, column: 3).description
        == "line 2:3: a NUL byte: binary data, not text (a CSV table is UTF-8 text)")
  }

  @Test("sorting by key columns compares numbers as numbers")
  func sorting() throws {
    let table = try CSVTable(
      header: ["step", "v"], rows: [["100", "a"], ["20", "b"], ["x", "c"], ["3", "d"]])
    #expect(table.sorted(byColumns: ["step"]).column("step") == ["3", "20", "100", "x"])
  }
}
