import Foundation
import Testing
import Vocabulary

@testable import Datasets

/// What a newcomer's first tables trip on: a date column burying the one missing value, a
/// header written `Name, Age`, a label named by a row in one message and a line in another,
/// labels 1 and 2 that `dataset.classes` could not name, and the facts (target range, smallest
/// label) the spec's data rules read.
@Suite struct NewcomerDataTests {
  /// A column with no number (dates) is named once as text to leave out or convert, beside a
  /// categorical one; the one empty `Age` cell is listed after them, not lost in "and 196 more".
  @Test func aDateColumnIsNamedOnceAndTheMissingValueListed() throws {
    var csv = "Signup Date,Age,Embarked\n"
    for i in 1...30 {
      csv += "2020-01-\(String(format: "%02d", i % 28 + 1)),\(i == 6 ? "" : "\(20 + i)"),"
      csv += "\(["S", "C", "Q"][i % 3])\n"
    }
    let table = try DataTable.parse(csv, origin: "p.csv")
    let error = #expect(throws: DataError.self) {
      try table.numericColumns(["Signup Date", "Age", "Embarked"])
    }
    #expect(
      error?.description == """
        p.csv (columns 'Signup Date', 'Embarked'): text, not numbers (e.g. '2020-01-02', 'C')
        help: 'Signup Date' holds dates, IDs or free text (its values hardly repeat), not \
        categories: leave it out of `features`, or convert it to numbers in the file (a date as \
        the days since a fixed date); 'Embarked' is categorical: encode it as numbers in the \
        file (one 0/1 column per value, as pandas.get_dummies does) or leave it out of \
        `features` (unless `features` is given, every column but the target is a feature)
        1 more bad cell:
          line 7, column 'Age': empty cell where a number is expected: fill it in or remove its row
        """)
    // Alone, such a column gets that advice alone; one bad cell stays a cell.
    let dates = try DataTable.parse("d,x\n2020-01-01,1\n2020-01-02,2\n", origin: "d.csv")
    let alone = #expect(throws: DataError.self) { try dates.numericColumns(["d", "x"]) }
    #expect(
      alone?.description == """
        d.csv (column 'd'): text, not numbers (e.g. '2020-01-01', '2020-01-02')
        help: a text column of dates, IDs or free text (its values hardly repeat) is no \
        category: leave it out of `features`, or convert it to numbers in the file (a date as \
        the days since a fixed date) (unless `features` is given, every column but the target \
        is a feature)
        """)
    let one = try DataTable.parse("d,x\n2020-01-01,1\n", origin: "o.csv")
    #expect(
      (#expect(throws: DataError.self) { try one.numericColumns(["d"]) })?.description
        == "o.csv (line 2, column 'd'): '2020-01-01' is not a number: fix the cell or remove its row"
    )
  }

  /// Free text (every name different, more than 20) is no category either.
  @Test func manyDifferentWordsAreFreeText() throws {
    let names = (0..<30).map { "Passenger \(Character(UnicodeScalar(65 + $0 % 26)!))\($0)" }
    let table = try DataTable.parse(
      "Name,x\n" + names.map { "\($0),1\n" }.joined(), origin: "n.csv")
    let error = #expect(throws: DataError.self) { try table.numericColumns(["Name", "x"]) }
    #expect(
      error?.description.contains(
        "help: a text column of dates, IDs or free text (its values hardly repeat) is no category")
        == true, "\(error?.description ?? "")")
  }

  /// `Name, Age, Survived`: the names after a comma start with a space, which is said, with the
  /// fix, instead of `did you mean ' Survived'?`.
  @Test func aHeaderWithSpacesAfterItsCommasIsSaidSo() throws {
    let table = try DataTable.parse("Name, Age, Survived\n1, 22, 0\n", origin: "s.csv")
    let error = #expect(throws: DataError.self) { try table.columnIndex("Survived") }
    #expect(
      error?.description
        == "s.csv: no column named 'Survived'; columns: 'Name', ' Age', ' Survived'; the "
        + "header's names after its commas start with a space (the file separates them with "
        + "', '): remove the spaces after the header's commas, or name the column with its "
        + "space (' Survived')")
    // A typo in a header without spaces keeps its guess.
    let plain = try DataTable.parse("Name,Age\n1,2\n", origin: "p.csv")
    #expect(
      (#expect(throws: DataError.self) { try plain.columnIndex("Agee") })?.description
        .hasSuffix("did you mean 'Age'?") == true)
  }

  /// The refusal of a run (`prepare`) and of `runner validate` (`inspect`) of the CSV files
  /// `train` and `test` in `dir`, each expected to throw: (which check, its failure).
  static func refusals(_ dir: TemporaryDirectory, train: String, test: String)
    -> [(String, DataFailure?)]
  {
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let table = { (file: String) in DataSource.table(file: file, features: ["x"], target: "label") }
    let configuration = DataConfiguration(
      split: .given(train: table(train), dev: nil, test: table(test)),
      target: .classification(classCount: nil), seed: 1)
    return ["prepare", "inspect"].map { check in
      let error = #expect(throws: DataFailure.self) {
        if check == "prepare" {
          _ = try loader.prepare(configuration, as: Double.self)
        } else {
          _ = try loader.inspect(configuration)
        }
      }
      return (check, error)
    }
  }

  /// A label outside the training set's classes is located at its line and column, as the
  /// table's other label errors are (it was `row 3`).
  @Test func aLabelOutsideTheClassesIsLocatedAtItsLine() throws {
    let dir = TemporaryDirectory()
    dir.write("pets.csv", text: "x,label\n1,cat\n2,dog\n3,cat\n")
    dir.write("emus.csv", text: "x,label\n1,cat\n\n2,emu\n3,emu\n")
    for (check, error) in Self.refusals(dir, train: "pets.csv", test: "emus.csv") {
      #expect(
        error?.description == """
          \(dir.path)/emus.csv (line 4, column 'label'): label 'emu' is not one of the training \
          set's classes ('cat', 'dog')
          1 more such label:
            line 5: 'emu'
          """, "\(check)")
    }
  }

  /// Test labels written as names ('a', 'b') beside training labels written as indices (0, 1)
  /// were numbered by their own sorted names, so 'a' silently meant class 0: wrong test
  /// figures, exit 0. Both the run and `runner validate` now refuse them at the test's target,
  /// the file located at its first label's line (reviewer A11).
  @Test func namedTestLabelsBesideIndexedTrainingLabelsAreRefused() throws {
    let dir = TemporaryDirectory()
    dir.write("train.csv", text: "x,label\n1,0\n2,1\n3,0\n")
    dir.write("test.csv", text: "x,label\n1,b\n2,a\n")
    for (check, error) in Self.refusals(dir, train: "train.csv", test: "test.csv") {
      #expect(error?.reference == .source(.test, .target(index: 0)), "\(check)")
      #expect(
        error?.description == "\(dir.path)/test.csv (line 2, column 'label'): the labels are "
          + "names ('a', "
          + "'b'), but the training set's labels are class indices: write these labels as the "
          + "same indices, or write the training set's labels as these names", "\(check)")
    }
  }

  /// Test labels that are class indices in an array file (`.npy`, the course's HDF5 test file)
  /// beside a training CSV of names were read against the training names' sorted order:
  /// 'zeta' (label 0 in the test file) sorted after 'alpha', so every test label was flipped
  /// (test accuracy 0.1 for 0.9), exit 0. Refused as a CSV of indices is, unless
  /// `dataset.classes` gives the names in index order.
  @Test func indexLabelsInAnArrayFileBesideNamedTrainingLabelsAreRefused() throws {
    let dir = TemporaryDirectory()
    dir.write("train.csv", text: "x,label\n-1,zeta\n1,alpha\n-2,zeta\n2,alpha\n")
    dir.write("x.npy", Self.npy("<f8", shape: "(2, 1)", [-1.0, 1.0].map(\.bitPattern)))
    dir.write("y.npy", Self.npy("<i8", shape: "(2,)", [0, 1]))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    var configuration = DataConfiguration(
      split: .given(
        train: .table(file: "train.csv", features: ["x"], target: "label"), dev: nil,
        test: .arrays(
          features: ArrayReference(file: "x.npy"), target: ArrayReference(file: "y.npy"))),
      target: .classification(classCount: nil), seed: 1)
    for check in ["prepare", "inspect"] {
      let error = #expect(throws: DataFailure.self, "\(check)") {
        if check == "prepare" {
          _ = try loader.prepare(configuration, as: Double.self)
        } else {
          _ = try loader.inspect(configuration)
        }
      }
      #expect(error?.reference == .source(.test, .targetFile), "\(check)")
      #expect(
        error?.description.hasSuffix(
          "y.npy: the labels are class indices, but the training set's classes are names "
            + "('alpha', 'zeta'): write the labels as those names, or list the classes in the "
            + "order of these indices, label 0 first (dataset.classes: ['alpha', 'zeta'], "
            + "reordered so)") == true, "\(check): \(error?.description ?? "")")
    }
    // With the names in index order, label 0 is 'zeta'.
    configuration.classNames = ["zeta", "alpha"]
    let sets = try loader.prepare(configuration, as: Double.self)
    #expect(sets.test?.classIndices == [0, 1])
    #expect(sets.train.classIndices == [0, 1, 0, 1])
  }

  /// A version 1 `.npy` file of `descr` values (their bits, little-endian) and `shape`.
  static func npy(_ descr: String, shape: String, _ words: [UInt64]) -> [UInt8] {
    var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
    header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
    bytes += [UInt8(header.utf8.count & 0xff), UInt8(header.utf8.count >> 8)] + Array(header.utf8)
    for word in words { bytes += withUnsafeBytes(of: word.littleEndian, Array.init) }
    return bytes
  }

  /// A test label written with other bytes than the training label it looks like (`e` + U+0301
  /// against U+00E9) is another class, as pandas reads it; it had been merged silently.
  @Test func aLabelOfOtherBytesIsNotATrainingClass() throws {
    let dir = TemporaryDirectory()
    dir.write("train.csv", text: "x,label\n1,\u{E9}\n2,a\n")
    dir.write("test.csv", text: "x,label\n1,a\n2,e\u{301}\n")
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let table = { (file: String) in DataSource.table(file: file, features: ["x"], target: "label") }
    let configuration = DataConfiguration(
      split: .given(train: table("train.csv"), dev: nil, test: table("test.csv")),
      target: .classification(classCount: nil), seed: 1)
    let error = #expect(throws: DataFailure.self) {
      _ = try loader.prepare(configuration, as: Double.self)
    }
    #expect(error?.description.contains("test.csv (line 3, column 'label'): label '") == true)
  }

  /// Integer labels that `dataset.classes` lists are names: `classes: ['1', '2']` makes label 1
  /// class 0 (it was refused: "the labels are class indices, but dataset.classes are names").
  @Test func integerLabelsListedInClassesAreNames() throws {
    let dir = TemporaryDirectory()
    dir.write("l.csv", text: "x,label\n1,2\n2,1\n3,2\n4,1\n")
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let configuration = DataConfiguration(
      split: .given(
        train: .table(file: "l.csv", features: ["x"], target: "label"), dev: nil, test: nil),
      target: .classification(classCount: nil), classNames: ["1", "2"], seed: 1)
    let data = try loader.prepare(configuration, as: Double.self)
    #expect(data.train.classIndices == [1, 0, 1, 0])
    #expect(data.smallestLabel == 0)
    #expect(try loader.inspect(configuration).classes == 2)
  }

  /// The facts the spec's data rules read: a regression's target range over every set and the
  /// smallest label, the same from `runner validate`'s inspection as from the prepared data.
  @Test func theTargetRangeAndSmallestLabelAreKnownToBothChecks() throws {
    let dir = TemporaryDirectory()
    dir.write("r.csv", text: "x,y\n1,-213.5\n2,0.25\n3,198\n4,7\n5,3\n")
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let source = DataSource.table(file: "r.csv", features: ["x"], target: "y")
    let split = SplitPlan.fractions(
      source: source, try Fractions(train: 0.6, test: 0.4, stratified: false))
    let regression = DataConfiguration(split: split, target: .regression, seed: 3)
    let spread = try #require(TargetSpread([-213.5, 0.25, 198, 7, 3]))
    #expect(try loader.prepare(regression, as: Double.self).targetRange == [spread])
    let inspection = try loader.inspect(regression)
    #expect(inspection.targetRange == [spread])
    #expect(
      [spread.lowest, spread.highest, spread.low, spread.high] == [-213.5, 198, -213.5, 198])
    #expect(inspection.smallestLabel == nil)
    dir.write("c.csv", text: "x,y\n1,1\n2,2\n3,1\n4,2\n5,2\n")
    let classes = DataConfiguration(
      split: .fractions(
        source: .table(file: "c.csv", features: ["x"], target: "y"),
        try Fractions(train: 0.6, test: 0.4, stratified: false)),
      target: .classification(classCount: nil), seed: 3)
    let prepared = try loader.prepare(classes, as: Float.self)
    #expect(prepared.smallestLabel == 1)
    #expect(prepared.targetRange == nil)
    #expect(try loader.inspect(classes).smallestLabel == 1)
  }

  /// A default feature column that numbers the rows (0 to n−1 or 1 to n in file order) is
  /// found; a column of one feature, listed features, or numbers out of order are not.
  @Test func aColumnNumberingTheRowsIsFound() throws {
    let dir = TemporaryDirectory()
    var csv = "PassengerId,index0,Age,y\n"
    for i in 1...6 { csv += "\(i),\(i - 1),\(30 - i),\(i % 2)\n" }
    dir.write("ids.csv", text: csv)
    dir.write("one.csv", text: "x,y\n1,0\n2,1\n3,0\n")
    dir.write("odd.csv", text: "x,z,y\n1,0,0\n3,1,1\n2,2,0\n")
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    func columns(_ file: String, _ features: [String]? = nil) throws -> [String] {
      try loader.load(
        .table(file: file, features: features, target: "y"),
        target: .classification(classCount: nil)
      ).rowNumberColumns
    }
    #expect(try columns("ids.csv") == ["PassengerId", "index0"])
    #expect(try columns("ids.csv", ["PassengerId", "Age"]) == [])
    #expect(try columns("one.csv") == [])
    #expect(try columns("odd.csv") == ["z"])
  }

  /// Labels 1 and 2 for the classes `[a, b]` are out of range, and look 1-based: the error says
  /// so, and to renumber them from 0. Labels out of range otherwise keep the plain error.
  @Test func oneBasedLabelsOutOfRangeOfTheNamedClassesAreSaidToLookOneBased() throws {
    let dir = TemporaryDirectory()
    dir.write("o.csv", text: "x,y\n1,1\n2,2\n3,1\n4,2\n")
    dir.write("p.csv", text: "x,y\n1,0\n2,2\n3,1\n4,2\n")
    var loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    loader.classNames = ["a", "b"]
    func error(_ file: String) -> String? {
      #expect(throws: DataError.self) {
        try loader.load(
          .table(file: file, features: ["x"], target: "y"),
          target: .classification(classCount: 2))
      }?.description
    }
    #expect(
      error("o.csv")
        == "\(dir.path)/o.csv (line 3, column 'y'): label 2 out of range: 2 classes take labels "
        + "0..1; class indices start at 0, and labels 1 to 2 look 1-based: renumber them from 0 "
        + "(subtract 1), so that 1 is 'a'\n1 more such label:\n  line 5: '2'")
    #expect(
      error("p.csv")
        == "\(dir.path)/p.csv (line 3, column 'y'): label 2 out of range: 2 classes take labels "
        + "0..1\n1 more such label:\n  line 5: '2'")
  }
}
