import Datasets
import Foundation
import Pipeline
import Reports
import Testing

/// A gradient-descent linear regression that stopped short of least squares did not converge,
/// and its advice names the cause (tester T's T5: primer 000's bmi at learning rate 0.001).
@Suite struct LeastSquaresConvergenceTests {
  /// Runs `spec` with the bundled data on its path; bias_variance.csv's row.
  func run(_ spec: String, _ overrides: [String] = []) throws -> (RunOutcome, [String: String]) {
    try TestProject.runWithBundledData(spec, overrides)
  }

  func advice(_ row: [String: String]) -> [String] {
    row["recommendations"]!.components(separatedBy: BiasVarianceDiagnosis.recommendationSeparator)
  }

  /// Tester T's p000-gd.
  static let bmi = """
    name: p000-gd
    dataset:
      file: diabetes.csv
      target: target
      features: [bmi]
      split: {test: 20, shuffle: false}
    model: {type: linreg}
    loss: mse
    optimizer: {type: gd, learning_rate: 0.001, iterations: 10000}
    record_every: 1000
    metrics: [mse, r2]
    """

  /// The bmi column's population standard deviation over the first 422 rows (the training
  /// part), and the least-squares training MSE there, from the file itself.
  func bmiFacts() throws -> (deviation: Double, leastSquares: Double) {
    let table = try DataTable.read(AnalysisSupport.bundledDataset("diabetes.csv"))
    let bmi = table.header.firstIndex(of: "bmi")!
    let target = table.header.firstIndex(of: "target")!
    let rows = table.rows.prefix(422)
    let x = rows.map { Double($0[bmi])! }
    let y = rows.map { Double($0[target])! }
    let n = Double(x.count)
    let (mx, my) = (x.reduce(0, +) / n, y.reduce(0, +) / n)
    let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let w = sxy / sxx
    let mse = zip(x, y).reduce(0) { $0 + pow(my + w * ($1.0 - mx) - $1.1, 2) } / n
    return ((sxx / n).squareRoot(), mse)
  }

  @Test func gradientDescentShortOfLeastSquaresDidNotConverge() throws {
    let (outcome, row) = try run(Self.bmi)
    let facts = try bmiFacts()
    let train = try #require(Double(row["train_error"]!))
    let short = { (v: Double) in String(format: "%.3g", v) }
    #expect(
      row["verdict"]
        == "training did not converge: the training loss is \(short(train)), least squares reaches \(short(facts.leastSquares)) on these rows"
    )
    #expect(
      advice(row) == [
        "standardize the features: add `- standardize` to `dataset.preprocessing` (the inputs' standard deviation is \(short(facts.deviation)) (bmi), far from 1: a weight's gradient grows with its input's variance, so at a learning rate that suits the bias the weights of small inputs crawl)",
        "the exact solver: `model.solver: exact`, with `optimizer` and `record_every` removed, solves least squares directly (no learning rate, no steps)",
      ])
    #expect(!advice(row).contains { $0.hasPrefix("train longer") })
    #expect(outcome.verdict == row["verdict"])
  }

  @Test func standardizedTheSameStepsReachLeastSquares() throws {
    let (_, row) = try run(Self.bmi, ["dataset.preprocessing=[standardize]"])
    #expect(!row["verdict"]!.hasPrefix("training did not converge"), "\(row["verdict"]!)")
    let train = try #require(Double(row["train_error"]!))
    let optimum = try bmiFacts().leastSquares
    #expect(train - optimum <= 0.01 * optimum)
  }

  @Test func scaledInputsShortOfLeastSquaresGetALargerRateOrLongerRun() throws {
    let (_, row) = try run(
      Self.bmi,
      [
        "dataset.preprocessing=[standardize]", "optimizer.learning_rate=0.01",
        "optimizer.iterations=150",
      ])
    // Better than predicting the mean, 1.5% above least squares.
    #expect(row["verdict"]!.hasPrefix("training did not converge: the training loss is "))
    #expect(
      advice(row) == [
        "a larger learning rate or a longer run: gradient descent stopped short of least squares, so raise `optimizer.learning_rate` from 0.01 to 0.1 (if the loss then rises, halve it) or `optimizer.iterations` from 150 to 1500",
        "the exact solver: `model.solver: exact`, with `optimizer` and `record_every` removed, solves least squares directly (no learning rate, no steps)",
      ])
  }

  @Test func withL2TheOptimumIsRidgesAndTheCostIsNamed() throws {
    let (_, row) = try run(Self.bmi, ["regularization.l2=0.01"])
    #expect(
      row["verdict"]!.hasPrefix(
        "training did not converge: the training cost (loss + penalty) is "),
      "\(row["verdict"]!)")
    #expect(row["verdict"]!.contains("least squares with its L2 penalty reaches"))
  }
}
