import Datasets
import Engine
import Foundation
import Testing

@testable import Pipeline

/// A learning-curve point and a bootstrap round are each a run of their own training rows: a
/// step fitted on the training rows (`standardize`, `min_max`) is fitted on the point's or the
/// round's rows, not taken from the whole training set, as scikit-learn's `learning_curve` and
/// mlxtend's `bias_variance_decomp` fit a `Pipeline`'s scaler. With a penalty it shows.
@Suite struct CurveRefitRunTests {
  /// 60 rows of y = x³/2 − x + N(0, 1), x = N(0, 1): a header and one `x,y` line per row.
  static func cubicRows() -> [String] {
    var generator = SeededGenerator(seed: 11)
    return (0..<60).map { _ in
      let x = generator.nextNormal()
      return "\(x),\(x * x * x / 2 - x + generator.nextNormal())"
    }
  }

  /// Writes `rows` as `name` in `folder`, runs `spec` (its data `file: <name>`) there and
  /// returns the results folder.
  func run(_ spec: String, rows: [String], name: String, in folder: URL) throws -> String {
    let data = folder.appendingPathComponent(name + ".csv")
    try (["x,y"] + rows).joined(separator: "\n").appending("\n")
      .write(to: data, atomically: true, encoding: .utf8)
    let text = "name: \(name)\nseed: 4\n" + spec.replacingOccurrences(of: "DATA", with: data.path)
    let path = try TestProject.writeSpec(text, named: name + ".yaml", in: folder)
    return try TestProject.run(path, resultsRoot: folder.appendingPathComponent("results"))
      .directory
  }

  /// The tester's case: cubic data, `[polynomial: 3, standardize]`, the exact solver with l2
  /// 0.5. The 6-row point equals, to the bit, a run whose split trains on those 6 rows (in the
  /// training set's order) with the same dev rows; with the whole set's statistics it was
  /// 2.3186 / 1.1797 against the run's 2.2973 / 1.3891.
  @Test func aLearningCurvePointIsARunOfItsRows() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rows = Self.cubicRows()
    func spec(train: Int, report: String) -> String {
      """
      dataset:
        file: DATA
        target: y
        split: {train: \(train), dev: 18, test: 18, shuffle: false}
        preprocessing: [polynomial: 3, standardize]
      model: {type: linreg, solver: exact}
      regularization: {l2: 0.5}
      loss: mse
      \(report)
      """
    }
    let curve = try TestProject.table(
      run(
        spec(train: 24, report: "report: {learning_curve: {sizes: [6, 24]}}\n"), rows: rows,
        name: "curve", in: folder),
      "learning_curve.csv")
    var order = SeededGenerator(seed: SeededGenerator.derive(4, "learning_curve"))
    let picked = order.permutation(24).prefix(6).sorted()
    let point = try TestProject.table(
      run(
        spec(train: 6, report: ""), rows: picked.map { rows[$0] } + rows[24...], name: "point",
        in: folder),
      "summary.csv")
    #expect(curve.column("train_size") == ["6", "24"])
    #expect(curve.column("train_error")?.first == point.column("train_loss")?.first)
    #expect(curve.column("dev_error")?.first == point.column("dev_loss")?.first)
  }

  /// A bootstrap round fits `min_max` on its resample (repeats included) and applies it to the
  /// test set: with two rounds of 24 rows, the expected loss is the mean of the test losses of
  /// the two runs trained on the rounds' resamples (within 1e-12, relative: the decomposition
  /// sums the squared errors in another order).
  @Test func aBootstrapRoundIsARunOfItsResample() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rows = Array(Self.cubicRows().prefix(42))
    func spec(report: String) -> String {
      """
      dataset:
        file: DATA
        target: y
        split: {train: 24, test: 18, shuffle: false}
        preprocessing: [polynomial: 3, min_max]
      model: {type: linreg, solver: exact}
      regularization: {l2: 0.5}
      loss: mse
      \(report)
      """
    }
    let decomposition = try TestProject.table(
      run(
        spec(report: "report: {bootstrap: {rounds: 2, seed: 9}}\n"), rows: rows,
        name: "bootstrap", in: folder),
      "bias_variance_decomposition.csv")
    var losses: [Double] = []
    for round in 0..<2 {
      let picked = BootstrapDecomposition<Double>.resample(round: round, count: 24, seed: 9)
      let summary = try TestProject.table(
        run(
          spec(report: ""), rows: picked.map { rows[$0] } + rows[24...], name: "round\(round)",
          in: folder),
        "summary.csv")
      losses += TestProject.numbers(summary, "test_loss")
    }
    let expected = try #require(TestProject.numbers(decomposition, "expected_loss").first)
    #expect(losses.count == 2)
    #expect(
      abs(expected - (losses[0] + losses[1]) / 2) <= 1e-12 * expected, "\(expected) \(losses)")
  }

  /// Statistics fitted on a round's rows that overflow the held-out set in float32 (`min_max`
  /// on two rows 1e-5 apart, a test value of 1e35) make a failed round, named with the data;
  /// when every round fails so, the first one's failure is the error.
  @Test func aRoundWhosePreprocessingOverflowsSaysSo() throws {
    func array(_ values: [Double]) throws -> NDArray {
      try NDArray(shape: [values.count, 1], storage: .float64(values), origin: "x.csv")
    }
    let unfitted = UnfittedFeatures(
      steps: [.minMax(lower: 0, upper: 1)], train: try array([1, 1.00001, 1e35]), dev: nil,
      test: try array([1e35]))
    let train = Examples<Float>(x: Matrix(rows: 3, cols: 1), y: Matrix(rows: 3, cols: 1))
    let test = Examples<Float>(x: Matrix(rows: 1, cols: 1), y: Matrix(rows: 1, cols: 1))
    let bootstrap = BootstrapDecomposition(
      configuration: AnalysisSupport.exactLinearRegression, loss: .mse, train: train, test: test,
      unfitted: unfitted)
    let decomposition = try bootstrap.run(indices: [[0, 1, 2], [0, 1, 1]], seed: 1, workers: 1)
    #expect(decomposition.failedRounds == 1)
    let said = decomposition.firstFailure ?? ""
    #expect(said.hasPrefix("bootstrap round 2: the preprocessing fitted on its training rows: "))
    #expect(said.contains("too large for float32"), "\(said)")
    let error = #expect(throws: AnalysisError.self) {
      try bootstrap.run(indices: [[0, 1, 1], [1, 0, 0]], seed: 1, workers: 1)
    }
    #expect(error.map { "\($0)" }?.hasPrefix("bootstrap round 1: the preprocessing") == true)
  }
}
