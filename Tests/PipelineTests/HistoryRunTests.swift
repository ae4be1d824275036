import Foundation
import Pipeline
import Reports
import Testing

/// `metrics.csv` ends where the run ended, and the report draws a curve only through two or
/// more recorded states.
@Suite struct HistoryRunTests {
  @Test func aOneEpochRunHasACurveOfTwoPoints() throws {
    let directory = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      """
      name: one-epoch
      dataset: {generator: {type: moons, samples: 64, noise: 0.2}, split: {train: 0.75, test: 0.25}}
      model:
        type: mlp
        layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]
      optimizer: {type: sgd, learning_rate: 0.1, batch_size: 8, epochs: 1}
      metrics: [accuracy]
      """, in: directory)
    let outcome = try TestProject.run(spec, resultsRoot: directory)
    let metrics = try TestProject.table(outcome.directory, "metrics.csv")
    #expect(metrics.column("epoch") == ["0", "1"])
    let summary = try TestProject.table(outcome.directory, "summary.csv")
    #expect(metrics.column("train_accuracy")?.last == summary.column("train_accuracy")?.first)
    #expect(metrics.column("test_loss")?.last == summary.column("test_loss")?.first)
    // The accuracy plot draws both states.
    let svg = try String(
      contentsOfFile: outcome.directory + "/plots/accuracy.svg", encoding: .utf8)
    #expect(svg.components(separatedBy: "class=\"point\"").count - 1 == 4)
    let report = try String(contentsOfFile: outcome.directory + "/report.md", encoding: .utf8)
    #expect(report.contains("plots/accuracy.svg"))
  }

  @Test func theExactSolverHasOneStateAndNoCurve() throws {
    let directory = TestProject.temporaryDirectory()
    let outcome = try TestProject.run(
      TestProject.experiment("diabetes-linreg-exact.yaml"), resultsRoot: directory)
    #expect(outcome.stopReason == "solved exactly (least squares)")
    let metrics = try TestProject.table(outcome.directory, "metrics.csv")
    #expect(metrics.column("iteration") == ["0"])
    let summary = try TestProject.table(outcome.directory, "summary.csv")
    #expect(metrics.column("test_mse") == summary.column("test_mse"))
    #expect(summary.column("stop_reason") == ["solved exactly (least squares)"])
    #expect(!FileManager.default.fileExists(atPath: outcome.directory + "/plots/loss.svg"))
    let report = try String(contentsOfFile: outcome.directory + "/report.md", encoding: .utf8)
    #expect(report.contains("One recorded state (iteration 0), the final one: no curve to draw"))
  }

  @Test func theExactSolverRefusesWeightDecay() throws {
    let directory = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      """
      dataset: {name: diabetes, split: {test: 0.2}}
      model: {type: linreg, solver: exact}
      optimizer: {type: sgd, weight_decay: 0.1}
      """, in: directory)
    let error = #expect(throws: PipelineError.self) {
      try TestProject.run(spec, resultsRoot: directory)
    }
    #expect(error?.exitCode == 65)
    let message = error?.description ?? ""
    #expect(message.contains("spec.yaml:3:38: error: the exact solver uses no optimizer"))
    #expect(message.contains("fix-it: regularization: {l2: 0.1}"))
  }
}
