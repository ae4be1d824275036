import Foundation
import Pipeline
import Testing

/// Real runs with a train-dev split, the data-mismatch gap judged against its sampling error:
/// a train-dev split drawn from the same shuffled file as the test set is not called a data
/// mismatch on the luck of its 30 rows; a test file drawn from other data still is.
@Suite struct MismatchSamplingRunTests {
  /// `bias_variance.csv`'s row of a run of `spec` (with `overrides`), the bundled data on the
  /// data path.
  func diagnosis(_ spec: String, overrides: [String] = [], files: [String: String] = [:]) throws
    -> [String: String]
  {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, text) in files {
      try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let path = try TestProject.writeSpec(spec, in: folder)
    var options = RunOptions(resultsRoot: folder.appendingPathComponent("results").path)
    options.spec.overrides = overrides
    options.environment["RUNNER_DATA_PATH"] =
      TestProject.root.appendingPathComponent("experiments/data").path
    let outcome = try ExperimentRunner.run(specPath: path, options: options)
    return try TestProject.row(outcome.directory, "bias_variance.csv")
  }

  /// The tester's iris: train-dev 0 of 30 wrong, test 2 of 30; the 0.0667 gap is 1.4 standard
  /// errors (pooled 2 of 60: 0.0463), and both errors land among the 30 test rows by chance
  /// C(30, 2)/C(60, 2) = 435/1770 (Fisher's exact test).
  @Test func aTrainDevSplitOfTheSameFileIsNotADataMismatch() throws {
    let row = try diagnosis(
      try TestProject.experimentText("iris-softmax-momentum.yaml"),
      overrides: [
        "dataset.split.train=0.6", "dataset.split.train_dev=0.2", "seed=1",
        "optimizer.epochs=50",
      ])
    #expect(row["train_dev_error"] == "0.0" && row["test_error"] == "0.06666666666666667")
    let p = 2.0 / 60
    let expected = (p * (1 - p) * (1.0 / 30 + 1.0 / 30)).squareRoot()
    let error = try #require(row["data_mismatch_standard_error"].flatMap(Double.init))
    #expect(abs(error - expected) < 1e-15)
    #expect(
      row["verdict"]
        == "fine, data mismatch unclear (the data mismatch gap is within the sampling error (2 of 30 test vs 0 of 30 train_dev rows wrong: p = 0.246, Fisher's exact test))"
    )
    let pValue = try #require(row["data_mismatch_p_value"].flatMap(Double.init))
    #expect(abs(pValue - 435.0 / 1770) < 1e-14)
    let advice = try #require(row["recommendations"])
    #expect(advice.hasPrefix("hold out more rows: raise `dataset.split.train_dev`"))
    #expect(!advice.contains("reduce data mismatch"))
  }

  /// The tester's diabetes: a test MSE 35% above the train-dev one is a 773 gap within ±979
  /// (the train-dev losses' spread, 10% and 20% of 442 rows).
  @Test func aRegressionMismatchWithinTheNoiseIsUnclear() throws {
    let row = try diagnosis(
      try TestProject.experimentText("diabetes-elastic-net.yaml"),
      overrides: [
        "dataset.split.train=0.7", "dataset.split.train_dev=0.1",
        "report.bias_variance.base_error=2500",
      ])
    let relative = try #require(row["relative_data_mismatch"].flatMap(Double.init))
    let gap = try #require(row["data_mismatch"].flatMap(Double.init))
    let error = try #require(row["data_mismatch_standard_error"].flatMap(Double.init))
    #expect(relative > 0.3 && gap < 2 * error)
    #expect(
      row["verdict"]?.hasPrefix("high bias, data mismatch unclear (the data mismatch") == true)
  }

  /// Training rows labelled by x > 0, test rows by x > 0.5: a quarter of the test rows are
  /// labelled otherwise, a gap of 0.25 far beyond the ±0.14 of 40 train-dev and 100 test rows.
  @Test func aTestFileOfOtherDataIsStillADataMismatch() throws {
    func rows(_ count: Int, threshold: Double) -> String {
      "x,y\n"
        + (0..<count).map { i in
          let x = -1 + 2 * (Double(i) + 0.5) / Double(count)
          return "\(x),\(x > threshold ? 1 : 0)"
        }.joined(separator: "\n") + "\n"
    }
    let row = try diagnosis(
      """
      name: shifted
      seed: 1
      dataset:
        train: {file: train.csv, target: y}
        test: {file: test.csv, target: y}
        split: {train_dev: 40}
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: gd, learning_rate: 1, iterations: 300}
      metrics: [accuracy]

      """,
      files: ["train.csv": rows(200, threshold: 0), "test.csv": rows(100, threshold: 0.5)])
    let gap = try #require(row["data_mismatch"].flatMap(Double.init))
    let error = try #require(row["data_mismatch_standard_error"].flatMap(Double.init))
    #expect(gap > 2 * error)
    #expect(row["verdict"] == "fine, data mismatch")
    #expect(row["recommendations"]?.hasPrefix("reduce data mismatch") == true)
  }
}
