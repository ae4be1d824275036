import Datasets
import Engine
import Foundation

/// Data and fixtures shared by the analysis tests.
enum AnalysisSupport {
  /// The project's bundled copy of `name` (`experiments/data/<name>`, or its `.gz`).
  static func bundledDataset(_ name: String) -> String {
    let plain = TestProject.root.appendingPathComponent("experiments/data/\(name)").path
    return FileManager.default.fileExists(atPath: plain) ? plain : plain + ".gz"
  }

  /// Diabetes in file order: all 10 features, train = rows 0..<353, test = rows 353..<442
  /// (the split of mlxtend's example and of the fixture).
  static func diabetes() throws -> (train: Examples<Double>, test: Examples<Double>) {
    let table = try Datasets.DataTable.read(bundledDataset("diabetes.csv"))
    let features = table.header.filter { $0 != "target" }
    let x = try table.numericColumns(features).matrix(Double.self, flatten: true)
    let y = try table.numericColumns(["target"]).matrix(Double.self, flatten: true)
    let train = Array(0..<353)
    let test = Array(353..<x.rows)
    return (
      Examples(x: x.rows(train), y: y.rows(train)), Examples(x: x.rows(test), y: y.rows(test))
    )
  }

  /// The mlxtend bootstrap fixture: indices per round and mlxtend's three figures.
  struct MlxtendFixture {
    var indices: [[Int]]
    var expectedLoss: Double
    var biasSquared: Double
    var variance: Double
  }

  static func mlxtendFixture() throws -> MlxtendFixture {
    let url = TestProject.root.appendingPathComponent(
      "Tests/PipelineTests/Fixtures/diabetes_bootstrap_mlxtend.json")
    let object =
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    return MlxtendFixture(
      indices: (object["indices"] as? [[Int]]) ?? [],
      expectedLoss: object["expected_loss"] as? Double ?? .nan,
      biasSquared: object["bias_squared"] as? Double ?? .nan,
      variance: object["variance"] as? Double ?? .nan)
  }

  /// Relative difference |a − b| / |b|.
  static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }

  /// Exact least squares, as scikit-learn's `LinearRegression`.
  static let exactLinearRegression = TrainingConfiguration(
    model: .linearRegression(solver: .exact), loss: .mse, learningRate: 1, budget: .iterations(0),
    metrics: [])
}
