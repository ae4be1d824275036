import Foundation
import Testing

@testable import Reports

@Suite("writing a run's results directory")
struct RunResultsTests {
  func catResults(seconds: Double) -> RunResults {
    var log = MetricsLog(
      stepColumn: "iteration", quantities: ["loss", "accuracy"], splits: [.train, .test])
    log.record(step: 0, split: .train, ["loss": 0.6931471805599453, "accuracy": 0.6555])
    log.record(step: 100, split: .train, ["loss": 0.584508, "accuracy": 0.7])
    var finals = SplitValues()
    finals[.train, "accuracy"] = 207.0 / 209
    finals[.test, "accuracy"] = 0.7
    var timings = TimingsTable()
    timings.record("train", seconds: seconds)
    return RunResults(
      metrics: log,
      summary: RunSummary(figures: RunSummary.finalFigures(finals, quantities: ["accuracy"])),
      timings: timings,
      diagnosis: BiasVarianceDiagnosis(baseError: 0, trainError: 2.0 / 209, testError: 0.3),
      extraFiles: ["spec.resolved.yaml": "name: cat\n"])
  }

  @Test("writes every file, then the report; two runs differ only in timings.csv")
  func writesEverything() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (a, b) = (root.appendingPathComponent("a/cat"), root.appendingPathComponent("b/cat"))
    let written = try catResults(seconds: 1.25).write(to: a)
    try catResults(seconds: 2.5).write(to: b)
    #expect(
      written == [
        "metrics.csv", "summary.csv", "bias_variance.csv", "timings.csv", "spec.resolved.yaml",
        "plots/loss.svg",
        "plots/accuracy.svg", "report.md", "report.html",
      ])
    for path in written {
      let same =
        try Data(contentsOf: a.appendingPathComponent(path))
        == Data(contentsOf: b.appendingPathComponent(path))
      #expect(same == (path != "timings.csv"), "\(path)")
    }
    #expect(!(try ResultsDiff(a, b).differs))
    #expect(try ResultsDiff(a, b, options: DiffOptions(includeTimings: true)).differs)
    let summary = try AtomicFile.read(a.appendingPathComponent("summary.csv"))
    #expect(summary == "train_accuracy,test_accuracy\n0.9904306220095693,0.7\n")
  }
}
