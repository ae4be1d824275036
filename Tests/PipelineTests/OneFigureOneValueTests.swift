import Conventions
import Foundation
import Pipeline
import Testing

/// One figure has one value in every file of a run: a float32 run's errors print as its
/// summary's losses do, and the summary shows the keys `spec.resolved.yaml` has.
@Suite struct OneFigureOneValueTests {
  /// The tester's float32 polynomial: `train_loss` 0.077810675 in summary.csv was
  /// 0.07781067155301571 in bias_variance.csv and the curves.
  @Test func aFloat32RunPrintsEachFigureOnce() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let directory = try TestProject.run(
      TestProject.experiment("polynomial-linreg-mae.yaml"), resultsRoot: root,
      overrides: ["dtype=float32"]
    ).directory
    let summary = try TestProject.row(directory, "summary.csv")
    let diagnosis = try TestProject.row(directory, "bias_variance.csv")
    let train = try #require(summary["train_loss"])
    #expect(Float(train).map { CSVCell.format($0) } == train)
    #expect(diagnosis["train_error"] == train)
    #expect(diagnosis["dev_error"] == summary["dev_loss"])
    #expect(diagnosis["test_error"] == summary["test_loss"])
    // The spec's own values as the spec holds them.
    #expect(diagnosis["base_error"] == "0.16")
    // The curves' points at the run's own size and degree.
    let learning = try TestProject.table(directory, "learning_curve.csv")
    #expect(learning.rows.last?[1] == train && learning.rows.last?[2] == summary["dev_loss"])
    let validation = try TestProject.table(directory, "validation_curve.csv")
    let three = try #require(validation.rows.first { $0[0] == "3" })
    #expect(three[1] == train && three[2] == summary["dev_loss"])
    // The statistics as the run applies them: float32 texts.
    let preprocessing = try TestProject.table(directory, "preprocessing.csv")
    for value in try #require(preprocessing.column("value")) {
      #expect(Float(value).map { CSVCell.format($0) } == value, "\(value)")
    }
  }

  /// Tester BR-1: a float32 run's `weight_error` and `bias_error` were the float64 difference
  /// of a float32 weight and the true one (`-0.0753927230834961`): now the float32 difference,
  /// in float32 text, as every figure the run computes.
  @Test func aFloat32RunsParameterErrorsAreFloat32Figures() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let directory = try TestProject.run(
      TestProject.experiment("linear-sgd-primer003.yaml"), resultsRoot: root,
      overrides: ["dtype=float32", "optimizer.epochs=100"]
    ).directory
    let summary = try TestProject.row(directory, "summary.csv")
    // The saved float32 values, widened exactly.
    let w = Float(try GoldenExperimentTests.parameters(directory, "layer1_weights.npy")[0])
    let b = Float(try GoldenExperimentTests.parameters(directory, "layer1_bias.npy")[0])
    #expect(summary["weight_error"] == CSVCell.format(Float(5) - w))
    #expect(summary["bias_error"] == CSVCell.format(Float(7) - b))
    #expect(summary["true_weight"] == "5.0")
  }
}
