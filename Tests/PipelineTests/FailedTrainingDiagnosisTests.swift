import Foundation
import Pipeline
import Reports
import Testing

/// The diagnosis of real runs tells the truth when training failed, shows the verdict's own
/// remedies first under `try next`, and says "not judged" when nothing could be measured.
@Suite struct FailedTrainingDiagnosisTests {
  /// Runs `spec` (text) in `directory` and returns the outcome and the bias_variance.csv row.
  func run(
    _ spec: String, _ overrides: [String] = [], files: [String: String] = [:],
    in directory: URL = TestProject.temporaryDirectory()
  ) throws -> (RunOutcome, [String: String]) {
    defer { try? FileManager.default.removeItem(at: directory) }
    for (name, text) in files {
      try text.write(
        to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let path = try TestProject.writeSpec(spec, in: directory)
    let outcome = try TestProject.run(
      path, resultsRoot: directory.appendingPathComponent("results"), overrides: overrides)
    let table = try TestProject.table(outcome.directory, "bias_variance.csv")
    return (outcome, Dictionary(uniqueKeysWithValues: zip(table.header, table.rows[0])))
  }

  func advice(_ row: [String: String]) -> [String] {
    row["recommendations"]!.components(separatedBy: BiasVarianceDiagnosis.recommendationSeparator)
  }

  @Test func theSmallestSpecIsToldToTrainLongerFirst() throws {
    // The loss is still falling after 100 epochs: training longer is the cheapest fix; the
    // network, once the only line shown, made test accuracy worse.
    let (outcome, row) = try run(
      "dataset: {generator: moons, split: {train: 0.8, test: 0.2}}\nmodel: {type: logreg}\n")
    #expect(row["verdict"] == "high bias")
    #expect(outcome.nextSteps.count == 3)
    #expect(
      outcome.nextSteps.first
        == "train longer (the training loss was still falling): raise `optimizer.epochs` from 100 to 200"
    )
    #expect(outcome.nextSteps.contains { $0.hasPrefix("a bigger model") })
    #expect(advice(row).count > outcome.nextSteps.count)  // the CSV keeps all
  }

  @Test func highVarianceWithoutABaseErrorShowsItsRemedyFirst() throws {
    // Diabetes, every feature, trained on 20%: the test MSE is 42% above the train MSE.
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try TestProject.run(
      TestProject.experiment("diabetes-linreg-exact.yaml"), resultsRoot: directory,
      overrides: [
        "dataset.features=[age,sex,bmi,bp,s1,s2,s3,s4,s5,s6]",
        "dataset.split={train: 0.2, test: 0.8}",
      ])
    #expect(outcome.verdict == "high variance (bias not judged: no base_error)")
    #expect(outcome.nextSteps.first == "add regularization: `regularization: {l2: 0.1}`")
    #expect(outcome.nextSteps.last?.hasPrefix("judge bias") == true)
  }

  @Test func withoutAHeldOutSplitNothingIsCalledFine() throws {
    // A regression without a split or base error: nothing judged (once "fine (bias not judged:
    // no base_error)").
    let (regression, _) = try run(
      """
      dataset: {generator: {type: linear, samples: 50, weights: [5], bias: 7, noise: 1}}
      model: {type: linreg, solver: exact}
      loss: mse
      """)
    #expect(
      regression.verdict
        == "not judged (no held-out split to measure variance, no base_error to judge bias)")
    // Iris, all rows trained on: bias judged, variance not (once "fine").
    let (iris, _) = try run(
      """
      dataset: {file: \(AnalysisSupport.bundledDataset("iris.csv")), target: target}
      model: {type: logreg}
      loss: cross_entropy
      optimizer: {type: lbfgs, iterations: 200}
      """)
    #expect(
      iris.verdict == "not judged (no held-out split to measure variance; avoidable bias is low)")
    #expect(
      iris.nextSteps == [
        "add a `dev` or `test` split to the dataset so that variance can be measured"
      ])
  }
}
