import Datasets
import Foundation
import Reports
import Testing

@testable import Pipeline

/// A teacher's finding: with `regularization.l2` the `train_loss` of a run can rise while
/// training works, as the penalty shrinks the weights; nothing showed the cost J = loss +
/// penalty that gradient descent makes fall. A regularized run writes it as `train_cost`.
@Suite struct TrainingCostTests {
  /// AND learned by one sigmoid neuron started at large weights, which `l2` shrinks.
  static let spec = """
    name: and-l2
    dataset:
      generator: {type: gates, gate: and}
    model:
      type: logreg
      init: {type: explicit, weights: [[6], [6]], bias: [-9]}
    loss: binary_cross_entropy
    optimizer: {type: gd, learning_rate: 0.5, iterations: 400}
    regularization: {l2: 0.1}
    record_every: 20
    metrics: [accuracy]

    """

  /// Runs `spec` with `overrides`; its results folder and the figures of its recorded rows.
  static func run(_ overrides: [String] = []) throws -> (String, [RecordedFigures]) {
    let directory = TestProject.temporaryDirectory()
    let path = try TestProject.writeSpec(spec, in: directory)
    let recorded = Recorded()
    var options = RunOptions(resultsRoot: directory.appendingPathComponent("results").path)
    options.spec.overrides = overrides
    options.environment["RUNNER_DATA_PATH"] = nil
    let outcome = try ExperimentRunner.run(specPath: path, options: options) { event in
      if case .recorded(let figures) = event { recorded.append(figures) }
    }
    return (outcome.directory, recorded.all)
  }

  /// Removes the test folder holding `results/<name>/` at `directory`.
  static func remove(_ directory: String) {
    let results = URL(fileURLWithPath: directory).deletingLastPathComponent()
    try? FileManager.default.removeItem(at: results.deletingLastPathComponent())
  }

  /// The recorded figures a run reports, collected from its observer.
  final class Recorded: @unchecked Sendable {
    private let lock = NSLock()
    private var figures: [RecordedFigures] = []
    func append(_ f: RecordedFigures) { lock.withLock { figures.append(f) } }
    var all: [RecordedFigures] { lock.withLock { figures } }
  }

  /// `train_cost` follows `train_loss` in `metrics.csv`, falls at every row while `train_loss`
  /// rises, and exceeds it by (l2/2)‖W‖² (the course's (λ/2m)‖W‖², l2 = λ/m) of the saved weights; `summary.csv` and the progress
  /// figures carry it.
  @Test func aRegularizedRunWritesTheCostGradientDescentMakesFall() throws {
    let (directory, recorded) = try Self.run()
    defer { Self.remove(directory) }
    let metrics = try TestProject.table(directory, "metrics.csv")
    #expect(metrics.header == ["iteration", "train_loss", "train_cost", "train_accuracy"])
    let loss = TestProject.numbers(metrics, "train_loss")
    let cost = TestProject.numbers(metrics, "train_cost")
    #expect(cost.count == 21 && loss.count == 21)
    #expect(zip(cost, cost.dropFirst()).allSatisfy { $1 < $0 }, "cost \(cost)")
    #expect(zip(loss, loss.dropFirst()).contains { $1 > $0 }, "loss \(loss)")
    let w = try NPYFile.read(directory + "/params/layer1_weights.npy").matrix(Double.self).storage
    let penalty = 0.1 / 2 * w.map { $0 * $0 }.reduce(0, +)
    #expect(abs(cost.last! - loss.last! - penalty) < 1e-12, "\(cost.last!) \(loss.last!) \(w)")
    let summary = try TestProject.table(directory, "summary.csv")
    let index = try #require(summary.columnIndex("train_cost"))
    #expect(summary.header[index - 1] == "train_loss")
    #expect(TestProject.numbers(summary, "train_cost") == [cost.last!])
    #expect(
      recorded.last?.figures.map(\.name) == ["train_loss", "train_cost", "train_accuracy"])
    #expect(recorded.last?.figures[1].value == cost.last!)
  }

  /// With held-out splits the cost is the training split's only, after the loss columns
  /// (quantity-major); a coupled `weight_decay` (adam's, not adamw's decoupled one) is a
  /// penalty; without one there is no cost column nor figure.
  @Test func theCostIsTheTrainingSplitsAndOnlyWithAPenalty() throws {
    let (split, _) = try Self.run([
      "dataset.generator.samples=40", "dataset.split={train: 0.5, dev: 0.5}",
    ])
    defer { Self.remove(split) }
    #expect(
      try TestProject.table(split, "metrics.csv").header == [
        "iteration", "train_loss", "dev_loss", "train_cost", "train_accuracy", "dev_accuracy",
      ])
    let (plain, recorded) = try Self.run(["regularization.l2=0"])
    defer { Self.remove(plain) }
    #expect(
      try TestProject.table(plain, "metrics.csv").header == [
        "iteration", "train_loss", "train_accuracy",
      ])
    #expect(!(try TestProject.table(plain, "summary.csv").header.contains("train_cost")))
    #expect(recorded.last?.figures.map(\.name) == ["train_loss", "train_accuracy"])
    for (rule, columns) in [("adam", 4), ("adamw", 3)] {
      let (decayed, _) = try Self.run([
        "regularization.l2=0", "optimizer.type=\(rule)", "optimizer.weight_decay=0.1",
      ])
      defer { Self.remove(decayed) }
      #expect(try TestProject.table(decayed, "metrics.csv").header.count == columns, "\(rule)")
    }
  }
}
