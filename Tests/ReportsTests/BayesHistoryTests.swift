import Conventions
import Foundation
import Testing

@testable import Reports

/// A bayes sweep's report says which trials were random start-up draws and which TPE proposed,
/// and shows the best objective after each trial (Optuna's optimization history; tester AC,
/// AC9).
@Suite struct BayesHistoryTests {
  /// `batches.csv`: 3 random trials, then two batches of TPE (the last found one trial).
  static let batches = """
    batch,trial,sampler,settings
    0,c00000000003,random,f00d
    0,a00000000001,random,f00d
    0,b00000000002,random,f00d
    1,e00000000005,tpe,f00d
    1,d00000000004,tpe,f00d
    2,f00000000006,tpe,f00d

    """

  /// The sweep's ranked `summary.csv` (d failed; f recorded no finite value).
  static let summary = """
    trial,status,optimizer.learning_rate,dev_loss,reason
    e00000000005,ok,0.05,0.25,
    b00000000002,ok,0.1,0.4,
    a00000000001,ok,0.01,0.5,
    c00000000003,ok,0.3,0.6,
    f00000000006,ok,2.0,nan,
    d00000000004,failed,0.2,,training diverged

    """

  static func history() throws -> BayesHistory {
    try #require(
      BayesHistory(
        batches: try CSVTable(parsing: batches), summary: try CSVTable(parsing: summary),
        settings: SweepSettings(objective: "dev_loss", goal: "min")))
  }

  @Test func theBestSoFarFollowsTheSearchOrder() throws {
    let history = try Self.history()
    #expect(
      history.trials.map(\.id) == [
        "c00000000003", "a00000000001", "b00000000002", "e00000000005", "d00000000004",
        "f00000000006",
      ])
    #expect(history.trials.map(\.number) == [1, 2, 3, 4, 5, 6])
    #expect(history.trials.map(\.sampler) == ["random", "random", "random", "tpe", "tpe", "tpe"])
    #expect(history.trials.map(\.text) == ["0.6", "0.5", "0.4", "0.25", "", "nan"])
    #expect(history.trials.map(\.bestText) == ["0.6", "0.5", "0.4", "0.25", "0.25", "0.25"])
    #expect(history.count("random") == 3 && history.count("tpe") == 3)
    #expect(history.batches == 3)
    #expect(history.bestTrial?.id == "e00000000005")
    #expect(history.startupBest == 0.4)
    // With `goal: max` the best so far keeps the largest.
    let max = try #require(
      BayesHistory(
        batches: try CSVTable(parsing: Self.batches),
        summary: try CSVTable(parsing: Self.summary),
        settings: SweepSettings(objective: "dev_loss", goal: "max")))
    #expect(max.trials.map(\.bestText) == ["0.6", "0.6", "0.6", "0.6", "0.6", "0.6"])
    #expect(max.bestTrial?.id == "c00000000003")
  }

  @Test func theReportHasABayesianSectionWithTheHistoryPlotAndTable() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let plan = """
      trial,optimizer.learning_rate
      a00000000001,0.01
      b00000000002,0.1
      c00000000003,0.3
      d00000000004,0.2
      e00000000005,0.05
      f00000000006,2.0

      """
    for (name, text) in [
      ("batches.csv", Self.batches), ("summary.csv", Self.summary), ("plan.csv", plan),
      ("sweep.csv", "key,value\nobjective.metric,dev_loss\nobjective.goal,min\n"),
    ] {
      try text.write(
        to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let report = try ResultsReport(directory: folder, name: "bayes")
    let plot = try #require(report.plots.first { $0.fileName == "sweep_best_so_far.svg" })
    #expect(plot.section == .bayes)
    #expect(plot.svg.contains(#"data-series="best so far""#))
    let markdown = report.markdown(plots: report.plots)
    #expect(markdown.contains("## Bayesian search (TPE)"))
    #expect(
      markdown.contains(
        "Batch 0 drew 3 random start-up trials (the first draws of a random search with this seed); the 2 batches after it hold 3 trials that TPE proposed from the results of the batches before. `batches.csv` lists each trial's batch and sampler. The best dev_loss so far is 0.25, first reached by trial 4 of 6 (`e00000000005`, batch 1, proposed by TPE); the start-up's best was 0.4."
      ), "\(markdown)")
    #expect(markdown.contains("](plots/sweep_best_so_far.svg)"))
    #expect(markdown.contains("| # | batch | sampler | trial | dev_loss | best so far |"))
    #expect(markdown.contains("| 4 | 1 | tpe | e00000000005 | 0.25 | 0.25 |"))
    #expect(markdown.contains("| 5 | 1 | tpe | d00000000004 |  | 0.25 |"))
    // A grid sweep's report has no such section.
    try FileManager.default.removeItem(at: folder.appendingPathComponent("batches.csv"))
    let grid = try ResultsReport(directory: folder, name: "grid")
    #expect(!grid.markdown(plots: grid.plots).contains("Bayesian search"))
    #expect(!grid.plots.contains { $0.fileName == "sweep_best_so_far.svg" })
  }
}
