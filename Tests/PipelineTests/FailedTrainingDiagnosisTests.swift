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
      iris.nextStep == "add a `dev` or `test` split to the dataset so that variance can be measured"
    )
  }
}
