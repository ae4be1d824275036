import Conventions
import Foundation
import Pipeline
import Reports
import Specs
import Testing

/// Ranking trials by the sweep's objective: order, ties, failed and unscored trials, and the
/// sweep summary, report and terminal text built on it.
@Suite struct TrialRankingTests {
  typealias Candidate = TrialRanking.Candidate

  @Test func lowestFirstTiesToTheLowerIDFailedLast() {
    let entries = [
      Candidate(id: "e", failed: true, value: nil),
      Candidate(id: "d", failed: false, value: 0.3),
      Candidate(id: "c", failed: false, value: 0.1),
      Candidate(id: "b", failed: false, value: .nan),
      Candidate(id: "a", failed: false, value: 0.3),
      Candidate(id: "0", failed: true, value: 0.01),
    ]
    let ranked = TrialRanking.rank(entries, by: Objective(metric: "dev_loss"))
    // c is best; a and d tie (a first); b recorded no finite value; failed ones last, by ID.
    #expect(ranked.map(\.id) == ["c", "a", "d", "b", "0", "e"])
  }

  @Test func highestFirstForScoresAndAnExplicitGoal() {
    let entries = [
      Candidate(id: "a", failed: false, value: 0.8), Candidate(id: "b", failed: false, value: 0.9),
    ]
    #expect(Objective(metric: "dev_accuracy").goal == .max)
    #expect(
      TrialRanking.rank(entries, by: Objective(metric: "dev_accuracy")).map(\.id) == ["b", "a"])
    #expect(
      TrialRanking.rank(entries, by: Objective(metric: "dev_accuracy", goal: .min)).map(\.id)
        == ["a", "b"])
  }

  @Test func objectiveColumnsFollowTheSplits() {
    #expect(Objective.default.column(hasDev: true, hasTest: true) == "dev_loss")
    #expect(Objective.default.column(hasDev: false, hasTest: true) == "test_loss")
    #expect(Objective.default.column(hasDev: false, hasTest: false) == "train_loss")
    #expect(Objective(metric: "log_loss").goal == .min)
    #expect(Objective(metric: "test_f1").column(hasDev: true, hasTest: true) == "test_f1")
  }
}

@Suite struct SweepObjectiveTests {
  /// linear-grid.yaml has no dev split: its trials are ranked on the test loss, with a warning
  /// on the terminal and in the report.
  @Test func summaryIsRankedAndVaryingColumnsComeFirst() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let events = EventLog()
    let outcome = try SweepRunner.run(
      specPath: SweepFixture.spec("linear-grid.yaml"), options: SweepFixture.options(root: root)
    ) { events.append($0) }
    #expect(events.notes.contains { $0.contains("the best trial is chosen on the test set") })
    let summary = try SweepFixture.table(outcome.summary)
    let losses = try #require(summary.column("test_loss")).map { Double($0)! }
    #expect(losses == losses.sorted())
    let best = try #require(outcome.best)
    #expect(best.trial == summary.rows[0][0] && best.column == "test_loss")
    let text = SweepText.result(outcome)
    #expect(
      text.contains(
        "best trial: \(best.trial) (test_loss \(summary.rows[0][summary.columnIndex("test_loss")!])"
      ))
    #expect(text.contains("chosen on the test set"))
    // Varying columns (seed, figures) before constant ones (model.type, …); the axes first.
    let header = summary.header
    #expect(
      Array(header.prefix(4)) == [
        "trial", "status", "optimizer.learning_rate", "regularization.l2",
      ])
    #expect(header[4] == "test_loss")  // the objective right after the axes
    #expect(header.firstIndex(of: "test_loss")! < header.firstIndex(of: "model.type")!)
    #expect(header.firstIndex(of: "seed")! < header.firstIndex(of: "model.type")!)
    #expect(header.last == "reason")
    // Thousands of failed trials (every one too big) list the first 20, then a count.
    var many = outcome
    many.finished = (0..<1000).map {
      TrialStatus(trial: String(format: "t%04d", $0), outcome: .failed(reason: "too big"))
    }
    let lines = SweepText.result(many).split(separator: "\n")
    #expect(lines.filter { $0.hasPrefix("  failed ") }.count == 20)
    #expect(
      lines.contains(
        "  … and 980 more failed trials (each one's reason is in summary.csv)"))
    let settings = try SweepFixture.table(outcome.directory + "/sweep.csv")
    #expect(
      settings.rows.prefix(2).map { $0 } == [
        ["objective.metric", "test_loss"], ["objective.goal", "min"],
      ])
    // The spec's own seed, last: recorded nowhere else in the folder (tester BM-12).
    let spec = try String(contentsOfFile: SweepFixture.spec("linear-grid.yaml"), encoding: .utf8)
    let seed = try #require(
      spec.split(separator: "\n").first { $0.hasPrefix("seed: ") }?.dropFirst("seed: ".count))
    #expect(settings.rows.last == ["seed", String(seed)])
    let report = try String(contentsOfFile: outcome.directory + "/report.md", encoding: .utf8)
    #expect(report.contains("Best trial: `\(best.trial)`"))
    #expect(report.contains("chosen on the test set"))
  }

  /// The report of experiments/sweep_moons_grid.yaml names the best
  /// trial, puts the learning rate on a log axis and has a parallel-coordinates plot.
  @Test func moonsGridReportNamesTheBestTrialWithALogLearningRate() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.root.appendingPathComponent("experiments/sweep_moons_grid.yaml").path
    var options = SweepFixture.options(root: root, jobs: 2)
    options.run.spec.overrides = ["optimizer.epochs=20"]
    let outcome = try SweepRunner.run(specPath: spec, options: options)
    let best = try #require(outcome.best)
    #expect(best.column == "dev_loss" && best.ranked == 24)
    let folder = URL(fileURLWithPath: outcome.directory)
    let markdown = try String(
      contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(markdown.contains("**Best trial: `\(best.trial)` with dev_loss = \(best.value)"))
    let plots = folder.appendingPathComponent("plots")
    let parallel = try String(
      contentsOf: plots.appendingPathComponent("sweep_parallel_coordinates.svg"), encoding: .utf8)
    #expect(parallel.contains("data-axis=\"optimizer.learning_rate\" data-scale=\"log\""))
    #expect(parallel.contains("data-axis=\"regularization.l2\" data-scale=\"categories\""))
    #expect(parallel.components(separatedBy: "class=\"trial\"").count == 25)
    let scatter = try String(
      contentsOf: plots.appendingPathComponent("sweep_loss_vs_optimizer_learning_rate.svg"),
      encoding: .utf8)
    #expect(scatter.contains("class=\"x-axis\" data-scale=\"log\""))
    let heatmaps = try FileManager.default.contentsOfDirectory(atPath: plots.path).filter {
      $0.hasPrefix("sweep_heatmap_")
    }
    #expect(heatmaps.count == 3)
    let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("class=\"plot parallel-coordinates\""))
    #expect(!html.contains("e+18"))
  }
}
