import Datasets
import Foundation
import Testing

@testable import Pipeline

/// Preprocessing statistics come from the training split only (no test-set leakage).
@Suite struct LeakageTests {
  static let spec = """
    name: leakage
    dataset:
      file: diabetes.csv
      features: [bmi, bp]
      target: target
      preprocessing: [standardize]
      split: {test: 100, shuffle: false}
    model: {type: linreg, solver: exact}
    loss: mse
    metrics: [mse]
    """

  /// Columns `bmi` and `bp` of diabetes.csv, in file order.
  static func diabetes() throws -> [[Double]] {
    let table = try DataTable.read(AnalysisSupport.bundledDataset("diabetes.csv"))
    return table.rows.map { cells in [Double(cells[2])!, Double(cells[3])!] }
  }

  /// Mean and population standard deviation (numpy's and scikit-learn's `ddof=0`).
  static func stats(_ values: [Double]) -> (mean: Double, std: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
    return (mean, variance.squareRoot())
  }

  @Test func statisticsAreTheTrainingSplitsAndApplyUnchangedToTest() throws {
    let dir = TestProject.temporaryDirectory()
    let datasets = TestProject.root.appendingPathComponent("experiments/data").path
    try "data_path:\n  - \(datasets)\n".write(
      to: dir.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    let specPath = try TestProject.writeSpec(Self.spec, in: dir)
    let rows = try Self.diabetes()
    #expect(rows.count == 442)
    let train = Array(rows[0..<342])
    let test = Array(rows[342...])

    // Recorded in the results: the training split's statistics, not the whole data's.
    let outcome = try TestProject.run(specPath, resultsRoot: dir.appendingPathComponent("results"))
    let table = try TestProject.table(outcome.directory, "preprocessing.csv")
    let recorded = Dictionary(
      uniqueKeysWithValues: table.rows.map { ("\($0[2]):\($0[3])", Double($0[4])!) })
    for (j, name) in ["bmi", "bp"].enumerated() {
      let trainStats = Self.stats(train.map { $0[j] })
      let allStats = Self.stats(rows.map { $0[j] })
      let mean = try #require(recorded["mean:\(name)"])
      let std = try #require(recorded["std:\(name)"])
      #expect(abs(mean - trainStats.mean) <= 1e-15 && abs(std - trainStats.std) <= 1e-15)
      #expect(abs(mean - allStats.mean) > 1e-6)
    }

    // The transformed values: (x − train mean) / train std on train and test alike.
    let loaded = try ExperimentRunner.load(specPath: specPath)
    let context = try ProjectContext(specPath: specPath, environment: [:], resultsRoot: nil)
    let data = try RunExecution<Double>(loaded: loaded, context: context, observer: { _ in })
      .prepareData()
    let testPart = try #require(data.test)
    #expect(data.train.count == 342 && testPart.count == 100)
    for j in 0..<2 {
      let s = Self.stats(train.map { $0[j] })
      for i in [0, 1, 341] {
        #expect(abs(data.train.features[i, j] - (train[i][j] - s.mean) / s.std) < 1e-12)
      }
      for i in [0, 50, 99] {
        #expect(abs(testPart.features[i, j] - (test[i][j] - s.mean) / s.std) < 1e-12)
      }
    }
  }
}
