import Foundation
import Testing

@testable import Datasets

/// A column of words where numbers are read is named once, with what to do about it (encode
/// it or leave it out of the features; for a regression's target, make the task a
/// classification), instead of five of its cells, each "is not a number" and nothing to do.
@Suite struct TextColumnTests {
  static let featureHelp =
    "help: a text column is categorical: encode it as numbers in the file (one 0/1 column per "
    + "value, as pandas.get_dummies does) or leave it out of `features` (unless `features` is "
    + "given, every column but the target is a feature)"

  @Test func aFeatureColumnOfWordsIsNamedOnceWithWhatToDo() throws {
    var csv = "x1,color,label\n"
    for (i, color) in ["red", "blue", "red", "green", "blue", "red", "red"].enumerated() {
      csv += "\(i),\(color),\(i % 2)\n"
    }
    let table = try DataTable.parse(csv, origin: "c.csv")
    let error = #expect(throws: DataError.self) { try table.numericColumns(["x1", "color"]) }
    #expect(
      error?.description
        == "c.csv (column 'color'): text, not numbers (e.g. 'red', 'blue', 'green')\n"
        + Self.featureHelp)
    #expect(error?.exitCode == 65)
  }

  @Test func severalColumnsOfWordsAreNamedTogetherAndOtherBadCellsListed() throws {
    let csv = """
      Name,Sex,Age,Cabin,Survived
      "Braund, Mr. Owen",male,22,,0
      "Cumings, Mrs. John",female,38,C85,1
      Heikkinen,female,,,1
      Futrelle,female,35,C123,1
      Moran,male,x,,0

      """
    let table = try DataTable.parse(csv, origin: "t.csv")
    let error = #expect(throws: DataError.self) {
      try table.numericColumns(["Name", "Sex", "Age", "Cabin"])
    }
    #expect(
      error?.description == """
        t.csv (columns 'Name', 'Sex', 'Cabin'): text, not numbers (e.g. 'Braund, Mr. Owen', \
        'male', 'C85')
        help: text columns are categorical: encode them as numbers in the file (one 0/1 column \
        per value, as pandas.get_dummies does) or leave them out of `features` (unless \
        `features` is given, every column but the target is a feature)
        2 more bad cells:
          line 4, column 'Age': empty cell where a number is expected: fill it in or remove its row
          line 6, column 'Age': 'x' is not a number: fix the cell or remove its row
        """)
  }

  @Test func aRegressionTargetOfWordsSaysToMakeTheTaskAClassification() throws {
    let dir = TemporaryDirectory()
    dir.write("r.csv", text: "x,y\n1,high\n2,low\n3,high\n")
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let error = #expect(throws: DataFailure.self) {
      try loader.load(
        .table(file: "r.csv", features: ["x"], target: "y"), target: .regression, part: .whole)
    }
    #expect(
      error?.description
        == "\(dir.path)/r.csv (column 'y'): text, not numbers (e.g. 'high', 'low')\nhelp: a "
        + "regression's target is a number; a column of class names is a classification's "
        + "target: train model type logreg with loss binary_cross_entropy (two classes)")
    #expect(error?.reference == .source(.whole, .target(index: 0)))
  }

  /// Only what trains on the names is offered: linreg takes no classification loss (tester BC
  /// F8), and cross_entropy is for more than two classes.
  @Test func aRegressionTargetOfThreeNamesSaysCrossEntropy() throws {
    let dir = TemporaryDirectory()
    dir.write("r.csv", text: "x,y\n1,high\n2,low\n3,mid\n4,low\n")
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let error = #expect(throws: DataFailure.self) {
      try loader.load(
        .table(file: "r.csv", features: ["x"], target: "y"), target: .regression, part: .whole)
    }
    #expect(
      error?.description.hasSuffix(
        "target: train model type logreg with loss cross_entropy (3 classes)") == true)
  }

  @Test func aFewWordsAmongNumbersAreCellsToFix() throws {
    // Two words and three numbers: strays, each listed.
    let table = try DataTable.parse("a\n1\nx\n2\ny\n3\n", origin: "s.csv")
    let error = #expect(throws: DataError.self) { try table.numericColumns(["a"]) }
    #expect(
      error?.description == """
        s.csv (line 3, column 'a'): 'x' is not a number: fix the cell or remove its row
        1 more bad cell:
          line 5, column 'a': 'y' is not a number: fix the cell or remove its row
        """)
    // Near misses (a missing value, a decimal comma) are not words.
    let near = try DataTable.parse("a\nNA\n\"1,5\"\nNA\n", origin: "n.csv")
    let nearError = #expect(throws: DataError.self) { try near.numericColumns(["a"]) }
    #expect(
      nearError?.description.hasPrefix("n.csv (line 2, column 'a'): 'NA' is a missing") == true)
  }
}
