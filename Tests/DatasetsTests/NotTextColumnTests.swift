import Foundation
import Testing

@testable import Datasets

/// Columns of numbers with missing-value markers (`?`), percentages or units are not text: their
/// cells are listed with what to write instead, and no column of them gets the categorical (or,
/// for a regression's target, the classification) advice.
@Suite struct NotTextColumnTests {
  /// The UCI horse-colic shape: a numeric column, two cells in three `?`.
  static let horse = """
    x,temp,y
    0,37.0,0.5
    1,?,?
    2,?,?
    3,38.1,1.5
    4,?,?
    5,?,?

    """

  @Test func aFeatureColumnMostlyOfQuestionMarksListsItsMissingValues() throws {
    let table = try DataTable.parse(Self.horse, origin: "h.csv")
    let error = #expect(throws: DataError.self) { try table.numericColumns(["x", "temp"]) }
    #expect(
      error?.description == """
        h.csv (line 3, column 'temp'): '?' marks a missing value: remove the row or fill in the \
        value
        3 more bad cells:
          line 4, column 'temp': '?' marks a missing value: remove the row or fill in the value
          line 6, column 'temp': '?' marks a missing value: remove the row or fill in the value
          line 7, column 'temp': '?' marks a missing value: remove the row or fill in the value
        """)
  }

  @Test func aRegressionTargetMostlyOfQuestionMarksIsNotCalledClassNames() throws {
    let dir = TemporaryDirectory()
    dir.write("h.csv", text: Self.horse)
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let error = #expect(throws: DataFailure.self) {
      try loader.load(
        .table(file: "h.csv", features: ["x"], target: "y"), target: .regression, part: .whole)
    }
    #expect(
      error?.description == """
        \(dir.path)/h.csv (line 3, column 'y'): '?' marks a missing value: remove the row or \
        fill in the value
        3 more bad cells:
          line 4, column 'y': '?' marks a missing value: remove the row or fill in the value
          line 6, column 'y': '?' marks a missing value: remove the row or fill in the value
          line 7, column 'y': '?' marks a missing value: remove the row or fill in the value
        """)
  }

  @Test func otherMissingMarkersAndOneRepeatedWordAreNotText() throws {
    for marker in ["-", "--", ".", "na", "N/a", "none", "None", "NULL", "missing", "unknown"] {
      let table = try DataTable.parse("a\n\(marker)\n1\n\(marker)\n\(marker)\n", origin: "m.csv")
      let error = #expect(throws: DataError.self) { try table.numericColumns(["a"]) }
      let pandas = DataTable.missingValues.contains(marker)
      #expect(
        error?.description.hasPrefix(
          "m.csv (line 2, column 'a'): '\(marker)' "
            + (pandas ? "is a missing value (pandas" : "marks a missing value: remove the row"))
          == true, "\(error?.description ?? "")")
    }
    // One word down a column of numbers is a marker, not a category: its cells are listed.
    let table = try DataTable.parse("a\nabsent\n1\nabsent\nabsent\n", origin: "w.csv")
    let error = #expect(throws: DataError.self) { try table.numericColumns(["a"]) }
    #expect(
      error?.description == """
        w.csv (line 2, column 'a'): 'absent' is not a number: fix the cell or remove its row
        2 more bad cells:
          line 4, column 'a': 'absent' is not a number: fix the cell or remove its row
          line 5, column 'a': 'absent' is not a number: fix the cell or remove its row
        """)
  }

  @Test func aColumnOfPercentagesSaysToWriteTheNumberAlone() throws {
    let table = try DataTable.parse("x,rate\n1,5%\n2,3%\n3, 12.5 %\n", origin: "p.csv")
    let error = #expect(throws: DataError.self) { try table.numericColumns(["x", "rate"]) }
    #expect(
      error?.description == """
        p.csv (line 2, column 'rate'): '5%' is a percentage: write the number alone, as 5 or \
        as 0.05 (whichever the column means, the same in every cell)
        2 more bad cells:
          line 3, column 'rate': '3%' is a percentage: write the number alone, as 3 or as 0.03 \
        (whichever the column means, the same in every cell)
          line 4, column 'rate': ' 12.5 %' is a percentage: write the number alone, as 12.5 or \
        as 0.125 (whichever the column means, the same in every cell)
        """)
    // A whole fraction is written without a decimal point.
    let whole = try DataTable.parse("a\n0%\n100%\n", origin: "w.csv")
    let wholeError = #expect(throws: DataError.self) { try whole.numericColumns(["a"]) }
    #expect(
      wholeError?.description.contains(
        "'0%' is a percentage: write the number alone, as 0 (") == true)
    #expect(
      wholeError?.description.contains(
        "'100%' is a percentage: write the number alone, as 100 or as 1 (") == true)
  }

  @Test func aColumnOfAmountsOrMeasuresSaysToWriteTheNumberAlone() throws {
    let table = try DataTable.parse(
      "price,weight\n$3,12kg\n$12.50,3 cm\n-$4,37.5°C\n€2,60 km/h\n", origin: "u.csv")
    let error = #expect(throws: DataError.self) { try table.numericColumns(["price", "weight"]) }
    let unit = "is a number with a unit: write the number alone"
    let same = "in the same unit in every cell"
    #expect(
      error?.description == """
        u.csv (line 2, column 'price'): '$3' \(unit) (e.g. '3'), \(same)
        7 more bad cells:
          line 2, column 'weight': '12kg' \(unit) (e.g. '12'), \(same)
          line 3, column 'price': '$12.50' \(unit) (e.g. '12.50'), \(same)
          line 3, column 'weight': '3 cm' \(unit) (e.g. '3'), \(same)
          line 4, column 'price': '-$4' \(unit) (e.g. '-4'), \(same)
          line 4, column 'weight': '37.5°C' \(unit) (e.g. '37.5'), \(same)
          and 2 more
        """)
    for (cell, number) in [("90°", "90"), ("3 m²", "3"), ("5€", "5"), ("+$2", "+2"), ("$-2", "-2")]
    {
      #expect(DataTable.numberWithUnit(cell[...])?.number == number[...], "\(cell)")
    }
    // Codes and words are not numbers with units.
    for word in ["C85", "abc", "12abcdef", "kg", "$", "$x", "-$-3", "3-4"] {
      #expect(DataTable.numberWithUnit(word[...]) == nil, "\(word)")
    }
  }

  @Test func aTextColumnWithMissingMarkersIsStillNamedOnce() throws {
    let table = try DataTable.parse(
      "x,color\n1,red\n2,?\n3,blue\n4,?\n5,red\n6,green\n", origin: "c.csv")
    let error = #expect(throws: DataError.self) { try table.numericColumns(["x", "color"]) }
    #expect(
      error?.description
        == "c.csv (column 'color'): text, not numbers (e.g. 'red', 'blue', 'green')\n"
        + TextColumnTests.featureHelp)
  }

  /// No false positive on real data: every bundled and shared CSV table reads whole as numbers,
  /// and no column of it counts as text.
  @Test func everyBundledAndSharedTableReadsAsNumbers() throws {
    var folders = [BundledDataTests.folder]
    if SharedData.available { folders.append(SharedData.directory) }
    var checked = 0
    for folder in folders {
      let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".csv.gz") }.sorted()
      #expect(!files.isEmpty, "\(folder)")
      for file in files {
        let table = try DataTable.read(folder + "/" + file)
        let values = try table.numericColumns(table.header)
        #expect(values.shape == [table.rows.count, table.header.count], "\(file)")
        #expect(!table.header.indices.contains { table.isTextColumn($0) }, "\(file)")
        // Nor does any column number the rows (an ID warned of when trained on).
        #expect(DataLoader.rowNumbers(values, table.header).isEmpty, "\(file)")
        checked += 1
      }
    }
    #expect(checked >= 7)
  }
}
