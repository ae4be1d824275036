import Foundation
import Testing

/// A stratified split by fractions takes the rows asked of the whole: `round(f·n)` rows for
/// each held-out part and the rest to train, shared among the classes as counts are. Each class
/// rounded its own share (halves up), so 0.15 of 100 two-class rows was 16 rows and the
/// training part paid for them (68/16/16); on 2 + 2 rows it was left none.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct StratifiedFractionTotalsTests {
  /// A generated spec named `name` with `generator` and `split` under `dataset`.
  static func spec(_ generator: String, _ split: String) -> String {
    """
    dataset:
      generator: \(generator)
      split: \(split)
    model: {type: logreg}
    optimizer: {type: gd, iterations: 3}
    report: {plots: false}

    """
  }

  /// The line `runner data split` counts the parts on.
  static func counted(_ text: String, label: String = #function) throws -> String {
    let dir = SweepBinary.temporaryDirectory(label)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("spec.yaml")
    try text.write(to: path, atomically: true, encoding: .utf8)
    let r = try SweepBinary.run(["data", "split", path.path])
    #expect(r.status == 0, "\(r.error)")
    return r.error
  }

  /// scikit-learn's `train_test_split(…, stratify=y)` gives these totals too (checked with
  /// its `StratifiedShuffleSplit` on the same class sizes).
  @Test(arguments: [
    (
      "{type: moons, samples: 100, noise: 0.1}", "{train: 0.7, dev: 0.15, test: 0.15}",
      "train 70, dev 15, test 15 rows"
    ),
    (
      "{type: moons, samples: 20, noise: 0.1}", "{train: 0.5, dev: 0.25, test: 0.25}",
      "train 10, dev 5, test 5 rows"
    ),
    (
      "{type: moons, samples: 100, noise: 0.1}", "{train: rest, train_dev: 0.15, test: 0.15}",
      "train 70, train_dev 15, test 15 rows"
    ),
    (
      "{type: gates, samples: 4}", "{train: 0.5, dev: 0.25, test: 0.25}",
      "train 2, dev 1, test 1 rows"
    ),
  ])
  func theTotalsAreTheFractionsOfTheWhole(_ generator: String, _ split: String, _ totals: String)
    throws
  {
    let said = try Self.counted(Self.spec(generator, split))
    #expect(said.contains(": " + totals), "\(said)")
  }

  /// Two rows: 0.25 of them rounds to one row each for dev and test, leaving training none;
  /// validate refuses it at `split:` as run does, as the counts `{dev: 1, test: 1}` are.
  @Test func aTrainingPartLeftNoRowIsRefusedAtTheSplit() throws {
    try ValidateDataTests.expectRefusedByValidateAndRun(
      ValidateDataTests.fitting(split: "{train: 0.04, dev: 0.48, test: 0.48}"), at: ":4:10:",
      "split: the training part of the 12 samples is empty")
  }

  /// The four rows of a logic gate, half of them to train: each class keeps a training row, so
  /// validate says no class is left without one (it warned "renumber them" and run refused).
  @Test func theGatesFourRowsTrainOnTwo() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("g.yaml")
    try Self.spec("{type: gates, samples: 4}", "{train: 0.5, dev: 0.25, test: 0.25}").write(
      to: path, atomically: true, encoding: .utf8)
    let r = try SweepBinary.run(["validate", path.path])
    #expect(r.status == 0, "\(r.error)")
    #expect(!(r.output + r.error).contains("no training rows"), "\(r.output)\(r.error)")
  }
}
