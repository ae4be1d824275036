import Foundation
import Pipeline
import Reports
import Testing

/// A regression loss whose metrics score classes (primer 000's logistic regression with
/// ½(a − y)², a step perceptron) is diagnosed by its misclassified fraction, as logreg is; with
/// no class-scoring metric it stays a regression, and its advice says why (tester T6).
@Suite struct ClassScoringRegressionTests {
  /// A one-unit sigmoid network trained with mse on moons' 0/1 labels, with a learning curve.
  static let spec = """
    name: sigmoid_mse
    seed: 2
    dataset:
      generator: {type: moons, samples: 120, noise: 0.3}
      split: {train: 0.5, test: 0.5}
    model: {type: mlp, layers: [{units: 6, activation: tanh}, {units: 1, activation: sigmoid}], init: xavier}
    loss: mse
    optimizer: {type: gd, learning_rate: 0.5, iterations: 300}
    report:
      learning_curve: {sizes: [20, 60]}
    """

  func run(_ overrides: [String]) throws -> String {
    let directory = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(Self.spec, in: directory)
    return try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"), overrides: overrides
    ).directory
  }

  @Test func classScoringMetricsMakeTheDiagnosisAClassifiers() throws {
    let folder = try run(["metrics=[accuracy, confusion_matrix]"])
    let row = try TestProject.row(folder, "bias_variance.csv")
    let summary = try TestProject.row(folder, "summary.csv")
    let train = try #require(Double(row["train_error"] ?? ""))
    let test = try #require(Double(row["test_error"] ?? ""))
    let trainAccuracy = try #require(Double(summary["train_accuracy"] ?? ""))
    let testAccuracy = try #require(Double(summary["test_accuracy"] ?? ""))
    // The misclassified fractions of 60 rows each, not the mse.
    #expect(abs(train - (1 - trainAccuracy)) < 1e-12 && abs(test - (1 - testAccuracy)) < 1e-12)
    #expect(Double(summary["train_loss"] ?? "") != train)
    #expect((train * 60).rounded() == train * 60)
    #expect(row["threshold_scale"] == "absolute")
    #expect(row["avoidable_bias_threshold"] == "0.05")
    #expect(!(row["recommendations"] ?? "").contains("in the loss's units"))
    // The confusion matrix counts the same test classes (an output above 0.5 is class 1).
    let matrix = try TestProject.table(folder, "confusion_matrix.csv")
    #expect(matrix.header == ["actual", "predicted_0", "predicted_1"])
    let counts = matrix.rows.flatMap { $0.dropFirst().compactMap(Int.init) }
    #expect(counts.reduce(0, +) == 60)
    #expect(abs(Double(counts[0] + counts[3]) / 60 - testAccuracy) < 1e-12)
    // The learning curve's errors are fractions of the rows too, and its plot says so.
    let curve = try TestProject.table(folder, "learning_curve.csv")
    for error in TestProject.numbers(curve, "test_error") {
      #expect((error * 60).rounded() == error * 60, "\(error)")
    }
    let svg = try String(contentsOfFile: folder + "/plots/learning_curve.svg", encoding: .utf8)
    #expect(svg.contains("fraction misclassified"))
  }

  @Test func withoutThemTheDiagnosisStaysARegressionAndSaysWhy() throws {
    let folder = try run(["metrics=[mse]"])
    let row = try TestProject.row(folder, "bias_variance.csv")
    let summary = try TestProject.row(folder, "summary.csv")
    #expect(row["train_error"] == summary["train_loss"])
    #expect(row["threshold_scale"] == "relative")
    let advice = (row["recommendations"] ?? "").components(
      separatedBy: BiasVarianceDiagnosis.recommendationSeparator)
    #expect(
      advice.contains {
        $0.hasPrefix(
          "to judge classes: the sigmoid output fits 0/1 targets, but `metrics` scores no class")
      }, "\(advice)")
    // `[mse]` alone is what a spec listing no metric records: the hint comes first (BI-10).
    #expect(advice.first?.hasPrefix("to judge classes: ") == true, "\(advice)")
    // `[mse, mae]` is a regression chosen: the hint comes after the rest.
    let chosen = try TestProject.row(run(["metrics=[mse, mae]"]), "bias_variance.csv")
    let advised = (chosen["recommendations"] ?? "").components(
      separatedBy: BiasVarianceDiagnosis.recommendationSeparator)
    #expect(
      advised.count > 1 && advised.last?.hasPrefix("to judge classes: ") == true, "\(advised)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/confusion_matrix.csv"))
    let svg = try String(contentsOfFile: folder + "/plots/learning_curve.svg", encoding: .utf8)
    #expect(svg.contains("error (mse)"))
  }
}
