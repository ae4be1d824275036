import Conventions
import Foundation
import Specs
import Testing

@testable import Pipeline

/// Tester BC3 and BC9: the exact solver without l2 on fewer training rows than unknowns, at a
/// curve point. A validation-curve point trains on the whole training set without the learning
/// curve, so its value `l2: 0` says nothing of the learning curve's small sizes (drawn at the
/// spec's own l2); a point that cannot be solved is recorded as failed (nan errors, verdict
/// `failed`, scikit-learn's `error_score=nan`), warned at the value before training, and the rest
/// of the curve and the run's results are written.
@Suite struct CurvePointExactRowsTests {
  /// A sextic's polynomial features (6, so 7 unknowns) on `split`, ridge at 0.01, with `report`.
  static func spec(
    split: String, preprocessing: String = "{polynomial: 6}", l2: String = "0.01",
    report: String
  ) -> String {
    """
    name: ols
    seed: 5
    dataset:
      generator: {type: polynomial, samples: 60, noise: 0.1}
      preprocessing: [\(preprocessing), standardize]
      split: \(split)
    model: {type: linreg, solver: exact}
    loss: mse
    regularization: {l2: \(l2)}
    report:
    \(report)

    """
  }

  /// The warnings `runner validate` gives for the spec at `path` (its data checked).
  static func validateWarnings(_ path: String, in folder: URL) throws -> [Diagnostic] {
    let context = try ProjectContext(specPath: path, environment: [:], resultsRoot: folder.path)
    var checked = CheckedData()
    let loaded = try ExperimentRunner.load(specPath: path)
    return try ExperimentRunner.checkData(loaded, context: context, checked: &checked).warnings
  }

  /// BC3: a curve value `l2: 0` beside a learning curve whose smallest size has fewer rows
  /// than unknowns: every point is computed (the learning curve at the spec's l2 0.01), and
  /// nothing warns that one would fail, so `--strict` accepts the spec.
  @Test func aCurveValueSaysNothingOfTheLearningCurve() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try TestProject.writeSpec(
      Self.spec(
        split: "{train: 0.5, dev: 0.25, test: 0.25}",
        report: """
            validation_curve: {parameter: regularization.l2, values: [0, 0.01]}
            learning_curve: {sizes: [5, 30]}
          """), in: folder)
    #expect(try Self.validateWarnings(path, in: folder).isEmpty)
    var options = RunOptions(resultsRoot: folder.appendingPathComponent("results").path)
    options.spec.strict = true
    let outcome = try ExperimentRunner.run(specPath: path, options: options)
    #expect(outcome.warnings.isEmpty, "\(outcome.warnings)")
    let learning = try TestProject.table(outcome.directory, "learning_curve.csv")
    #expect(learning.column("verdict")?.contains("failed") == false)
    #expect(TestProject.numbers(learning, "dev_error").count == 2)
    let validation = try TestProject.table(outcome.directory, "validation_curve.csv")
    let heldOut = TestProject.numbers(validation, "dev_error")
    #expect(heldOut.count == 2 && heldOut.allSatisfy { $0.isFinite })
  }

  /// BC9: `l2: 0` on 5 training rows for 7 unknowns is a failed point: warned at the value by
  /// validate and run, recorded with nan errors and its reason, the other points and the run's
  /// results written, exit 0; `--strict` refuses the spec before training.
  @Test func anUnsolvableCurveValueIsAFailedPoint() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try TestProject.writeSpec(
      Self.spec(
        split: "{train: 5, dev: 25, test: 30}",
        report: "  validation_curve: {parameter: regularization.l2, values: [0, 0.01, 0.1]}"),
      in: folder)
    let warning: String =
      "with regularization.l2 = 0, the validation curve's point would be recorded as failed "
      + "(nan errors): the exact solver has 5 training rows for 7 unknowns (6 features + bias): "
      + "give at least 7 rows, or drop the 0 from report.validation_curve.values: any l2 above 0 "
      + "solves it"
    let said = try Self.validateWarnings(path, in: folder)
    #expect(said.map(\.message) == [warning])
    #expect(said.first?.location?.description == "\(path):11:61")
    let results = folder.appendingPathComponent("results")
    let outcome = try TestProject.run(path, resultsRoot: results)
    #expect(outcome.warnings.count == 2, "\(outcome.warnings)")
    #expect(outcome.warnings.first == "\(path):11:61: \(warning)")
    let after: String =
      "validation curve at regularization.l2 = 0: cannot solve least squares: 5 training "
      + "rows for 7 unknowns (6 features + bias): give at least 7 rows, or drop the 0 from "
      + "report.validation_curve.values: any l2 above 0 solves it; the point is recorded with "
      + "nan errors"
    #expect(outcome.warnings.last == after)
    let curve = try TestProject.table(outcome.directory, "validation_curve.csv")
    #expect(curve.column("regularization.l2") == ["0.0", "0.01", "0.1"])
    #expect(curve.column("train_error")?.first == "nan")
    #expect(curve.column("dev_error")?.first == "nan")
    #expect(curve.column("verdict")?.first == "failed")
    #expect(TestProject.numbers(curve, "dev_error").filter(\.isFinite).count == 2)
    #expect(FileManager.default.fileExists(atPath: outcome.directory + "/metrics.csv"))
    // Under --strict the warning refuses the spec, before anything trains.
    var options = RunOptions(resultsRoot: folder.appendingPathComponent("strict").path)
    options.spec.strict = true
    #expect {
      try ExperimentRunner.run(specPath: path, options: options)
    } throws: { error in
      guard case .spec(.invalid(let found)) = error as? PipelineError else { return false }
      return found.map(\.message) == [warning] && found.first?.severity == .error
    }
    #expect(TestProject.isEmptyOrAbsent(folder.appendingPathComponent("strict")))
  }

  /// A value that changes the data into too few rows for its unknowns (a sextic's 7 on 5
  /// rows, without l2) is a failed point too, warned at the value, not a refused spec.
  @Test func aCurveValueWhoseDataIsUnsolvableIsAFailedPoint() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try TestProject.writeSpec(
      Self.spec(
        split: "{train: 5, dev: 25, test: 30}", preprocessing: "{polynomial: 2}", l2: "0",
        report:
          "  validation_curve: {parameter: 'dataset.preprocessing[0].polynomial', values: [1, 2, 6]}"
      ), in: folder)
    let warning =
      "with dataset.preprocessing[0].polynomial = 6, the validation curve's point would be "
      + "recorded as failed (nan errors): cannot solve least squares: 5 training rows for 7 "
      + "unknowns (6 features + bias): give at least 7 rows, or add l2"
    #expect(try Self.validateWarnings(path, in: folder).map(\.message) == [warning])
    let outcome = try TestProject.run(path, resultsRoot: folder.appendingPathComponent("results"))
    #expect(outcome.warnings.count == 2, "\(outcome.warnings)")
    let curve = try TestProject.table(outcome.directory, "validation_curve.csv")
    #expect(curve.column("verdict")?.last == "failed")
    #expect(TestProject.numbers(curve, "dev_error").filter(\.isFinite).count == 2)
  }

  /// Tester BD F-h: a value `l2: 0` on the spec's own data, whose duplicated column the spec's
  /// l2 made solvable, was warned only after training (`validate --strict` said ok, `run
  /// --strict` trained, then exited 1): now warned at the value before training.
  @Test func anUnpenalizedCurveValueOnASingularDesignIsWarnedBeforeTraining() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rows = (0..<30).map { i -> String in
      let (x0, x1) = (sin(Double(i)), cos(3 * Double(i)))
      return "\(x0),\(x1),\(x0),\(2 * x0 - x1 + 0.1 * sin(7 * Double(i)))"
    }
    try ("x0,x1,x2,y\n" + rows.joined(separator: "\n") + "\n").write(
      to: folder.appendingPathComponent("g.csv"), atomically: true, encoding: .utf8)
    let path = try TestProject.writeSpec(
      """
      name: dup
      dataset: {file: g.csv, target: y, split: {train: 20, dev: 10, shuffle: false}}
      model: {type: linreg, solver: exact}
      loss: mse
      regularization: {l2: 0.01}
      report:
        validation_curve: {parameter: regularization.l2, values: [0, 0.01, 1]}

      """, in: folder)
    let warning: String =
      "with regularization.l2 = 0, the validation curve's point would be recorded as failed "
      + "(nan errors): cannot solve least squares: feature 3 ('x2') is (nearly) a linear "
      + "combination of the others (remove it or drop the 0 from report.validation_curve.values: "
      + "any l2 above 0 solves it)"
    #expect(try Self.validateWarnings(path, in: folder).map(\.message) == [warning])
    var options = RunOptions(resultsRoot: folder.appendingPathComponent("strict").path)
    options.spec.strict = true
    #expect {
      _ = try ExperimentRunner.run(specPath: path, options: options)
    } throws: { error in
      guard case .spec(.invalid(let found)) = error as? PipelineError else { return false }
      return found.map(\.message) == [warning]
    }
    #expect(TestProject.isEmptyOrAbsent(folder.appendingPathComponent("strict")))
  }
}
