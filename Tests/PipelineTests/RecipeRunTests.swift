import Foundation
import Pipeline
import Reports
import Testing

/// Real runs the basic recipe judges: an unstable run and a regression worse than predicting
/// the mean are training that did not converge, with the advice that makes it go down.
@Suite struct RecipeRunTests {
  let runs = FailedTrainingDiagnosisTests()

  @Test(.enabled(if: CourseData.cat, CourseData.missing("catvnoncat")))
  func theCatAtLearningRate10IsToldToLowerItNamingTheRise() throws {
    // The loss goes 0.693 → 127 → 2224 (4120 between records, 5946× its start, under the divergence factor) and
    // falls back to ~0; it was "high variance" with "try next: add regularization", then "did
    // not converge", which it did: it was unstable.
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try TestProject.run(
      TestProject.experiment("cat.yaml"), resultsRoot: directory,
      overrides: ["optimizer.learning_rate=10"])
    #expect(
      outcome.verdict?.hasPrefix("training was unstable: the training loss rose to ") == true,
      "\(String(describing: outcome.verdict))")
    let first = try #require(outcome.nextSteps.first)
    #expect(
      first.hasPrefix("a lower learning rate (the training loss rose to 4.12e+03, "), "\(first)")
    #expect(
      first.hasSuffix("× its start): lower `optimizer.learning_rate` from 10.0 to 1.0"), "\(first)")
  }

  @Test(.enabled(if: CourseData.cat, CourseData.missing("catvnoncat")))
  func theCatAtLearningRateHalfIsUnstableWhateverItRecords() throws {
    // Full batch: the peak is the largest step loss, not only the recorded ones (it was "rose to
    // 205" recording every step, "43.3" every 100 and "high variance" every 1000).
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let verdicts = try [1, 1000].map {
      try TestProject.run(
        TestProject.experiment("cat.yaml"), resultsRoot: directory,
        overrides: ["optimizer.learning_rate=0.5", "record_every=\($0)"]
      ).verdict
    }
    #expect(
      verdicts
        == Array(
          repeating: "training was unstable: the training loss rose to 205 (296× "
            + "its start 0.693) before ending at 6.75e-05", count: 2), "\(verdicts)")
  }

  /// Diabetes on three features by gradient descent at learning rate 1: the bias term
  /// oscillates at the edge of stability.
  static let diabetes = """
    name: diabetes-gd
    dataset:
      file: \(AnalysisSupport.bundledDataset("diabetes.csv"))
      features: [bmi, bp, s5]
      target: target
      split: {train: 0.6, dev: 0.2, test: 0.2}
    model: {type: linreg, solver: gd}
    loss: mse
    optimizer: {type: gd, learning_rate: 1.0, iterations: 2000}
    metrics: [mse, r2]
    """

  @Test func aRegressionWorseThanPredictingTheMeanDidNotConverge() throws {
    // Train R² −3.8: the loss only went 29646 → 28591; it was "completed, low variance".
    let (outcome, row) = try runs.run(Self.diabetes)
    let r2 = try #require(outcome.figures.first { $0.name == "train_r2" }?.value.text)
    #expect(try #require(Double(r2)) < 0)
    #expect(
      row["verdict"]
        == "training did not converge: the training loss ended at 2.86e+04, worse than predicting the training targets' mean (5.94e+03)",
      "\(row)")
    // The loss fell by 3.56% without rising: a rate tenfold either way (the bias swings).
    #expect(
      runs.advice(row) == [
        "another learning rate: the training loss fell by only 3.56% of its start without ever "
          + "rising, as a rate too small (slow steps) or too large for some weights (they swing "
          + "back and forth) both make it, so try `optimizer.learning_rate` at 0.1 and at 10.0 "
          + "instead of 1.0"
      ])
    // At a tenth of the rate it learns (train R² 0.47), but stops 5.7% above least squares:
    // the inputs' scale (standard deviations about 0.05) slows their weights.
    let (_, calm) = try runs.run(Self.diabetes, ["optimizer.learning_rate=0.1"])
    #expect(
      calm["verdict"]
        == "training did not converge: the training loss is 3.13e+03, least squares reaches 2.96e+03 on these rows",
      "\(calm)")
    #expect(runs.advice(calm).first?.hasPrefix("standardize the features") == true)
    // Standardized, it reaches least squares and is judged as usual.
    let (_, scaled) = try runs.run(
      Self.diabetes, ["optimizer.learning_rate=0.1", "dataset.preprocessing=[standardize]"])
    #expect(
      scaled["verdict"]?.hasPrefix("variance unclear (bias not judged: base_error 0)") == true,
      "\(scaled)")
  }
}
