import Engine
import Foundation
import Testing

@testable import Datasets

/// A wrong dataset or column name gets the name it most likely meant, never one the same list
/// already names; every wrong dataset name of an array source is reported at once.
@Suite struct DataNameGuessTests {
  /// `d.npz` holding `train_set_x` (4 × 2) and `train_set_y` (4 labels).
  static func archive(in dir: TemporaryDirectory) throws -> String {
    let x = try NDArray(shape: [4, 2], storage: .float64([1, 2, 3, 4, 5, 6, 7, 8]))
    let y = try NDArray(shape: [4], storage: .int64([0, 1, 0, 1]))
    return dir.write(
      "d.npz", NPZFile.encode([("train_set_x", x), ("train_set_y", y)], compressed: false))
  }

  @Test func aMissingDatasetNamesTheOneItsWordsMean() throws {
    let dir = TemporaryDirectory()
    let path = try Self.archive(in: dir)
    let error = #expect(throws: DataError.self) { try NPZFile.read(path, member: "train_x") }
    #expect(
      error?.description
        == "\(path): no dataset named 'train_x'; available: 'train_set_x', 'train_set_y'; "
        + "did you mean 'train_set_x'?")
    // A name near none gets no guess.
    let far = #expect(throws: DataError.self) { try NPZFile.read(path, member: "test_y") }
    #expect(far?.description.contains("did you mean") == false)
  }

  @Test func everyWrongDatasetNameOfASourceIsReportedAtItsKey() throws {
    let dir = TemporaryDirectory()
    _ = try Self.archive(in: dir)
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let source = DataSource.arrays(
      features: ArrayReference(file: "d.npz", dataset: "train_x"),
      target: ArrayReference(file: "d.npz", dataset: "test_y"))
    let kind = TargetKind.classification(classCount: 2)
    var notes: [String] = []
    let failures = [
      #expect(throws: DataFailure.self) { try loader.load(source, target: kind, part: .train) },
      #expect(throws: DataFailure.self) {
        try loader.inspect(source, target: kind, part: .train, pendingDatasets: &notes)
      },
    ]
    for failure in failures {
      #expect(failure?.reference == .source(.train, .feature(index: 0)))
      #expect(failure?.description.contains("no dataset named 'train_x'") == true)
      #expect(failure?.also.map(\.reference) == [.source(.train, .target(index: 0))])
      #expect(failure?.also.first?.description.contains("no dataset named 'test_y'") == true)
    }
    // A right target name: the features' error alone.
    let one = DataSource.arrays(
      features: ArrayReference(file: "d.npz", dataset: "train_x"),
      target: ArrayReference(file: "d.npz", dataset: "train_set_y"))
    let alone = #expect(throws: DataFailure.self) {
      try loader.load(one, target: kind, part: .train)
    }
    #expect(alone?.also == [])
  }

  /// `target: train_set_z` beside `features: train_set_x` was "corrected" to `train_set_x` (a
  /// tie broken towards the features' array), whose fix is label leakage (tester H, H3); nor is
  /// a features typo told it meant the target's array.
  @Test func aTargetGuessIsNeverTheFeaturesArray() throws {
    let dir = TemporaryDirectory()
    _ = try Self.archive(in: dir)
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let kind = TargetKind.classification(classCount: 2)
    var notes: [String] = []
    let target = DataSource.arrays(
      features: ArrayReference(file: "d.npz", dataset: "train_set_x"),
      target: ArrayReference(file: "d.npz", dataset: "train_set_z"))
    let features = DataSource.arrays(
      features: ArrayReference(file: "d.npz", dataset: "train_set_yy"),
      target: ArrayReference(file: "d.npz", dataset: "train_set_y"))
    for (source, wrong, meant) in [
      (target, "train_set_z", "train_set_y"), (features, "train_set_yy", "train_set_x"),
    ] {
      let failures = [
        #expect(throws: DataFailure.self) { try loader.load(source, target: kind, part: .train) },
        #expect(throws: DataFailure.self) {
          try loader.inspect(source, target: kind, part: .train, pendingDatasets: &notes)
        },
      ]
      for failure in failures {
        #expect(
          failure?.description.hasSuffix(
            "no dataset named '\(wrong)'; available: 'train_set_x', 'train_set_y'; did you "
              + "mean '\(meant)'?") == true, "\(String(describing: failure))")
      }
    }
  }

  /// The course notebook's `train_set_x_orig` for the file's `train_set_x` got no guess (tester
  /// H, H2): a name extending one by whole words means it, the longest such.
  @Test func aNameExtendingAnArrayNameByWordsMeansIt() throws {
    let names = ["list_classes", "train_set_x", "train_set_y"]
    #expect("train_set_x_orig".likelyMeant(among: names) == "train_set_x")
    #expect("Train_Set_Y_orig".likelyMeant(among: names) == "train_set_y")
    #expect("train_set_x_orig".likelyMeant(among: ["train", "train_set_x"]) == "train_set_x")
    // Not part of a word: `yes` is no `y` extended, `train_set_xyz_abc` no `train_set_x`.
    #expect("yes".likelyMeant(among: ["y", "x"]) == nil)
    #expect("train_set_xyz_abc".likelyMeant(among: names) == nil)
  }

  @Test func aColumnGuessIsNoNameTheListAlreadyNames() throws {
    let table = try DataTable.parse(
      "sepal length (cm),sepal width (cm),petal length (cm)\n1,2,3\n", origin: "i.csv")
    let features = [
      "sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)",
    ]
    let error = #expect(throws: DataError.self) { try table.numericColumns(features) }
    #expect(error?.description.hasPrefix("i.csv: no column named 'petal width (cm)';") == true)
    #expect(error?.description.contains("did you mean") == false, "\(String(describing: error))")
    // Alone, the nearest column is the guess.
    let alone = #expect(throws: DataError.self) { try table.columnIndex("petal width (cm)") }
    #expect(alone?.description.hasSuffix("did you mean 'sepal width (cm)'?") == true)
  }

  @Test func aColumnNameWithoutItsUnitGetsTheOnlyColumnStartingWithIt() throws {
    let table = try DataTable.parse(
      "sepal length (cm),sepal width (cm),species\n1,2,a\n", origin: "i.csv")
    let error = #expect(throws: DataError.self) { try table.columnIndex("Sepal Length") }
    #expect(error?.description.hasSuffix("; did you mean 'sepal length (cm)'?") == true)
    // Two columns start with `sepal`: no guess.
    let two = #expect(throws: DataError.self) { try table.columnIndex("sepal") }
    #expect(two?.description.contains("did you mean") == false)
  }
}
