import Conventions
import Foundation
import Pipeline
import Reports
import Testing

/// The three studies of deeplearning.ai's "Improving Deep Neural Networks" as shipped sweeps
/// (`experiments/study-*.yaml`): the figures their comments state, and the story they tell.
@Suite(.serialized) struct GoldenStudyTests {
  /// One trial's final figures and bias/variance verdict.
  struct Trial {
    var value: String
    var train: Double
    var test: Double
    var trainLoss: Double
    var testLoss: Double
    var verdict: String
    var gap: Double { train - test }
  }

  /// Runs `experiments/<name>.yaml` as a sweep; its trials keyed by the swept column's values.
  static func sweep(_ name: String, by columns: [String]) throws -> [String: Trial] {
    let root = TestProject.temporaryDirectory(name)
    let options = SweepOptions(
      run: RunOptions(resultsRoot: root.path), jobs: 2, shard: nil, retryFailed: false,
      cancellation: SweepCancellation())
    let outcome = try SweepRunner.run(
      specPath: TestProject.experiment(name + ".yaml"), options: options)
    let summary = try TestProject.table(outcome.directory, "summary.csv")
    var trials: [String: Trial] = [:]
    for row in summary.rows {
      func cell(_ column: String) -> String {
        summary.header.firstIndex(of: column).map { row[$0] } ?? ""
      }
      let verdicts = try TestProject.table(
        outcome.directory + "/" + cell("trial"), "bias_variance.csv")
      let key = columns.map(cell).joined(separator: " | ")
      trials[key] = Trial(
        value: key, train: Double(cell("train_accuracy")) ?? .nan,
        test: Double(cell("test_accuracy")) ?? .nan, trainLoss: Double(cell("train_loss")) ?? .nan,
        testLoss: Double(cell("test_loss")) ?? .nan,
        verdict: verdicts.column("verdict")?.first ?? "")
    }
    return trials
  }

  @Test func initializationZerosStayAtHalfAndHeBeatsLargeRandom() throws {
    let t = try Self.sweep("study-initialization", by: ["model.init"])
    let zeros = try #require(t["zeros"])
    let random = try #require(t["{type: normal, std: 10}"])
    let he = try #require(t["he"])
    #expect(zeros.train == 0.5 && zeros.test == 0.5)
    #expect(abs(zeros.trainLoss - 0.693147) < 1e-6, "zeros keep the cost at ln 2")
    #expect(abs(random.train - 0.8033333333333333) < 1e-12 && random.test == 0.75)
    #expect(he.train == 0.97 && he.test == 0.97)
    #expect(he.test > random.test && he.train > random.train)
  }

  @Test func regularizationMovesHighVarianceTowardsFine() throws {
    let t = try Self.sweep("study-regularization", by: ["regularization.l2", "model.layers"])
    let plain =
      "[{units: 64, activation: relu}, {units: 32, activation: relu}, "
      + "{units: 1, activation: sigmoid}]"
    let dropped =
      "[{units: 64, activation: relu, dropout: 0.5}, "
      + "{units: 32, activation: relu, dropout: 0.5}, {units: 1, activation: sigmoid}]"
    let none = try #require(t["0.0 | " + plain])
    let l2 = try #require(t["0.005 | " + plain])
    let dropout = try #require(t["0.0 | " + dropped])
    let both = try #require(t["0.005 | " + dropped])
    #expect(none.train == 1 && none.test == 0.91 && none.verdict == "high variance")
    #expect(l2.train == 0.95 && l2.test == 0.93 && l2.verdict == "fine")
    #expect(dropout.train == 0.99 && dropout.test == 0.9 && dropout.verdict == "high variance")
    #expect(both.train == 0.94 && both.test == 0.91 && both.verdict == "high bias")
    // L2 closes at least half of the gap while raising test accuracy; dropout cuts the test loss.
    #expect(l2.gap <= none.gap / 2 && l2.test > none.test)
    #expect(dropout.testLoss < none.testLoss / 3)
  }

  @Test func optimizationAdamBeatsMiniBatchGradientDescent() throws {
    let t = try Self.sweep("study-optimization", by: ["optimizer"])
    func trial(_ prefix: String) throws -> Trial {
      try #require(t.first { $0.key.hasPrefix(prefix) }?.value, "\(prefix) in \(t.keys)")
    }
    let gd = try trial("{type: sgd")
    let momentum = try trial("{type: momentum")
    let adam = try trial("{type: adam, learning_rate: 0.0007")
    let decayed = try trial("{type: adam, learning_rate: 0.01")
    // 225 training and 75 test rows (0.25 of 300, stratified: 37 and 38 of the two classes).
    #expect(abs(gd.train - 197 / 225) < 1e-12 && abs(gd.test - 62 / 75) < 1e-12)
    #expect(momentum.train == gd.train && abs(momentum.test - gd.test - 1 / 75) < 1e-12)
    #expect(abs(adam.train - 219 / 225) < 1e-12 && abs(adam.test - 73 / 75) < 1e-12)
    #expect(abs(decayed.train - 216 / 225) < 1e-12 && abs(decayed.test - 74 / 75) < 1e-12)
    #expect(adam.train > gd.train + 0.05 && adam.test > gd.test + 0.05)
    #expect(adam.trainLoss < gd.trainLoss / 3 && decayed.trainLoss < gd.trainLoss / 3)
  }
}
