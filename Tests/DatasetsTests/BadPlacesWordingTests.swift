import Foundation
import Testing

@testable import Datasets

/// How the listed bad places read: a column name with a line break stays on its line, and a
/// part of a split file counts the places of that part.
@Suite struct BadPlacesWordingTests {
  @Test func aColumnNameWithALineBreakKeepsTheErrorOnItsLine() throws {
    let table = try DataTable.parse("x1,\"x\n2\",label\n1,a,0\n2,b,1\n", origin: "m.csv")
    var error = #expect(throws: DataError.self) { try table.numericColumns(["x1", "x\n2"]) }
    #expect(
      error?.description == """
        m.csv (column 'x\\n2'): text, not numbers (e.g. 'a', 'b')
        help: a text column is categorical: encode it as numbers in the file (one 0/1 column \
        per value, as pandas.get_dummies does) or leave it out of `features` (unless \
        `features` is given, every column but the target is a feature)
        """)
    // Two stray words among numbers are listed cell by cell.
    let strays = try DataTable.parse(
      "x1,\"x\n2\",label\n1,a,0\n2,b,1\n3,3,0\n4,4,1\n5,5,0\n", origin: "m.csv")
    error = #expect(throws: DataError.self) { try strays.numericColumns(["x1", "x\n2"]) }
    #expect(
      error?.description == """
        m.csv (line 3, column 'x\\n2'): 'a' is not a number: fix the cell or remove its row
        1 more bad cell:
          line 4, column 'x\\n2': 'b' is not a number: fix the cell or remove its row
        """)
  }

  @Test func aPartOfASplitFileCountsItsOwnPlaces() throws {
    var values = [Double](repeating: 1, count: 20)
    for i in [2, 6, 8, 14] { values[i] = .nan }
    let whole = try NDArray(shape: [10, 2], storage: .float64(values), origin: "x.npy")
    let part = whole.samples([1, 3, 5, 7])
    let error = #expect(throws: DataError.self) { try part.matrix(Double.self) }
    let text = error?.description ?? ""
    #expect(text.contains("\n2 more such values in this part of the data:\n"), "\(text)")
    let wholeError = #expect(throws: DataError.self) { try whole.matrix(Double.self) }
    #expect(wholeError?.description.contains("\n3 more such values:\n") == true)
  }
}

/// A name among class indices is a stray (a typo), not a new class, unless the classes are
/// listed in the spec.
@Suite struct StrayLabelTests {
  @Test func aNameAmongClassIndicesIsRefusedWithItsLine() throws {
    let table = try DataTable.parse("x,y\n1,0\n2,1\n3,abc\n4,1\n5,0\n", origin: "s.csv")
    let error = #expect(throws: DataError.self) { try table.categoricalColumn("y") }
    #expect(
      error?.description
        == "s.csv (line 4, column 'y'): label 'abc' is not a class index like the other labels "
        + "(0, 1): fix or remove the row, or if it is a class, name every class in "
        + "dataset.classes")
    // Listed, the names are classes as written.
    let listed = try table.categoricalColumn("y", classes: ["0", "1", "abc"])
    #expect(listed.classes == ["0", "1", "abc"])
    // Mostly names: a column of names, as before.
    let names = try DataTable.parse("x,y\n1,cat\n2,dog\n3,1\n", origin: "n.csv")
    #expect(try names.categoricalColumn("y").classes == ["1", "cat", "dog"])
  }
}

/// Empty and missing-value labels are one kind of fault, listed together in line order.
@Suite struct MissingLabelOrderTests {
  @Test func emptyAndMissingLabelsAreListedInLineOrder() throws {
    let table = try DataTable.parse("x,y\n1,0\n2,NA\n3,1\n4,\n", origin: "o.csv")
    let error = #expect(throws: DataError.self) { try table.categoricalColumn("y") }
    #expect(
      error?.description == """
        o.csv (line 3, column 'y'): label 'NA' is a missing value (pandas.read_csv reads it as \
        NaN): remove the row or fill in its label; if it is a class name, list it in \
        dataset.classes
        1 more such label:
          line 5: empty
        """)
  }
}
