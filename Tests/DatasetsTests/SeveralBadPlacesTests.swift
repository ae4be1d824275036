import Foundation
import Testing

@testable import Datasets

/// One error names the first bad cell, label or value as before, then lists the next few
/// (five, then a count), so that one run shows what to fix instead of one place per run.
@Suite struct SeveralBadPlacesTests {
  @Test func aTableWithSeveralBadCellsListsTheNextOnesUnderTheFirst() throws {
    var csv = "x,y,target\n"
    for row in 1...20 {
      let x = [4, 8, 11].contains(row) ? "abc" : "\(row)"
      let y = row == 8 ? "" : row == 15 ? "\"1,5\"" : "0.5"
      csv += "\(x),\(y),\(row % 2)\n"
    }
    let table = try DataTable.parse(csv, origin: "data.csv")
    let error = #expect(throws: DataError.self) { try table.numericColumns(["x", "y"]) }
    #expect(
      error?.description == """
        data.csv (line 5, column 'x'): 'abc' is not a number: fix the cell or remove its row
        4 more bad cells:
          line 9, column 'x': 'abc' is not a number: fix the cell or remove its row
          line 9, column 'y': empty cell where a number is expected: fill it in or remove its row
          line 12, column 'x': 'abc' is not a number: fix the cell or remove its row
          line 16, column 'y': '1,5' has a comma (a decimal comma or a thousands separator); \
        write numbers with a decimal point and no separators
        """)
    #expect(error?.exitCode == 65)
  }

  @Test func pastFiveMoreTheRestAreCounted() throws {
    let csv = "a\n1\n" + String(repeating: "NA\n", count: 9) + "2\n"
    let table = try DataTable.parse(csv, origin: "t.csv")
    let error = #expect(throws: DataError.self) { try table.numericColumns(["a"]) }
    let lines = error?.description.split(separator: "\n", omittingEmptySubsequences: false) ?? []
    #expect(lines.count == 9, "\(lines)")
    #expect(lines.first?.hasPrefix("t.csv (line 3, column 'a'): 'NA' is a missing value") == true)
    // More than the listing shows: the missing values are counted per column first.
    let help =
      "help: missing values (empty cells or NA) in 'a' in 9 of 11 rows: fill them in the "
      + "file (pandas: df.fillna(df.mean())) or drop their rows (df.dropna()), or leave a "
      + "column that misses most of its values out of `features`"
    #expect(lines.dropFirst().first.map(String.init) == help)
    #expect(lines.dropFirst(2).first == "8 more bad cells:")
    #expect(lines.dropFirst(3).first?.hasPrefix("  line 4, column 'a': 'NA' is a missing") == true)
    #expect(lines.last == "  and 3 more")
  }

  /// A Titanic-like table: a ticket column mixing numbers and IDs with letters is named once as
  /// text, and the missing ages and cabins are counted per column before the listing.
  @Test func ticketsAreTextAndMissingValuesAreCountedPerColumn() throws {
    var csv = "Age,Cabin,Ticket,Fare\n"
    for i in 0..<90 {
      let age = i % 5 == 0 ? "" : "\(20 + i)"
      let cabin = i % 4 == 0 ? "\(100 + i)" : ""
      let ticket = i % 3 == 0 ? "A/5 \(21171 + i)" : "\(113803 + i)"
      csv += "\(age),\(cabin),\(ticket),\(7.25 + Double(i))\n"
    }
    let table = try DataTable.parse(csv, origin: "titanic.csv")
    let error = #expect(throws: DataError.self) {
      try table.numericColumns(["Age", "Cabin", "Ticket", "Fare"])
    }
    let text = error?.description ?? ""
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("titanic.csv (column 'Ticket'): text, not numbers") == true)
    // IDs, not categories: their values hardly repeat.
    #expect(
      lines.dropFirst().first?.hasPrefix("help: a text column of dates, IDs or free text") == true)
    // The other bad cells, 18 ages and 67 cabins missing, are counted per column first.
    #expect(
      lines.dropFirst(2).first
        == "help: missing values (empty cells or NA) in 'Age' in 18 of 90 rows, 'Cabin' in 67 of "
        + "90 rows: fill them in the file (pandas: df.fillna(df.mean())) or drop their rows "
        + "(df.dropna()), or leave a column that misses most of its values out of `features`")
    #expect(lines.dropFirst(3).first == "85 more bad cells:")
  }

  @Test func oneBadCellIsOneLineAsBefore() throws {
    let table = try DataTable.parse("a,b\n1,2\n3,x\n", origin: "v.csv")
    let error = #expect(throws: DataError.self) { try table.numericColumns(["a", "b"]) }
    #expect(
      error?.description
        == "v.csv (line 3, column 'b'): 'x' is not a number: fix the cell or remove its row")
  }

  @Test func badLabelsOfAClassColumnAreListedByLine() throws {
    let table = try DataTable.parse("x,y\n1,a\n2,\n3,b\n4,\n5,\n", origin: "l.csv")
    let error = #expect(throws: DataError.self) { try table.categoricalColumn("y") }
    #expect(
      error?.description == """
        l.csv (line 3, column 'y'): empty label
        2 more such labels:
          line 5: empty
          line 6: empty
        """)
    let negative = try DataTable.parse("x,y\n1,0\n2,-1\n3,1\n4,-2\n", origin: "n.csv")
    let refused = #expect(throws: DataError.self) { try negative.categoricalColumn("y") }
    #expect(
      refused?.description == """
        n.csv (line 3, column 'y'): label -1 out of range: class indices start at 0; the labels \
        are -2, -1, 0 and 1: name the classes as written (dataset.classes: ['-2', '-1', '0', '1']: \
        label -2 is then class 0), or renumber them from 0
        1 more such label:
          line 5: '-2'
        """)
  }

  @Test func nonFiniteValuesOfAnArrayAreListedByIndex() throws {
    let array = NDArray(
      checkedShape: [3, 2], storage: .float64([1, .nan, 2, 3, .infinity, -.infinity]),
      origin: "x.npy")
    let error = #expect(throws: DataError.self) { try array.matrix(Double.self) }
    #expect(
      error?.description == """
        x.npy (index [0, 1], counting from 0): nan is not a finite number
        2 more such values:
          index [2, 0]: inf
          index [2, 1]: -inf
        """)
  }

  @Test func labelsOutOfRangeAreListedByIndex() throws {
    let labels = NDArray(
      checkedShape: [5], storage: .int64([0, 3, 1, 7, 2]), origin: "y.npy")
    let error = #expect(throws: DataError.self) { try labels.classIndices(classCount: 3) }
    #expect(
      error?.description == """
        y.npy (index [1], counting from 0): label 3 out of range: 3 classes take labels 0..2
        1 more such value:
          index [3]: 7
        """)
  }
}
