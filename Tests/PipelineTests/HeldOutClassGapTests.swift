import Datasets
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// A split in file order (`shuffle: false`) on rows stored class by class gives a held-out part
/// of one class (tester AN's AN6: iris's test part all virginica, test accuracy 0, advised to
/// train longer and a bigger model): warned at `shuffle`, and the split is the one advice.
@Suite struct HeldOutClassGapTests {
  static let iris = TestProject.root.appendingPathComponent("experiments/data/iris.csv").path

  static func spec(_ split: String) -> String {
    """
    name: iris-split
    dataset:
      file: '\(iris)'
      target: target
      split: \(split)
    model: {type: logreg}
    loss: cross_entropy
    optimizer: {type: gd, learning_rate: 0.1, iterations: 50}

    """
  }

  @Test func aOneClassTestPartIsWarnedAtShuffleAndTheSplitIsTheAdvice() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = try TestProject.writeSpec(
      Self.spec("{train: 0.8, test: 0.2, shuffle: false}"), in: directory)
    let finding =
      "the test part holds only class '2' (30 rows), while training has 3 classes: the rows "
      + "look sorted by class, and `shuffle: false` takes the parts in file order (train "
      + "first); remove `shuffle: false` to draw each part from every class"
    // `runner validate` reads the data and says it, at the value of `shuffle`.
    let context = try ProjectContext(specPath: path, environment: [:], resultsRoot: directory.path)
    var checked = CheckedData()
    let loaded = try ExperimentRunner.load(specPath: path)
    let warnings = try ExperimentRunner.checkData(loaded, context: context, checked: &checked)
      .warnings
    #expect(warnings.map(\.message) == [finding])
    #expect(warnings.first?.location?.description == "\(path):5:43")
    #expect(warnings.first?.fixIt == "remove 'shuffle: false'")
    // `runner run` says it before training, and advises the split alone.
    let outcome = try TestProject.run(path, resultsRoot: directory.appendingPathComponent("r"))
    #expect(outcome.warnings == ["\(path):5:43: \(finding)"])
    let table = try TestProject.table(outcome.directory, "bias_variance.csv")
    let row = Dictionary(uniqueKeysWithValues: zip(table.header, table.rows[0]))
    #expect(
      row["recommendations"]
        == "fix the split first: the test part holds only class '2' (30 rows), while training "
        + "has 3 classes, so its error measures the split, not the model's bias or variance: "
        + "the rows look sorted by class, and `shuffle: false` takes the parts in file order "
        + "(train first); remove `shuffle: false` to draw each part from every class")
    // Shuffled, every part draws from every class: nothing to say.
    let shuffled = try TestProject.run(
      path, resultsRoot: directory.appendingPathComponent("s"),
      overrides: ["dataset.split.shuffle=true"])
    #expect(shuffled.warnings.isEmpty)
  }

  /// Written by `--set`, the fix-it removes it from the command line.
  @Test func aShuffleSetOnTheCommandLineIsRemovedThere() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = try TestProject.writeSpec(Self.spec("{train: 0.8, test: 0.2}"), in: directory)
    let context = try ProjectContext(specPath: path, environment: [:], resultsRoot: directory.path)
    var checked = CheckedData()
    let loaded = try ExperimentRunner.load(
      specPath: path,
      options: RunOptions(spec: SpecOptions(overrides: ["dataset.split.shuffle=false"])))
    let warnings = try ExperimentRunner.checkData(loaded, context: context, checked: &checked)
      .warnings
    #expect(warnings.map(\.fixIt) == ["--set '~dataset.split.shuffle'"])
  }

  /// A part missing some of training's classes, not one class, is named by what it misses; a
  /// class held out with no training row keeps its own warning alone (no second one here).
  @Test func thePartsAreJudgedByTheClassesTheyMiss() {
    #expect(
      HeldOutClassGap(
        part: "dev", holds: ["b", "c"], misses: ["a"], rows: 30, trainingClasses: 3,
        sortedByClass: false
      ).finding == "the dev part has no row of class 'a', which training has")
    #expect(PreparedData<Double>.sortedByClass([0, 0, 1, 1, 2, 2]))
    #expect(PreparedData<Double>.sortedByClass([2, 1, 1, 0]))
    #expect(!PreparedData<Double>.sortedByClass([0, 1, 0, 1]))
    #expect(!PreparedData<Double>.sortedByClass([1, 1, 1]))
  }
}
