import Conventions
import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The sweep analysis of a report: best trial, ranking note, test-set warning, parallel
/// coordinates, heatmaps, the best trials' curves, axis scales and exact numbers.
@Suite("sweep analysis in reports")
struct SweepAnalysisReportTests {
  /// A ranked 3×2 grid (learning rate × L2) plus one failed trial, with `sweep.csv` ranking by
  /// `objective` and each ok trial's `metrics.csv`.
  func writeSweep(to directory: URL, objective: String = "dev_loss") throws {
    let axes = ["optimizer.learning_rate", "regularization.l2"]
    var plan = try CSVTable(header: ["trial"] + axes)
    var rows: [(id: String, values: [String], loss: Double)] = []
    var index = 0
    for lr in ["0.001", "0.01", "0.1"] {
      for l2 in ["0.0", "0.001"] {
        let loss = 0.5 - Double(lr)! - Double(l2)! * 10 + Double(index) * 0.001
        rows.append(("t\(index)", [lr, l2], loss))
        index += 1
      }
    }
    for row in rows { try plan.append(text: [row.id] + row.values) }
    try plan.append(text: ["zz", "1.0", "0.0"])
    let figures = objective == "test_loss" ? ["test_loss"] : ["dev_loss"]
    var summary = try CSVTable(
      header: ["trial", "status"] + axes + ["seed"] + figures + ["reason"])
    for row in rows.sorted(by: { $0.loss < $1.loss }) {
      try summary.append(
        text: [row.id, "ok"] + row.values + ["9365514472884010311", "\(row.loss)", ""])
      let trial = directory.appendingPathComponent(row.id)
      try FileManager.default.createDirectory(at: trial, withIntermediateDirectories: true)
      try CSVTable(
        header: ["epoch", figures[0]], rows: [["0", "0.9"], ["10", "\(row.loss)"]]
      ).write(to: trial.appendingPathComponent(ResultsFile.metrics))
    }
    try summary.append(text: ["zz", "failed", "1.0", "0.0", "1", "", "diverged: loss is nan"])
    try plan.write(to: directory.appendingPathComponent(ResultsFile.plan))
    try summary.write(to: directory.appendingPathComponent(ResultsFile.summary))
    try SweepSettings(
      objective: objective, goal: "min",
      axisForms: [("optimizer.learning_rate", "values"), ("regularization.l2", "values")]
    ).table.write(to: directory.appendingPathComponent(ResultsFile.sweepSettings))
  }

  @Test("the report names the best trial, explains the ranking and draws the analysis")
  func bestTrialAndPlots() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try writeSweep(to: directory)
    let written = try ResultsReport.rebuild(in: directory)
    let svgs = written.filter { $0.hasSuffix(".svg") }
    #expect(
      Array(svgs.prefix(3)) == [
        "plots/sweep_parallel_coordinates.svg",
        "plots/sweep_heatmap_optimizer_learning_rate_regularization_l2.svg",
        "plots/sweep_top_trials.svg",
      ])
    let markdown = try AtomicFile.read(directory.appendingPathComponent(ResultsFile.reportMarkdown))
    #expect(markdown.contains("**Best trial: `t5` with dev_loss = "))
    #expect(
      markdown.contains(
        "ties go to the smaller swept values (axis by axis, in the spec's order) and failed trials come last"
      ))
    #expect(!markdown.contains("test set"))
    // Exact numbers: the seed as an integer, not 9.36551e+18.
    #expect(markdown.contains("9365514472884010311") && !markdown.contains("e+18"))
    let html = try AtomicFile.read(directory.appendingPathComponent(ResultsFile.reportHTML))
    #expect(html.contains("Best trial: <code>t5</code>"))
    #expect(html.contains("class=\"plot parallel-coordinates\""))

    let parallel = try XMLDocument(
      contentsOf: directory.appendingPathComponent("plots/sweep_parallel_coordinates.svg"),
      options: [])
    // One line per trial, each named in a tooltip; the failed one grey and dashed.
    let trials = try parallel.nodes(forXPath: "//*[@class='trial']")
    #expect(trials.count == 7)
    let titles = try parallel.nodes(forXPath: "//*[@class='trial']/*[local-name()='title']")
      .compactMap(\.stringValue)
    #expect(titles.contains { $0.hasPrefix("trial t5: optimizer.learning_rate=0.1") })
    #expect(titles.contains { $0.hasPrefix("trial zz:") && $0.hasSuffix("failed") })
    // The best line is drawn last (on top) and its ID labels the objective axis.
    #expect(trials.last.flatMap { attribute("data-trial", of: $0) } == "t5")
    let parallelText = try AtomicFile.read(
      directory.appendingPathComponent("plots/sweep_parallel_coordinates.svg"))
    #expect(parallelText.contains(">best t5</text>"))
    let scales = try parallel.nodes(forXPath: "//*[@class='parameter-axis']").compactMap {
      attribute("data-scale", of: $0)
    }
    // 0.001-0.1 spans 100×: log; an L2 holding 0: categories.
    #expect(scales == ["log", "categories"])

    let heatmap = try XMLDocument(
      contentsOf: directory.appendingPathComponent(
        "plots/sweep_heatmap_optimizer_learning_rate_regularization_l2.svg"), options: [])
    let cells = try heatmap.nodes(forXPath: "//*[local-name()='rect'][@class='cell']")
    // 4 learning rates (the failed trial's 1.0 too) × 2 L2 strengths; its cells are grey.
    #expect(cells.count == 8)
    #expect(cells.filter { attribute("fill", of: $0) == "#eeeeee" }.count == 2)
    let best = cells.filter { attribute("stroke-width", of: $0) == "3" }
    #expect(best.count == 1 && attribute("data-trial", of: best[0]) == "t5")

    let curves = try XMLDocument(
      contentsOf: directory.appendingPathComponent("plots/sweep_top_trials.svg"), options: [])
    let series = try curves.nodes(forXPath: "//*[@class='data']").compactMap {
      attribute("data-series", of: $0)
    }
    #expect(series == ["t5", "t4", "t3", "t1", "t2"])
  }

  @Test("an objective on the test set is flagged in the report")
  func testSetWarning() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try writeSweep(to: directory, objective: "test_loss")
    try ResultsReport.rebuild(in: directory)
    let markdown = try AtomicFile.read(directory.appendingPathComponent(ResultsFile.reportMarkdown))
    #expect(markdown.contains("Warning: the best trial was chosen on the test set"))
  }

  @Test("log for log-uniform axes and positive spans of 10× or more, categories for 0 and text")
  func scales() {
    func kind(_ values: [String], logUniform: Bool = false) -> String {
      ParameterScale(name: "x", values: values, logUniform: logUniform).kindName
    }
    #expect(kind(["0.003", "0.01", "0.03", "0.1"]) == "log")
    #expect(kind(["1", "10"]) == "log")
    #expect(kind(["2", "19"]) == "linear")
    #expect(kind(["0.02", "0.05"], logUniform: true) == "log")
    #expect(kind(["0.0", "0.001", "0.01"]) == "categories")
    #expect(kind(["-1", "1"]) == "linear")
    #expect(kind(["relu", "tanh"]) == "categories")
    // A grid is ticked at its own values, exactly as printed.
    let grid = ParameterScale(name: "x", values: ["0.003", "0.01", "0.03", "0.1"])
    #expect(grid.ticks.map(\.label) == ["0.003", "0.01", "0.03", "0.1"])
    #expect(grid.ticks.map(\.fraction) == grid.ticks.map(\.fraction).sorted())
    #expect(grid.ticks.first?.fraction == 0 && grid.ticks.last?.fraction == 1)
    // Many values: 10 bins of the log axis for a heatmap, each value in exactly one.
    let draws = (0..<30).map { String(1e-5 * pow(10, Double($0) / 29 * 4)) }
    let bins = ParameterScale(name: "l2", values: draws, logUniform: true).cells(draws)
    #expect(bins.count == 10 && bins.first?.label.hasPrefix("1e-5–") == true)
    #expect(draws.allSatisfy { draw in bins.filter { $0.holds(draw) }.count == 1 })
    // A value that does not apply (an empty cell) is a last `n/a` category, numbers in order.
    let momentum = ParameterScale(name: "momentum", values: ["0.9", "", "0.5", "0.9", ""])
    #expect(momentum.ticks.map(\.label) == ["0.5", "0.9", "n/a"])
    #expect(momentum.fraction("") == 1)
    #expect(momentum.cells(["0.9", "", "0.5"]).map(\.label) == ["0.5", "0.9", "n/a"])
  }

  @Test("numbers print exactly: integers whole, others as their shortest round trip")
  func exactNumbers() {
    #expect(ResultsReport.display("9365514472884010311") == "9365514472884010311")
    #expect(ResultsReport.display("-12") == "-12")
    #expect(ResultsReport.display("0.03690353542470235") == "0.03690353542470235")
    #expect(ResultsReport.display("1e-05") == "1e-05")
    #expect(ResultsReport.display("0.0") == "0.0")
    #expect(ResultsReport.display("nan") == "nan")
    #expect(ResultsReport.display("relu") == "relu")
  }

  @Test("sweep.csv reads back what it wrote")
  func settingsRoundTrip() throws {
    let settings = SweepSettings(
      objective: "dev_accuracy", goal: "max", axisForms: [("regularization.l2", "log_uniform")])
    let text = settings.table.rendered
    #expect(SweepSettings(table: try CSVTable(parsing: text)) == settings)
    #expect(settings.isLogUniform("regularization.l2") && settings.split == "dev")
  }
}
