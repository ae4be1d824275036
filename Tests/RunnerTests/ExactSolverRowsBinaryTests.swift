import Foundation
import Testing

/// AG6: the exact solver without L2 needs a training row per unknown (the features and the
/// bias). A spec that gives fewer is refused by `validate` and `run` alike, at the split's
/// `train`, naming the row count rather than a feature; with l2 (ridge) it runs; a
/// learning-curve point of fewer rows is kept with nan errors and the same reason.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ExactSolverRowsBinaryTests {
  /// A cubic's polynomial features (3 of them) on `train` training rows, plus `more` keys.
  static func spec(train: String, more: String = "") -> String {
    """
    dataset:
      generator: {type: polynomial, samples: 60, coefficients: [0, -3, 0, 1], noise: 0.5, x_range: [-2, 2]}
      split: {train: \(train), test: rest}
      preprocessing: [{polynomial: 3}]
    model: {type: linreg, solver: exact}
    loss: mse
    \(more)
    """
  }

  static func write(_ text: String, in root: URL) throws -> String {
    let spec = root.appendingPathComponent("ex.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    return spec.path
  }

  @Test func fewerRowsThanUnknownsAreRefusedByValidateAndRunAlike() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.write(Self.spec(train: "3"), in: root)
    let message =
      "\(spec):3:18: error: the exact solver has 3 training rows for 4 unknowns (3 features + "
      + "bias): give at least 4 rows, or add l2"
    let results = root.appendingPathComponent("results")
    for command in [["validate", spec], ["run", spec, "--results-dir", results.path]] {
      let r = try SweepBinary.run(command)
      #expect(r.status == 65, "\(command[0]): \(r.error)")
      #expect(r.error.hasPrefix(message), "\(command[0]): \(r.error)")
      #expect(!r.error.contains("linear combination"), "\(r.error)")
    }
    #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("ex").path))
    // Four rows are enough.
    let four = try Self.write(Self.spec(train: "4"), in: root)
    #expect(try SweepBinary.run(["validate", four]).status == 0)
  }

  /// Ridge has one solution on any rows: l2 makes the same split valid, and it runs.
  @Test func ridgeFitsFewerRowsThanUnknowns() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.write(
      Self.spec(train: "3", more: "regularization: {l2: 0.01}\n"), in: root)
    let validate = try SweepBinary.run(["validate", spec])
    #expect(validate.status == 0, "\(validate.error)")
    let results = root.appendingPathComponent("results")
    let run = try SweepBinary.run(["run", spec, "--results-dir", results.path])
    #expect(run.status == 0, "\(run.error)")
  }

  /// A learning-curve point below the unknowns is recorded as failed, the rows named as the
  /// cause (one row in the singular); the run succeeds.
  @Test func aLearningCurvePointOfTooFewRowsNamesTheRows() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.write(
      Self.spec(
        train: "0.5",
        more: "report:\n  learning_curve: {sizes: [1, 3, 1.0]}\n"), in: root)
    #expect(try SweepBinary.run(["validate", spec]).status == 0)
    let results = root.appendingPathComponent("results")
    let run = try SweepBinary.run(["run", spec, "--results-dir", results.path])
    #expect(run.status == 0, "\(run.error)")
    for (rows, noun) in [(1, "row"), (3, "rows")] {
      let reason =
        "learning curve at \(rows) training \(noun): cannot solve least squares: \(rows) "
        + "training \(noun) for 4 unknowns (3 features + bias): give at least 4 rows, or add l2"
      #expect(run.error.contains(reason), "\(run.error)")
    }
    #expect(!run.error.contains("linear combination"), "\(run.error)")
  }
}
