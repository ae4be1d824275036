import Foundation
import Testing

@testable import Datasets

@Suite struct DataTableTests {
  @Test func readsQuotedFieldsCRLFAndEmbeddedNewlines() throws {
    let text =
      "name,\"size (cm)\",label\r\n\"a, b\",1.5,cat\r\n\"say \"\"hi\"\"\",2e3,dog\r\n\"two\nlines\",-0.25,cat\r\n"
    let table = try DataTable.parse(text, origin: "t.csv")
    #expect(table.header == ["name", "size (cm)", "label"])
    #expect(table.rows.map { $0[0] } == ["a, b", "say \"hi\"", "two\nlines"])
    #expect(table.lines == [2, 3, 4])
    #expect(try table.numericColumns(["size (cm)"]).storage == .float64([1.5, 2000, -0.25]))
    let (indices, classes) = try table.categoricalColumn("label")
    #expect(indices == [0, 1, 0] && classes == ["cat", "dog"])
  }

  @Test func integerLabelsKeepTheirValues() throws {
    let table = try DataTable.parse("x,target\n1,2\n2,0\n3,1\n", origin: "t.csv")
    let (indices, classes) = try table.categoricalColumn("target")
    #expect(indices == [2, 0, 1] && classes == nil)
  }

  // pandas tells labels apart by their bytes; Swift's String equality merged these two.
  @Test func labelsThatLookAlikeButDifferInBytesAreTwoClasses() throws {
    let composed = "\u{E9}"
    let decomposed = "e\u{301}"
    let table = try DataTable.parse(
      "x,y\n1,\(composed)\n2,\(decomposed)\n3,\(composed)\n", origin: "t.csv")
    let (indices, classes) = try table.categoricalColumn("y")
    #expect(indices == [1, 0, 1])
    #expect(classes?.map { Array($0.unicodeScalars) } == [["e", "\u{301}"], ["\u{E9}"]])
  }

  // pandas.read_csv reads these as NaN; a classifier read `NA` as a third class.
  @Test func missingValueLabelsAreRefusedAtTheirLine() throws {
    for token in ["NA", "NULL", "nan", "#N/A", "None", "<NA>", "n/a", " NA "] {
      for labels in [("0", "1"), ("cat", "dog")] {
        let table = try DataTable.parse(
          "x,y\n1,\(labels.0)\n2,\(token)\n3,\(labels.1)\n", origin: "t.csv")
        let trimmed = token.trimmingCharacters(in: .whitespaces)
        #expect(
          (#expect(throws: DataError.self) { try table.categoricalColumn("y") })?.description
            == "t.csv (line 3, column 'y'): label '\(trimmed)' is a missing value "
            + "(pandas.read_csv reads it as NaN): remove the row or fill in its label; if it is "
            + "a class name, list it in dataset.classes", "\(token)")
        // Listed in dataset.classes, it is a class name; another class list does not admit it.
        let (indices, classes) = try table.categoricalColumn(
          "y", classes: [labels.0, labels.1, trimmed])
        #expect(classes == [labels.0, labels.1, trimmed].sorted() && indices.count == 3)
        #expect(throws: DataError.self) {
          try table.categoricalColumn("y", classes: [labels.0, labels.1])
        }
      }
    }
    // A numeric (regression) target or feature names the missing value too.
    let table = try DataTable.parse("x,y\n1,0.5\n2,NA\n", origin: "t.csv")
    #expect(
      (#expect(throws: DataError.self) { try table.numericColumns(["y"]) })?.description
        == "t.csv (line 3, column 'y'): 'NA' is a missing value (pandas.read_csv reads it as "
        + "NaN): remove the row or fill in the value")
  }

  @Test func malformedTablesNameTheLine() throws {
    func failure(_ text: String) -> String? {
      (#expect(throws: DataError.self) { try DataTable.parse(text, origin: "bad.csv") })?
        .description
    }
    #expect(
      failure("a,b\n1,2\n3\n") == "bad.csv (line 3): expected 2 fields like the header, found 1")
    #expect(
      failure("a,b\n1,\"2\n3,4\n")
        == "bad.csv (line 2): a quoted field is never closed (missing '\"')")
    #expect(
      failure("a,b\n1,2\"x\"\n")?.hasPrefix(
        "bad.csv (line 2:4): a '\"' inside an unquoted field") == true)
    #expect(
      failure("a,a\n1,2\n")
        == "bad.csv (line 1): column 'a' appears twice in the header (columns 1 and 2)")
    // Blank lines before the header are skipped, and counted.
    #expect(
      failure("\n\nb,a,a\n1,2,3\n")
        == "bad.csv (line 3): column 'a' appears twice in the header (columns 2 and 3)")
    #expect(failure("") == "bad.csv: the CSV text is empty: expected a header row")
    // Blank lines in data files are skipped.
    #expect(try DataTable.parse("a,b\n1,2\n\n3,4\n\n", origin: "t.csv").lines == [2, 4])
  }

  @Test func nonNumericAndNaNCellsAreRefused() throws {
    let table = try DataTable.parse("a,b\n1,2\n3,x\n4,nan\n5,\n", origin: "v.csv")
    var error = #expect(throws: DataError.self) { try table.numericColumns(["a", "b"]) }
    #expect(
      error?.description
        == "v.csv (line 3, column 'b'): 'x' is not a number: fix the cell or remove its row\n2 more bad cells:\n  line 4, column 'b': 'nan' is a missing value (pandas.read_csv reads it as NaN): remove the row or fill in the value\n  line 5, column 'b': empty cell where a number is expected: fill it in or remove its row"
    )
    #expect(error?.exitCode == 65)
    let nan = try DataTable.parse("a\nnan\n", origin: "v.csv")
    error = #expect(throws: DataError.self) { try nan.numericColumns(["a"]) }
    #expect(
      error?.description
        == "v.csv (line 2, column 'a'): 'nan' is a missing value (pandas.read_csv reads it as NaN): remove the row or fill in the value"
    )
    // A quoted cell over two lines is shown on one, escaped.
    let split = try DataTable.parse("a\n\"1\r\n2\"\n", origin: "v.csv")
    error = #expect(throws: DataError.self) { try split.numericColumns(["a"]) }
    #expect(
      error?.description
        == "v.csv (line 2, column 'a'): '1\\r\\n2' is not a number: fix the cell or remove its row")
    error = #expect(throws: DataError.self) { try table.numericColumns(["c"]) }
    #expect(error?.description == "v.csv: no column named 'c'; columns: 'a', 'b'")
  }

  /// A column name one typo off a column's (or in another case) is named, as a key's is.
  @Test func missingColumnSuggestsTheClosestName() throws {
    let table = try DataTable.parse("age,bmi,target\n1,2,0\n", origin: "d.csv")
    for (name, guess) in [("Target", "target"), ("bmii", "bmi"), ("tagret", "target")] {
      let error = #expect(throws: DataError.self) { try table.columnIndex(name) }
      #expect(
        error?.description
          == "d.csv: no column named '\(name)'; columns: 'age', 'bmi', 'target'; "
          + "did you mean '\(guess)'?")
    }
    let far = #expect(throws: DataError.self) { try table.columnIndex("weight") }
    #expect(far?.description.contains("did you mean") == false)
  }

  @Test func loaderChecksLabelRange() throws {
    let dir = TemporaryDirectory()
    dir.write("l.csv", text: "x,target\n0.5,0\n0.25,3\n")
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let error = #expect(throws: DataError.self) {
      try loader.load(
        .table(file: "l.csv", features: nil, target: "target"),
        target: .classification(classCount: 2))
    }
    #expect(
      error?.description
        == "\(dir.path)/l.csv (line 3, column 'target'): label 3 out of range: 2 classes take labels 0..1"
    )
  }

  @Test(.needsSharedData) func scikitLearnTablesLoad() throws {
    let loader = DataLoader(locator: DataLocator(searchDirectories: [SharedData.directory]))
    let shapes: [(String, Int, Int, [Int]?)] = [
      ("iris", 150, 4, [50, 50, 50]), ("wine", 178, 13, [59, 71, 48]),
      ("breast_cancer", 569, 30, [212, 357]),
      ("digits", 1797, 64, nil), ("diabetes", 442, 10, nil),
    ]
    for (name, rows, cols, balance) in shapes {
      let dataset = try Catalog.named(name)
      let data = try loader.load(.named(name, part: .train), target: dataset.targetKind)
      #expect(data.features.shape == [rows, cols], "\(name)")
      if let balance {
        let labels = try #require(data.targets).classIndices()
        #expect(
          (0..<balance.count).map { c in labels.filter { $0 == c }.count } == balance, "\(name)")
      }
    }
    let diabetes = try loader.load(.named("diabetes", part: .train), target: .regression)
    #expect(diabetes.featureNames?[2] == "bmi")
    let blobs = try loader.load(
      .table(file: "blobs_primer004.csv", features: nil, target: "target"),
      target: .classification(classCount: 2))
    guard case .float64(let values) = blobs.features.storage else {
      Issue.record("not float64")
      return
    }
    #expect(blobs.features.shape == [300, 2])
    #expect(abs(values.reduce(0, +) - 3307.7079786501645) < 1e-9)
  }

  /// Cells are trimmed of spaces and tabs exactly as Foundation's `.whitespaces` trims them
  /// (the fast path only skips cells that start and end with a visible ASCII character).
  @Test(arguments: [
    "1.5", " 1.5", "1.5 ", "\t-2e3\t", "\u{00A0}7\u{2003}", "  ", "", "a b", " é ", "\u{3000}x",
    "1\n", "\r1",
  ])
  func cellsAreTrimmedAsFoundationTrimsWhitespace(_ cell: String) {
    #expect(String(DataTable.trimmingSpaces(cell)) == cell.trimmingCharacters(in: .whitespaces))
  }
}
