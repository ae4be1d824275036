import Conventions
import Foundation
import Testing

@testable import Reports

@Suite("runner compare: side by side, curves overlaid")
struct RunComparisonTests {
  static func entry(_ name: String, lr: String, losses: [Double], step: String = "epoch")
    -> RunComparison.ComparedRun
  {
    var csv = "\(step),train_loss,dev_loss\n"
    for (index, loss) in losses.enumerated() { csv += "\(index * 10),\(loss),\(loss + 0.1)\n" }
    return RunComparison.ComparedRun(
      run: ListedRun(
        name: name, kind: .run, path: "/r/\(name)", when: "2026-11-30T10:00:00Z",
        description: "run \(name)",
        parameters: [.init("seed", "1"), .init("optimizer.learning_rate", lr)],
        metrics: [.init("train_loss", String(losses.last!)), .init("dev_accuracy", "0.9")]),
      history: try! CSVTable(parsing: csv))
  }

  let comparison = RunComparison([
    entry("moons@optimizer.learning_rate=0.1", lr: "0.1", losses: [0.7, 0.4, 0.2]),
    entry("moons@optimizer.learning_rate=0.01", lr: "0.01", losses: [0.7, 0.6, 0.5]),
    entry("moons", lr: "0.03", losses: [0.7, 0.5, 0.3, 0.25]),
  ])

  @Test("parameters side by side, the differing ones first and marked")
  func parameters() {
    let table = comparison.parameterTable
    #expect(table.header == ["parameter", "differs"] + comparison.labels)
    #expect(
      table.rows == [
        ["optimizer.learning_rate", "true", "0.1", "0.01", "0.03"],
        ["seed", "false", "1", "1", "1"],
      ])
  }

  @Test("final figures side by side, description first")
  func metrics() {
    let table = comparison.metricTable
    #expect(table.rows.map { $0[0] } == ["description", "when", "train_loss", "dev_accuracy"])
    #expect(
      table.rows[0].dropFirst() == [
        "run moons@optimizer.learning_rate=0.1", "run moons@optimizer.learning_rate=0.01",
        "run moons",
      ])
    #expect(table.rows[2].dropFirst() == ["0.2", "0.5", "0.25"])
  }

  @Test("one chart per metrics.csv column, a line per run, the legend under the plot")
  func charts() throws {
    let charts = comparison.charts
    #expect(charts.map(\.file) == ["plots/compare_train_loss.svg", "plots/compare_dev_loss.svg"])
    let svg = charts[0].chart.svg
    #expect(svg.components(separatedBy: "class=\"series\"").count - 1 == 3)
    // Every legend entry sits below the plot area (y > 400 − 55), never over a curve.
    let legend = try NSRegularExpression(
      pattern: #"<text x="[0-9.]+" y="([0-9.]+)" text-anchor="start" class="legend">"#)
    let ys = legend.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map {
      Double((svg as NSString).substring(with: $0.range(at: 1)))!
    }
    #expect(ys.count == 3)
    #expect(ys.allSatisfy { $0 > 345 })
    #expect(svg.contains("height=\"460.00\""))
  }

  @Test("the long curves table holds every run's rows; the page is offline and names each run")
  func filesAndPage() throws {
    let curves = comparison.curvesTable
    #expect(curves.header == ["run", "step_column", "step", "train_loss", "dev_loss"])
    #expect(curves.rows.count == 10)
    #expect(
      curves.rows[3] == [
        "moons@optimizer.learning_rate=0.01", "epoch", "0", "0.7", "0.7999999999999999",
      ])
    let html = comparison.html
    #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
    #expect(html.contains("run moons@optimizer.learning_rate=0.01"))
    #expect(html.components(separatedBy: "<svg ").count - 1 == 2)
    #expect(
      comparison.files.map(\.path).prefix(4) == [
        "compare.html", "compare_parameters.csv", "compare_metrics.csv", "compare_curves.csv",
      ])
  }

  @Test("two runs of one name get numbered labels")
  func duplicateNames() {
    let twice = RunComparison([
      Self.entry("a", lr: "1", losses: [1]), Self.entry("a", lr: "2", losses: [1]),
    ])
    #expect(twice.labels == ["a", "a #2"])
  }

  /// A trial of the sweep `sweep` with ID `id` and its swept values.
  static func trial(_ sweep: String, _ id: String, _ swept: [(String, String)])
    -> RunComparison.ComparedRun
  {
    var entry = Self.entry("\(sweep)/\(id)", lr: swept.first?.1 ?? "1", losses: [0.5, 0.4])
    entry.run.kind = .trial
    entry.swept = swept.map { ListedRun.NamedValue($0.0, $0.1) }
    return entry
  }

  @Test("a sweep's trials are labelled by their swept values, in columns, legends and curves")
  func sweptLabels() throws {
    let runs = RunComparison([
      Self.trial("w1", "17c62298bf12", [("optimizer.type", "sgd")]),
      Self.trial("w1", "3a0e5c1d2b44", [("optimizer.type", "adam")]),
      Self.entry("cat", lr: "0.1", losses: [0.6]),
    ])
    #expect(runs.labels == ["optimizer=sgd", "optimizer=adam", "cat"])
    #expect(
      runs.parameterTable.header.dropFirst(2) == [
        "optimizer=sgd", "optimizer=adam", "cat",
      ])
    #expect(runs.metricTable.header.dropFirst() == runs.labels[...])
    #expect(runs.curvesTable.rows.map { $0[0] }.first == "optimizer=sgd")
    #expect(runs.charts[0].chart.series.map(\.name) == runs.labels)
    #expect(runs.charts[0].chart.svg.contains(">optimizer=adam</text>"))
    #expect(runs.html.contains("<td>optimizer=adam</td><td>run w1/3a0e5c1d2b44</td>"))
    // Several swept keys, in the plan's order.
    let two = RunComparison([
      Self.trial("w2", "aa", [("optimizer.type", "adam"), ("optimizer.learning_rate", "0.01")]),
      Self.trial("w2", "bb", [("optimizer.type", "adam"), ("optimizer.learning_rate", "0.1")]),
    ])
    // The type both share tells them apart no more than it would a learning rate alone.
    #expect(two.labels == ["learning_rate=0.01", "learning_rate=0.1"])
  }

  @Test("trials sharing swept values get their ID, then their name; runs keep their names")
  func sharedSweptLabels() {
    let adam = [("optimizer.type", "adam")]
    let runs = RunComparison([
      Self.trial("w1", "17c62298bf12", adam), Self.trial("w2", "5d9e0f1a2b3c", adam),
      Self.trial("w1", "3a0e5c1d2b44", [("optimizer.type", "sgd")]),
      Self.entry("w1/17c62298bf12", lr: "1", losses: [1]),
    ])
    #expect(
      runs.labels == [
        "optimizer=adam (17c62298bf12)", "optimizer=adam (5d9e0f1a2b3c)",
        "optimizer=sgd", "w1/17c62298bf12",
      ])
    #expect(Set(runs.labels).count == runs.labels.count)
    // The same trial ID in two copies of a sweep: the name tells them apart; the same trial
    // named twice is numbered.
    let copies = RunComparison([
      Self.trial("w1", "17c62298bf12", adam), Self.trial("copy/w1", "17c62298bf12", adam),
      Self.trial("w1", "17c62298bf12", adam),
    ])
    #expect(
      copies.labels == [
        "optimizer=adam (w1/17c62298bf12)", "optimizer=adam (copy/w1/17c62298bf12)",
        "optimizer=adam (w1/17c62298bf12) #2",
      ])
    // Not trials: their names, as before.
    let plain = RunComparison([
      Self.entry("cat", lr: "1", losses: [1]), Self.entry("moons", lr: "2", losses: [1]),
    ])
    #expect(plain.labels == ["cat", "moons"])
  }

  @Test(
    "the terminal text rounds figures, shortens descriptions and leaves out runs past its width")
  func terminalText() {
    var long = Self.entry("long", lr: "0.1", losses: [0.7, 0.30000000000000004])
    long.run.description = String(repeating: "a very long description ", count: 80)
    long.run.metrics.append(.init("dev_mse", "1.2345678901234567e-05"))
    long.run.metrics.append(
      .init(
        "stop_reason", "training diverged at iteration 1: " + String(repeating: "x", count: 200)))
    let runs = RunComparison(
      [long] + (1...30).map { Self.entry("run\($0)", lr: "0.0\($0)", losses: [0.5]) })
    let full = runs.text()
    #expect(full.contains("0.3 "))
    #expect(full.contains("1.2346e-05"))
    #expect(!full.contains("0.30000000000000004"))
    #expect(full.split(separator: "\n").allSatisfy { $0.count < 1600 })
    #expect(full.contains("training diverged at iteration 1: xxxxx…"))
    #expect(!full.contains(String(repeating: "x", count: 40)))
    let narrow = runs.text(width: 80).split(separator: "\n")
    #expect(narrow.allSatisfy { $0.count <= 80 }, "\(narrow)")
    let note = narrow.drop { !$0.hasPrefix("(") }.joined(separator: "\n")
      .replacingOccurrences(of: "\n ", with: " ")
    #expect(
      note.contains("more runs past 80 characters: ")
        && note.hasSuffix("every run is in compare.html and compare_metrics.csv)"), "\(narrow)")
    #expect(runs.metricTable.rendered.contains("0.30000000000000004"))
  }

  /// The description is the spec's, no final figure (tester BF): listed among the parameters
  /// that differ when the runs' differ, left out when they agree.
  @Test func theDescriptionIsAParameterNotAFigure() {
    let text = comparison.text()
    let (parameters, figures) = (
      text.components(separatedBy: "final figures:")[0],
      text.components(separatedBy: "final figures:")[1]
    )
    #expect(parameters.contains("description") && parameters.contains("run moons"), "\(text)")
    #expect(!figures.contains("description") && !figures.contains("run moons"), "\(text)")
    var same = comparison.entries
    for index in same.indices { same[index].run.description = "one" }
    let agreeing = RunComparison(same).text()
    #expect(!agreeing.contains("description"), "\(agreeing)")
  }

  /// The start time was shown among the final figures (`when  2026-11-30T10:00:00Z …`): it is
  /// no figure; the page lists it with the runs and compare_metrics.csv keeps it.
  @Test func theStartTimeIsNoFinalFigure() {
    let text = comparison.text()
    #expect(!text.contains("when") && !text.contains("2026-11-30T10:00:00Z"), "\(text)")
    #expect(comparison.metricTable.rows.contains { $0[0] == "when" })
  }
}

/// Swept keys in labels: the shortest ending no other swept key shares, a section's `type` by
/// the section.
@Suite struct CompareLabelKeyTests {
  @Test func keysAreShortenedToTheirDistinctEnding() {
    #expect(
      RunComparison.shortKeys(["optimizer.learning_rate", "model.layers[0].units"])
        == ["optimizer.learning_rate": "learning_rate", "model.layers[0].units": "units"])
    #expect(
      RunComparison.shortKeys(["model.layers[0].units", "model.layers[1].units"])
        == ["model.layers[0].units": "layers[0].units", "model.layers[1].units": "layers[1].units"])
    #expect(
      RunComparison.shortKeys(["optimizer.type", "model.type", "seed"])
        == ["optimizer.type": "optimizer", "model.type": "model", "seed": "seed"])
    #expect(
      RunComparison.shortKeys(["optimizer.schedule.type", "optimizer.type"])
        == ["optimizer.schedule.type": "schedule", "optimizer.type": "optimizer"])
  }
}

/// A swept key all compared trials share (`seed: [3]` beside the optimizers) is left out of
/// their labels, unless it is the only one.
@Suite struct CompareConstantKeyTests {
  @Test func aKeyEveryTrialSharesIsLeftOutOfTheLabels() {
    func trial(_ id: String, _ optimizer: String) -> RunComparison.ComparedRun {
      RunComparison.ComparedRun(
        run: ListedRun(name: "study/\(id)", kind: .trial, path: "/r/study/\(id)"), history: nil,
        swept: [
          ListedRun.NamedValue("seed", "3"), ListedRun.NamedValue("optimizer.type", optimizer),
        ])
    }
    #expect(
      RunComparison([trial("aa", "sgd"), trial("bb", "adam")]).labels == [
        "optimizer=sgd", "optimizer=adam",
      ])
    let same = RunComparison.ComparedRun(
      run: ListedRun(name: "s/cc", kind: .trial, path: "/r/s/cc"), history: nil,
      swept: [ListedRun.NamedValue("seed", "3")])
    #expect(RunComparison([same, same]).labels == ["seed=3 (s/cc)", "seed=3 (s/cc) #2"])
  }
}

/// Runs counted in epochs beside runs counted in iterations share one truthful x axis: the
/// epoch runs' epochs become iterations (a 60-epoch run of 480 steps ended at x = 60 beside
/// 3000-iteration runs, on an axis labelled `epoch / iteration`).
@Suite struct CompareStepUnitTests {
  static func run(_ name: String, step: String, iterations: String?) -> RunComparison.ComparedRun {
    var entry = RunComparisonTests.entry(name, lr: "0.1", losses: [0.7, 0.4, 0.2], step: step)
    if let iterations { entry.run.metrics.append(.init("iterations", iterations)) }
    return entry
  }

  @Test func epochsBecomeIterationsWhenTheUnitsDiffer() {
    let mixed = RunComparison([
      Self.run("adam", step: "epoch", iterations: "160"),  // 20 epochs of 8 steps
      Self.run("gd", step: "iteration", iterations: "20"),
    ])
    let chart = mixed.charts[0].chart
    #expect(chart.xLabel == "iteration (epochs × iterations per epoch)")
    #expect(chart.series.map { $0.points.map(\.x) } == [[0, 80, 160], [0, 10, 20]])
    // The curves table keeps each run's own step and says which it is.
    #expect(
      mixed.curvesTable.rows.map { $0[1] } == Array(repeating: "epoch", count: 3)
        + Array(repeating: "iteration", count: 3))
    // Without a run's iteration count, each keeps its own step, and the label says so.
    let unknown = RunComparison([
      Self.run("adam", step: "epoch", iterations: nil),
      Self.run("gd", step: "iteration", iterations: "20"),
    ])
    #expect(
      unknown.charts[0].chart.xLabel
        == "each run's own epoch or iteration (compare_curves.csv's step_column)")
    #expect(unknown.charts[0].chart.series[0].points.last?.x == 20)
    // One unit: its name, as before.
    let epochs = RunComparison(
      [Self.run("a", step: "epoch", iterations: "160")] + [
        Self.run("b", step: "epoch", iterations: "40")
      ])
    #expect(epochs.charts[0].chart.xLabel == "epoch")
  }
}
