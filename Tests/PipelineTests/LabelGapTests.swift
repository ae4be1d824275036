import Foundation
import Specs
import Testing

@testable import Datasets
@testable import Pipeline

/// Labels whose class indices leave classes without rows (tester V1: breast_cancer's 0/1
/// labels with one `0005`): a rule that refuses the classes they make names the stray labels'
/// lines (or the labels present) at the target, not a loss or an output size that would fit
/// the stray; labels 0 to k−1 keep the rule's own advice. `runner validate` and `runner run`
/// refuse alike.
@Suite struct LabelGapTests {
  /// A table `a,b,target` of `rows` rows, labels `i % classes`, with `strays` (data row,
  /// 1-based: file line row + 1) written over the labels.
  static func table(
    _ folder: URL, classes: Int = 2, rows: Int = 40, strays: [Int: String] = [:],
    name: String = "t.csv"
  ) throws -> String {
    var lines = ["a,b,target"]
    for i in 1...rows {
      lines.append("\(Double(i) / 10),\(Double(rows - i) / 7),\(strays[i] ?? "\(i % classes)")")
    }
    let path = folder.appendingPathComponent(name).path
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func spec(
    _ model: String = "{type: logreg}", loss: String = "binary_cross_entropy",
    dataset: String = "{file: t.csv, target: target, split: {train: 0.8, test: 0.2, seed: 1}}"
  ) -> String {
    """
    name: gaps
    dataset: \(dataset)
    model: \(model)
    loss: \(loss)
    optimizer: {type: gd, learning_rate: 0.1, iterations: 5}

    """
  }

  /// The first error `runner validate`'s data check gives for `spec`, after checking that
  /// `runner run` refuses it with the same error.
  static func refusal(_ spec: String, in folder: URL) throws -> Diagnostic? {
    let path = try TestProject.writeSpec(spec, in: folder)
    var validated: Diagnostic? = nil
    do {
      try TestProject.checkData(path, in: folder)
    } catch let error as PipelineError {
      validated = error.diagnostics?.first { $0.severity == .error }
    }
    var ran: Diagnostic? = nil
    do {
      _ = try TestProject.run(path, resultsRoot: folder.appendingPathComponent("results"))
    } catch {
      ran = error.diagnostics?.first { $0.severity == .error }
    }
    #expect(ran == validated, "run and validate refuse alike")
    return validated
  }

  // A binary task whose test file holds one label 2 was refused with the fix-it
  // `loss: cross_entropy`, a softmax whose third class never learns (tester AY F8).
  @Test func aStrayLabelOnlyInTheTestFileIsNamedByItsLineNotByTheLoss() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Self.table(folder, name: "train.csv")
    let test = try Self.table(folder, rows: 10, strays: [6: "2"], name: "test.csv")
    let dataset =
      "{train: {file: train.csv, target: target}, test: {file: test.csv, target: target}}"
    let refusal = try #require(try Self.refusal(Self.spec(dataset: dataset), in: folder))
    #expect(
      refusal.message
        == "\(test) (line 7, column 'target'): label 2, which no training row has (the "
        + "training labels are 0 and 1): fix or remove its row")
    #expect(refusal.fixIt == nil)
    // At the test file's target, where the stray is (not the training file's).
    let line = "dataset: " + dataset
    let testTarget = try #require(line.range(of: "target}", options: .backwards))
    #expect(refusal.location?.line == 2)
    #expect(
      refusal.location?.column == line.distance(from: line.startIndex, to: testTarget.lowerBound)
        + 1)
    // A third class in the training file too is a third class: the loss's own advice.
    _ = try Self.table(folder, rows: 40, strays: [5: "2"], name: "train.csv")
    let three = try #require(try Self.refusal(Self.spec(dataset: dataset), in: folder))
    #expect(three.fixIt == "loss: cross_entropy", "\(three.message)")
  }

  @Test func aStrayLabelAmongBinaryLabelsIsNamedByItsLineNotByTheLoss() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try Self.table(folder, strays: [3: "0005"])
    let refusal = try #require(try Self.refusal(Self.spec(), in: folder))
    #expect(
      refusal.message
        == "\(path) (line 4, column 'target'): label 5, while the other labels are 0 and 1 "
        + "(classes 2 to 4 have no rows): fix or remove its row")
    #expect(
      refusal.note
        == "labels are class indices 0 to k−1, so the data has 6 classes, and "
        + "binary_cross_entropy tells two apart")
    #expect(refusal.fixIt == nil)
    #expect(refusal.location?.line == 2, "at the target")
  }

  @Test func strayLabelsOfAnMLPOutputAreListedByLine() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try Self.table(folder, classes: 3, strays: [3: "7", 9: "5"])
    let refusal = try #require(
      try Self.refusal(
        Self.spec(
          "{type: mlp, layers: [{units: 4, activation: relu}, {units: 3, activation: softmax}]}",
          loss: "cross_entropy"), in: folder))
    #expect(
      refusal.message
        == "\(path) (line 4, column 'target'): label 7, while the other labels are 0 to 2 "
        + "(classes 3, 4 and 6 have no rows): fix or remove these rows\n1 more such label:\n"
        + "  line 10: 5")
    #expect(
      refusal.note
        == "labels are class indices 0 to k−1, so the data has 8 classes, and the output layer "
        + "has 3 units")
  }

  /// A model that fits the classes the stray makes trains, with the warning that names it.
  @Test func aStrayNoRuleRefusesIsNamedInTheEmptyClassesWarning() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try Self.table(folder, classes: 3, strays: [3: "5"])
    let spec = try TestProject.writeSpec(
      Self.spec("{type: logreg, multiclass: softmax}", loss: "cross_entropy"), in: folder)
    let outcome = try TestProject.run(spec, resultsRoot: folder.appendingPathComponent("results"))
    #expect(
      outcome.warnings.first
        == "classes 3, 4 of 0-5 have no training rows, so their outputs never learn: \(path) "
        + "(line 4, column 'target'): label 5, while the other labels are 0 to 2 (classes 3 "
        + "and 4 have no rows): fix or remove its row")
  }

  /// Many rows of a label above a gap are a class: the labels present are named, with the
  /// renumbering to do.
  @Test func aGapOfManyRowsNamesTheLabelsPresent() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try Self.table(
      folder,
      strays: Dictionary(uniqueKeysWithValues: (1...40).filter { $0 % 2 == 1 }.map { ($0, "2") }))
    let refusal = try #require(try Self.refusal(Self.spec(), in: folder))
    #expect(
      refusal.message
        == "\(path) (column 'target'): the labels are 0 and 2 (class 1 has no rows): renumber "
        + "them from 0 without gaps (class indices are 0 to k−1), or, in a CSV file, name the "
        + "classes as written (dataset.classes: ['0', '2'])")
  }

  /// Labels 0 to k−1 keep the rule's own advice, with its fix-it.
  @Test func labelsWithoutAGapKeepTheLossAdvice() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Self.table(folder, classes: 3)
    let refusal = try #require(try Self.refusal(Self.spec(), in: folder))
    #expect(
      refusal.message
        == "binary_cross_entropy with 3 classes in the data; a softmax logreg needs "
        + "cross_entropy")
    #expect(refusal.fixIt == "loss: cross_entropy")
  }

  /// A stray in a given test file is named in that file.
  @Test func aStrayInTheTestFileIsNamedThere() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Self.table(folder, name: "train.csv")
    let test = try Self.table(folder, rows: 10, strays: [6: "3"], name: "test.csv")
    let refusal = try #require(
      try Self.refusal(
        Self.spec(
          dataset: "{train: {file: train.csv, target: target}, test: {file: test.csv, target: "
            + "target}}"), in: folder))
    #expect(
      refusal.message
        == "\(test) (line 7, column 'target'): label 3, while the other labels are 0 and 1 "
        + "(class 2 has no rows): fix or remove its row")
  }

  /// An array file's stray is named by its index, as numpy counts.
  @Test func aStrayInAnArrayFileIsNamedByItsIndex() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rows = 40
    try CellLocatedDataErrorTests.npy(
      folder.appendingPathComponent("x.npy"), (0..<(rows * 2)).map { Double($0 % 7) / 7 },
      shape: [rows, 2])
    try CellLocatedDataErrorTests.npy(
      folder.appendingPathComponent("y.npy"), (0..<rows).map { $0 == 12 ? 9 : Double($0 % 2) },
      shape: [rows])
    let refusal = try #require(
      try Self.refusal(
        Self.spec(
          dataset: "{file: x.npy, target_file: y.npy, split: {train: 0.8, test: 0.2, seed: 1}}"),
        in: folder))
    #expect(
      refusal.message
        == "\(folder.appendingPathComponent("y.npy").path) (index [12], counting from 0): label "
        + "9, while the other labels are 0 and 1 (classes 2 to 8 have no rows): fix or remove "
        + "its row")
  }

  @Test func emptyClassesAreSaidAsRanges() {
    #expect(LabelGaps.emptyClasses([0, 2]) == "class 1 has no rows")
    #expect(LabelGaps.emptyClasses([1, 2, 3, 50]) == "classes 0 and 4 to 49 have no rows")
    #expect(
      LabelGaps.emptyClasses([0, 2, 4, 6, 8, 10, 12])
        == "classes 1, 3, 5, 7, 9, … (6 in all) have no rows")
  }
}
