import Foundation
import Pipeline
import Reports
import Testing

/// The foundation's golden run: `experiments/cat.yaml` reproduces the deeplearning.ai course.
@Suite(.enabled(if: CourseData.cat, CourseData.missing("catvnoncat"))) struct CatRunTests {
  /// Costs at iterations 0, 100, …, 1900 from deeplearning.ai's numpy code (float64).
  static let referenceCosts = [
    0.693147, 0.584508, 0.466949, 0.376007, 0.331463, 0.303273, 0.279880, 0.260042, 0.242941,
    0.228004,
    0.214820, 0.203078, 0.192544, 0.183033, 0.174399, 0.166521, 0.159305, 0.152667, 0.146542,
    0.140872,
  ]

  @Test func float64ReproducesTheCourse() throws {
    let results = TestProject.temporaryDirectory()
    let outcome = try TestProject.run(TestProject.experiment("cat.yaml"), resultsRoot: results)
    let metrics = try TestProject.table(outcome.directory, "metrics.csv")
    #expect(
      metrics.header == ["iteration", "train_loss", "test_loss", "train_accuracy", "test_accuracy"])
    // numpy's costs at 0, 100, …, 1900, then the state after the last update: the summary's.
    #expect(
      TestProject.numbers(metrics, "iteration")
        == stride(from: 0, through: 2000, by: 100).map(Double.init))
    let costs = TestProject.numbers(metrics, "train_loss")
    #expect(costs.count == 21)
    for (cost, reference) in zip(costs, Self.referenceCosts) {
      #expect(abs(cost - reference) <= 5e-7, "cost \(cost) vs numpy \(reference)")
    }
    let summary = try TestProject.table(outcome.directory, "summary.csv")
    for column in ["train_loss", "test_loss", "train_accuracy", "test_accuracy"] {
      #expect(metrics.column(column)?.last == summary.column(column)?.first, "\(column)")
    }
    let trainLoss = try #require(TestProject.numbers(summary, "train_loss").first)
    #expect(abs(trainLoss - 0.1356080753) < 1e-9)
    #expect(TestProject.numbers(summary, "train_accuracy") == [207.0 / 209.0])
    #expect(TestProject.numbers(summary, "test_accuracy") == [35.0 / 50.0])
    #expect(summary.column("test_loss")?.count == 1)

    let diagnosis = try TestProject.table(outcome.directory, "bias_variance.csv")
    #expect(diagnosis.column("verdict") == ["high variance"])
    #expect(TestProject.numbers(diagnosis, "train_error") == [2.0 / 209.0])
    #expect(TestProject.numbers(diagnosis, "test_error") == [0.3])
    #expect(diagnosis.column("recommendations")?.first?.contains("regularization") == true)
    #expect(outcome.verdict == "high variance")
    #expect(FileManager.default.fileExists(atPath: outcome.directory + "/spec.resolved.yaml"))
    #expect(FileManager.default.fileExists(atPath: outcome.directory + "/timings.csv"))
  }

  @Test func float32MatchesWithinTolerance() throws {
    let results = TestProject.temporaryDirectory()
    let outcome = try TestProject.run(
      TestProject.experiment("cat.yaml"), resultsRoot: results, overrides: ["dtype=float32"])
    let metrics = try TestProject.table(outcome.directory, "metrics.csv")
    let costs = TestProject.numbers(metrics, "train_loss")
    #expect(costs.count == 21)
    for (cost, reference) in zip(costs, Self.referenceCosts) {
      #expect(abs(cost - reference) <= 1e-5, "float32 cost \(cost) vs numpy \(reference)")
    }
    let summary = try TestProject.table(outcome.directory, "summary.csv")
    // A float32 run prints float32 figures (shortest float32 text).
    #expect(summary.column("train_accuracy") == [Float(207.0 / 209.0).description])
    #expect(summary.column("test_accuracy") == [Float(35.0 / 50.0).description])
    #expect(
      try TestProject.table(outcome.directory, "bias_variance.csv").column("verdict") == [
        "high variance"
      ])
  }

  @Test func sameSpecTwiceGivesByteIdenticalFiles() throws {
    let first = try TestProject.run(
      TestProject.experiment("cat.yaml"), resultsRoot: TestProject.temporaryDirectory("a"))
    let second = try TestProject.run(
      TestProject.experiment("cat.yaml"), resultsRoot: TestProject.temporaryDirectory("b"))
    #expect(first.files == second.files)
    for file in first.files where !ResultsFile.timingFiles.contains(file) {
      let a = try Data(contentsOf: URL(fileURLWithPath: first.directory + "/" + file))
      let b = try Data(contentsOf: URL(fileURLWithPath: second.directory + "/" + file))
      #expect(a == b, "\(file) differs between identical runs")
    }
  }
}
