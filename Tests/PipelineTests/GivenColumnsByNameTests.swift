import Datasets
import Foundation
import Specs
import Testing

@testable import Pipeline

/// A given dev or test table without `features:` takes the training table's features by name,
/// as `runner predict` does: a test file whose columns are in another order was paired by
/// position and scored with its features swapped, silently. A file lacking a training feature,
/// or holding a column the training file lacks, is refused at its `file:` naming the columns.
@Suite struct GivenColumnsByNameTests {
  /// `tr.csv` (`a,b,y`, 6 rows) and the test tables `files` (name: text) in a new folder.
  static func project(_ files: [String: String], label: String = #function) throws -> URL {
    let dir = TestProject.temporaryDirectory(label)
    let train = "a,b,y\n1,2,0\n2,3,1\n3,1,0\n4,2,1\n5,3,0\n6,1,1\n"
    for (name, text) in files.merging(["tr.csv": train], uniquingKeysWith: { a, _ in a }) {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return dir
  }

  static func configuration(test: String, train: String = "{file: tr.csv, target: y}") throws
    -> DataConfiguration
  {
    let text = """
      dataset:
        train: \(train)
        test: \(test)
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: gd, learning_rate: 0.1, iterations: 5}

      """
    return try DataConfiguration(SpecLoader.load(text: text, file: "s.yaml").spec)
  }

  static func loader(_ dir: URL) -> DataLoader {
    DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
  }

  static func testFeatures(_ dir: URL, test: String, train: String = "{file: tr.csv, target: y}")
    throws -> [Double]
  {
    let data = try loader(dir).prepare(
      configuration(test: test, train: train), as: Double.self)
    return data.test?.features.storage ?? []
  }

  @Test func aTestTableWithColumnsInAnotherOrderIsReadByName() throws {
    let dir = try Self.project([
      "swapped.csv": "b,a,y\n2,1,0\n3,2,1\n1,3,0\n",
      "ordered.csv": "a,b,y\n1,2,0\n2,3,1\n3,1,0\n",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let ordered = try Self.testFeatures(dir, test: "{file: ordered.csv, target: y}")
    #expect(ordered == [1, 2, 2, 3, 3, 1])
    #expect(try Self.testFeatures(dir, test: "{file: swapped.csv, target: y}") == ordered)
    // An explicit list per file is taken as written.
    let listed = try Self.testFeatures(
      dir, test: "{file: swapped.csv, target: y, features: [b, a]}",
      train: "{file: tr.csv, target: y, features: [a, b]}")
    #expect(listed == [2, 1, 3, 2, 1, 3])
  }

  @Test func aTestTableLackingOrAddingAColumnIsRefusedAtItsFile() throws {
    let dir = try Self.project([
      "missing.csv": "a,y\n1,0\n2,1\n",
      "extra.csv": "a,b,c,y\n1,2,9,0\n2,3,9,1\n",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    for (file, words) in [
      ("missing.csv", "missing.csv lacks the training file's feature column 'b': features are"),
      ("extra.csv", "extra.csv has column 'c', which \(dir.path)/tr.csv lacks: features are"),
    ] {
      let configuration = try Self.configuration(test: "{file: \(file), target: y}")
      // `runner run` and `runner validate` alike.
      let loader = Self.loader(dir)
      let found = [
        #expect(throws: DataFailure.self) {
          _ = try loader.prepare(configuration, as: Double.self)
        },
        #expect(throws: DataFailure.self) { _ = try loader.inspect(configuration) },
      ]
      for failure in found {
        #expect(failure?.reference == .source(.test, .file))
        #expect(failure?.description.contains(words) == true, "\(failure?.description ?? "")")
        #expect(failure?.description.contains("(\(dir.path)/tr.csv trains on 'a', 'b'") == true)
      }
    }
  }

  /// A column the training file has but leaves out of `features:` may be in the test file too.
  @Test func aColumnTheTrainingFileLeavesUnusedIsLeftOutOfTheTestFile() throws {
    let dir = try Self.project(["extra.csv": "c,b,a,y\nx,2,1,0\ny,3,2,1\n"])
    defer { try? FileManager.default.removeItem(at: dir) }
    try "a,b,c,y\n1,2,x,0\n2,3,y,1\n3,1,z,0\n".write(
      to: dir.appendingPathComponent("tr.csv"), atomically: true, encoding: .utf8)
    let features = try Self.testFeatures(
      dir, test: "{file: extra.csv, target: y}",
      train: "{file: tr.csv, target: y, features: [a, b]}")
    #expect(features == [1, 2, 2, 3])
  }

  /// Arrays have no column names: a test `.npy` file stays paired by position with a table.
  @Test func arraysStayPairedByPosition() throws {
    let dir = try Self.project([:])
    defer { try? FileManager.default.removeItem(at: dir) }
    let x = try NDArray(shape: [2, 2], storage: .float64([2, 1, 3, 2]))
    let y = try NDArray(shape: [2], storage: .int64([0, 1]))
    try Data(NPYFile.encode(x)).write(to: dir.appendingPathComponent("x.npy"))
    try Data(NPYFile.encode(y)).write(to: dir.appendingPathComponent("y.npy"))
    let features = try Self.testFeatures(dir, test: "{file: x.npy, target_file: y.npy}")
    #expect(features == [2, 1, 3, 2])
  }
}
