import Datasets
import Engine
import Foundation
import Testing

@testable import Pipeline

/// The exact solver's rank test is independent of the features' units and refuses only a column
/// that is a combination of the others; bootstrap rounds on rank-deficient rows take the
/// minimum-norm solution, as mlxtend's refits of scikit-learn's `LinearRegression` (tester AI's
/// AI1, AI3, AI9; figures from scripts/reference/engine/least_squares_numpy.py).
@Suite struct LeastSquaresRankTests {
  init() throws { try BLAS.configure(threads: 1) }

  /// The fixture's cases by name.
  static func cases() throws -> [String: [String: Any]] {
    let url = TestProject.root.appendingPathComponent(
      "Tests/PipelineTests/Fixtures/least_squares_numpy.json")
    let object =
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    return object["cases"] as? [String: [String: Any]] ?? [:]
  }

  /// The rows of a case (`x`, `y`), the first `rows` of them when given.
  static func examples(_ c: [String: Any], rows: Range<Int>? = nil) -> Examples<Double> {
    let x = c["x"] as? [[Double]] ?? []
    let y = c["y"] as? [Double] ?? []
    let range = rows ?? 0..<x.count
    return Examples(
      x: Matrix(Array(x[range])), y: Matrix(rows: range.count, cols: 1, storage: Array(y[range])))
  }

  /// The exact solution's parameters `[w…, b]`.
  static func solve(_ data: Examples<Double>) throws(TrainingError) -> [Double] {
    let result = try Trainer.train(AnalysisSupport.exactLinearRegression, train: data)
    let network = result.model.network!
    return network.layers[0].weights.storage + network.layers[0].bias
  }

  /// Largest |a − b| / max(|b|, floor) over the parameters.
  static func relativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-300) -> Double {
    zip(a, b).map { abs($0 - $1) / max(abs($1), floor) }.max() ?? .nan
  }

  @Test(arguments: ["units", "income_rate", "sine10"])
  func solvesWhatNumpySolves(_ name: String) throws {
    let c = try #require(try Self.cases()[name])
    let theta = try Self.solve(Self.examples(c))
    let numpy = c["solution"] as? [Double] ?? []
    #expect(theta.count == numpy.count)
    // sine10's design has condition number ~1e10: QR, as numpy's SVD, keeps about 16 − 10 digits
    // of its weights (they agree to 2.5e-8; the normal equations kept about 2 digits).
    let tolerance = name == "sine10" ? 1e-6 : 1e-9
    #expect(Self.relativeError(theta, numpy) < tolerance, "\(theta) vs \(numpy)")
    let mse = try #require(
      LeastSquaresOptimum.cost(Self.examples(c), l2: 0), "the optimum is defined")
    #expect(abs(mse - (c["mse"] as? Double ?? .nan)) / (c["mse"] as? Double ?? .nan) < 1e-6)
  }

  /// One bundled column in other units (×0.1) changes no solution: the runner solved the
  /// original, and must solve the rescaled one as numpy does.
  @Test func rescaledBreastCancerColumnSolves() throws {
    let c = try #require(try Self.cases()["breast_cancer_rescaled"])
    let table = try DataTable.read(AnalysisSupport.bundledDataset("breast_cancer.csv"))
    let features = table.header.filter { $0 != "target" }
    var x = try table.numericColumns(features).matrix(Double.self, flatten: true)
    let y = try table.numericColumns(["target"]).matrix(Double.self, flatten: true)
    let column = try #require(features.firstIndex(of: c["column"] as? String ?? ""))
    for i in 0..<x.rows { x[i, column] *= c["factor"] as? Double ?? .nan }
    let theta = try Self.solve(Examples(x: x, y: y))
    let numpy = c["solution"] as? [Double] ?? []
    #expect(Self.relativeError(theta, numpy, floor: 1e-3) < 1e-6, "\(theta) vs \(numpy)")
  }

  /// x3 = x1 + 2·x2 (x1 in millions) is refused at feature 3, the column that is the
  /// combination, not at a small-unit column; so are a constant column and rows fewer than
  /// the unknowns.
  @Test func refusesTheCollinearColumn() throws {
    let c = try #require(try Self.cases()["collinear"])
    let expected = (c["refused_feature"] as? Int ?? 0) - 1
    #expect(throws: TrainingError.singular(feature: expected)) {
      try Self.solve(Self.examples(c))
    }
    let constant = Examples(
      x: Matrix([[1e6, 5], [2e6, 5], [4e6, 5], [3e6, 5]]), y: Matrix([[1], [2], [4], [3]]))
    #expect(throws: TrainingError.singular(feature: 1)) { try Self.solve(constant) }
    // Ten 0.1s centre to 1.4e-17 each, not 0 (their mean is 0.1 − 1 ulp): constant all the same.
    let tenths = Examples(
      x: Matrix((0..<10).map { [Double($0), 0.1] }),
      y: Matrix((0..<10).map { [2 * Double($0) + 1] }))
    #expect(throws: TrainingError.singular(feature: 1)) { try Self.solve(tenths) }
    let few = Examples(x: Matrix([[1, 2e-6], [2, 1e-6]]), y: Matrix([[1], [2]]))
    #expect(throws: TrainingError.tooFewRows(rows: 2, features: 2)) { try Self.solve(few) }
  }

  /// Scaling is exact: the income column (in tens of thousands) divided by 2^20 gets its weight
  /// times 2^20 to the bit, and every other parameter keeps its bits (the solver scales each
  /// column by a power of two itself, and QR commutes with such scalings).
  @Test func powerOfTwoRescalingChangesNoBit() throws {
    let c = try #require(try Self.cases()["income_rate"])
    let data = Self.examples(c)
    var rescaled = data
    let factor = Double(sign: .plus, exponent: -20, significand: 1)
    for i in 0..<rescaled.x.rows { rescaled.x[i, 0] *= factor }
    let theta = try Self.solve(data)
    let scaled = try Self.solve(rescaled)
    #expect(scaled[0] == theta[0] / factor)
    #expect(Array(scaled.dropFirst()) == Array(theta.dropFirst()))
  }

  /// mlxtend's own resamples of rows with a rare 0/1 flag: the rounds that miss both flag rows
  /// are fitted by minimum norm (counted), and the three figures are mlxtend's.
  @Test func rankDeficientRoundsMatchMlxtend() throws {
    let c = try #require(try Self.cases()["rare_bootstrap"])
    let rows = c["train_rows"] as? Int ?? 0
    let total = (c["x"] as? [[Double]] ?? []).count
    let indices = c["indices"] as? [[Int]] ?? []
    let bootstrap = BootstrapDecomposition(
      configuration: AnalysisSupport.exactLinearRegression, loss: .mse,
      train: Self.examples(c, rows: 0..<rows), test: Self.examples(c, rows: rows..<total))
    let d = try bootstrap.run(indices: indices, seed: 1)
    #expect(d.rounds == indices.count && d.failedRounds == 0)
    #expect(d.minimumNormRounds == c["rank_deficient_rounds"] as? Int)
    #expect(d.minimumNormRounds > 0)
    #expect(d.firstMinimumNorm?.contains("feature 2") == true, "\(d.firstMinimumNorm ?? "")")
    for (key, value) in [
      ("expected_loss", d.expectedLoss), ("bias_squared", d.bias), ("variance", d.variance),
    ] {
      let expected = c[key] as? Double ?? .nan
      #expect(AnalysisSupport.relative(value, expected) < 1e-9, "\(key): \(value) vs \(expected)")
    }
  }

  /// The run's own model still refuses a rank-deficient design (the refusal names the column).
  @Test func mainSolveStillRefusesWhatRoundsSolve() throws {
    let c = try #require(try Self.cases()["rare_bootstrap"])
    let indices = c["indices"] as? [[Int]] ?? []
    let flagRows = Set([7, 23])
    let round = try #require(indices.first { Set($0).isDisjoint(with: flagRows) })
    let train = Self.examples(c, rows: 0..<(c["train_rows"] as? Int ?? 0)).subset(round)
    #expect(throws: TrainingError.singular(feature: 1)) { try Self.solve(train) }
    var configuration = AnalysisSupport.exactLinearRegression
    configuration.minimumNormWhenRankDeficient = true
    let result = try Trainer.train(configuration, train: train)
    #expect(result.minimumNormFeature == 1)
    #expect(result.model.network!.layers[0].weights[1, 0] == 0)
  }
}

/// Gradient descent on features in very different units stops far from least squares, and the
/// diagnosis says so (the optimum is now defined on such data) instead of calling it high bias
/// (tester AI3).
@Suite struct BadlyScaledConvergenceTests {
  @Test func gradientDescentOnBadlyScaledFeaturesDidNotConverge() throws {
    let c = try #require(try LeastSquaresRankTests.cases()["income_rate"])
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let x = c["x"] as? [[Double]] ?? []
    let y = c["y"] as? [Double] ?? []
    let lines = ["income,rate,target"] + zip(x, y).map { "\($0[0]),\($0[1]),\($1)" }
    let file = directory.appendingPathComponent("income_rate.csv")
    try lines.joined(separator: "\n").appending("\n").write(
      to: file, atomically: true, encoding: .utf8)
    let spec = """
      name: income-rate-gd
      dataset: {file: \(file.path), target: target}
      model: {type: linreg}
      loss: mse
      optimizer: {type: gd, learning_rate: 2.0e-09, iterations: 2000}
      record_every: 1000
      """
    let outcome = try TestProject.run(
      try TestProject.writeSpec(spec, in: directory),
      resultsRoot: directory.appendingPathComponent("results"))
    let row = try TestProject.row(outcome.directory, "bias_variance.csv")
    let optimum = String(format: "%.3g", c["mse"] as? Double ?? .nan)
    let verdict = row["verdict"] ?? ""
    #expect(verdict.hasPrefix("training did not converge: the training loss is "), "\(verdict)")
    #expect(verdict.hasSuffix("least squares reaches \(optimum) on these rows"), "\(verdict)")
    #expect(row["recommendations"]?.contains("standardize the features") == true)
  }
}
