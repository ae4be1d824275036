import Foundation
import Pipeline
import Testing

/// `summary.csv` shows the keys `spec.resolved.yaml` has: a key left out there because it
/// changes nothing is an empty field (report.md then leaves it out too).
@Suite struct SummaryKeysTests {
  /// A run of 0 steps uses no learning rate: spec.resolved.yaml leaves it out, and summary.csv
  /// (and so report.md) shows none either.
  @Test func aRunOfNoStepsReportsNoLearningRate() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let directory = try TestProject.run(
      TestProject.experiment("and-perceptron-step.yaml"), resultsRoot: root, overrides: []
    ).directory
    let resolved = try String(
      contentsOfFile: directory + "/spec.resolved.yaml", encoding: .utf8)
    #expect(!resolved.contains("learning_rate"))
    let summary = try TestProject.row(directory, "summary.csv")
    #expect(summary["optimizer.learning_rate"] == "")
    #expect(summary["optimizer.type"] == "gd" && summary["regularization.l2"] == "0.0")
    let report = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
    #expect(!report.contains("learning_rate"))
    // A run that trains keeps its rate.
    let trained = try TestProject.run(
      TestProject.experiment("xor-mlp-sigmoid.yaml"), resultsRoot: root,
      overrides: ["optimizer.iterations=1"]
    ).directory
    #expect(try TestProject.row(trained, "summary.csv")["optimizer.learning_rate"] != "")
  }
}
