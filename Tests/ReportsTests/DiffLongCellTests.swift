import Conventions
import Testing

@testable import Reports

/// AG3: `runner diff` shows two long texts with the same start around their first difference,
/// each at most 40 characters, and a line says the files hold every character.
@Suite struct DiffLongCellTests {
  static let start = "train longer: the training loss was still falling; raise `optimizer.epochs` "

  @Test func longTextsWithOneStartAreShownAroundTheirFirstDifference() throws {
    let old = Self.start + "from 10 to 20" + String(repeating: " and more", count: 40)
    let new = Self.start + "from 12 to 24" + String(repeating: " and more", count: 60)
    let change = TableDiff.CellChange(row: "row 1", column: "recommendations", old: old, new: new)
    let shown = change.shown
    #expect(shown.allSatisfy { $0.count <= TerminalTable.descriptionWidth }, "\(shown)")
    #expect(shown.allSatisfy { $0.hasPrefix("…") && $0.hasSuffix("…") }, "\(shown)")
    #expect(shown[0].contains("from 10 to 20") && shown[1].contains("from 12 to 24"), "\(shown)")
    #expect(change.isShortened)
    // One number spelt two ways is still shown whole, and marks nothing shortened.
    let number = TableDiff.CellChange(row: "row 1", column: "x", old: "1.0", new: "1.00000001")
    #expect(number.shown == ["1.0", "1.00000001"])
    #expect(!number.isShortened)
  }

  @Test func aTableWithAShortenedCellSaysWhereEveryCharacterIs() throws {
    let header = ["k", "text"]
    let a = try CSVTable(header: header, rows: [["1", Self.start + "from 10 to 20"]])
    let b = try CSVTable(header: header, rows: [["1", Self.start + "from 12 to 24"]])
    let diff = try TableDiff(name: "t.csv", old: a, new: b, options: DiffOptions(keyColumns: ["k"]))
    let text = diff.rendered()
    #expect(text.contains("long text shortened at …: the files and --json hold every character"))
    #expect(text.split(separator: "\n").allSatisfy { $0.count < 140 }, "\(text)")
  }
}
