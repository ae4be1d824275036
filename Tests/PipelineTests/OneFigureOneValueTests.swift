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
}
