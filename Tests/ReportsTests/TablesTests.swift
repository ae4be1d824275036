import Conventions
import Testing

@testable import Reports

@Suite("metrics, summary and timings tables")
struct TablesTests {
  @Test("metrics.csv: step column, quantity-major split columns, rows by step, empty when missing")
  func metrics() {
    var log = MetricsLog(
      stepColumn: "iteration", quantities: ["loss", "accuracy", "loss"], splits: [.test, .train])
    log.record(step: 100, split: .train, ["loss": 0.584508, "accuracy": 0.9])
    log.record(step: 0, split: .train, ["loss": 0.6931471805599453, "accuracy": 0.5])
    log.record(step: 0, split: .test, ["loss": 0.7])
    #expect(
      log.columns == ["iteration", "train_loss", "test_loss", "train_accuracy", "test_accuracy"])
    #expect(
      log.table.rendered
        == "iteration,train_loss,test_loss,train_accuracy,test_accuracy\n0,0.6931471805599453,0.7,0.5,\n100,0.584508,,0.9,\n"
    )
    #expect(log.series("loss", on: .train).map(\.step) == [0, 100])
    log.record(step: 50, split: .test, ["loss": 0.71])
    log.record(step: 50, split: .train, ["loss": 0.65])
    #expect(log.steps.map(\.step) == [0, 50, 100])
    #expect(log.series("loss", on: .test).map(\.value) == [0.7, 0.71])
    #expect(log.steps[1].values[.train, "loss"] == 0.65)
  }

  @Test("summary.csv: trial, hyperparameters, figures; rows sorted by trial")
  func summary() throws {
    var finals = SplitValues()
    finals[.train, "accuracy"] = 0.9904306220095693
    finals[.test, "accuracy"] = 0.7
    finals[.train, "loss"] = 0.1356080753
    finals[.test, "loss"] = 0.5
    let figures = RunSummary.finalFigures(finals, quantities: ["accuracy", "loss"])
    #expect(figures.map(\.name) == ["train_accuracy", "test_accuracy", "train_loss", "test_loss"])
    let single = try SummaryTable.table([
      RunSummary(hyperparameters: [NamedCell("optimizer.learning_rate", 0.005)], figures: figures)
    ])
    #expect(
      single.rendered
        == "optimizer.learning_rate,train_accuracy,test_accuracy,train_loss,test_loss\n0.005,0.9904306220095693,0.7,0.1356080753,0.5\n"
    )
    let sweep = try SummaryTable.table([
      RunSummary(
        trial: "b2", hyperparameters: [NamedCell("l2", 1.0)], figures: [NamedCell("test_loss", 0.4)]
      ),
      RunSummary(
        trial: "a1", hyperparameters: [NamedCell("lr", 0.1)], figures: [NamedCell("test_loss", 0.3)]
      ),
    ])
    #expect(sweep.rendered == "trial,lr,l2,test_loss\na1,0.1,,0.3\nb2,,1.0,0.4\n")
  }

  @Test("a run's summary.csv read back: the figures after the hyperparameters, as written")
  func summaryFiguresReadBack() throws {
    let hyperparameters = [
      NamedCell("model.type", .text("mlp")), NamedCell("loss", .text("mse")),
      NamedCell("optimizer.batch_size", .empty), NamedCell("seed", .text("7")),
    ]
    var finals = SplitValues()
    finals[.trainDev, "loss"] = 0.25
    finals[.dev, "accuracy"] = 0.75
    let extra = [
      NamedCell("iterations", .integer(30)), NamedCell("stop_reason", .text("completed")),
      NamedCell("true_bias", .double(7)),
    ]
    let cases = [
      RunSummary.finalFigures(finals, quantities: ["loss", "accuracy"], extra: extra),
      extra,  // no final record: the figures start at `iterations`
    ]
    for figures in cases {
      let table = try SummaryTable.table([
        RunSummary(hyperparameters: hyperparameters, figures: figures)
      ])
      let read = RunSummary.figures(of: table)
      #expect(read.map(\.name) == figures.map(\.name))
      #expect(read.map(\.text) == figures.map(\.value.text))
    }
    #expect(RunSummary.figures(of: try CSVTable(header: ["seed", "train_loss"])).isEmpty)
  }

  @Test("a name used twice in one summary row is an error")
  func summaryDuplicate() {
    #expect(throws: CSVError.duplicateColumn("x")) {
      try SummaryTable.table([
        RunSummary(hyperparameters: [NamedCell("x", 1)], figures: [NamedCell("x", 2)])
      ])
    }
  }

  @Test("timings.csv accumulates repeated phases")
  func timings() {
    var timings = TimingsTable()
    timings.record("train", seconds: 1.5)
    timings.record("load_data", seconds: 0.25)
    timings.record("train", seconds: 0.5)
    #expect(timings.table.rendered == "phase,seconds\ntrain,2.0\nload_data,0.25\n")
  }

  @Test("merging shard summaries gives the unsharded table, whatever the shard order")
  func merge() throws {
    let runs = (0..<6).map { index in
      RunSummary(
        trial: "t\(index)", hyperparameters: [NamedCell("lr", .double(0.1 * Double(index + 1)))],
        figures: [NamedCell("test_loss", .double(1.0 / Double(index + 1)))])
    }
    let whole = try SummaryTable.table(runs)
    let shardA = try SummaryTable.table([runs[4], runs[1], runs[2]])
    let shardB = try SummaryTable.table([runs[5], runs[0], runs[3]])
    #expect(try SummaryTable.merge([shardB, shardA]) == whole)
    #expect(try SummaryTable.merge([shardA, shardB, shardA]) == whole)
    var conflicting = try CSVTable(header: whole.header)
    try conflicting.append(text: ["t0", "9", "9"])
    #expect(throws: SummaryMergeError.conflictingTrial("t0")) {
      try SummaryTable.merge([whole, conflicting])
    }
    #expect(throws: SummaryMergeError.noTrialColumn) { try SummaryTable.merge([]) }
  }
}

@Suite("float32 figures")
struct PrecisionTests {
  @Test("a float32 run's values print as float32 in metrics.csv and summary.csv")
  func float32() throws {
    let cost = Double(Float(0.1356588304))
    var log = MetricsLog(quantities: ["loss"], splits: [.train], precision: .float32)
    log.record(step: 0, split: .train, ["loss": cost])
    #expect(log.table.rendered == "iteration,train_loss\n0,0.13565883\n")
    var finals = SplitValues()
    finals[.train, "loss"] = cost
    let figures = RunSummary.finalFigures(finals, quantities: ["loss"], precision: .float32)
    #expect(figures == [NamedCell("train_loss", .float(0.13565883))])
    #expect(
      RunSummary.finalFigures(finals, quantities: ["loss"])[0].value.text == "0.13565883040428162")
  }
}

@Suite("predictions.csv")
struct PredictionsTableTests {
  @Test("classification rows with names and probabilities; regression values")
  func tables() throws {
    let table = try PredictionsTable.classification(
      classes: ["non-cat", "cat"], labels: [1, 0], probabilities: [[0.25, 0.75], [0.875, 0.125]])
    #expect(
      table.rendered
        == "row,label,class,probability_non-cat,probability_cat\n0,1,cat,0.25,0.75\n1,0,non-cat,0.875,0.125\n"
    )
    #expect(
      PredictionsTable.regression(values: [152.5, 3]).rendered == "row,value\n0,152.5\n1,3.0\n")
    #expect(
      try PredictionsTable.regression(values: [152.5, 3], targets: ["y"]).rendered
        == "row,value\n0,152.5\n1,3.0\n")
  }

  @Test("several outputs: one value_<target> column per target, rows in order")
  func severalOutputs() throws {
    let table = try PredictionsTable.regression(
      values: [0.25, -1, 2, 3.5, 0, 1e-3], targets: ["y1", "y2"], precision: .float32)
    #expect(table.rendered == "row,value_y1,value_y2\n0,0.25,-1.0\n1,2.0,3.5\n2,0.0,0.001\n")
    #expect(throws: PredictionsError.valueCount(values: 3, targets: 2)) {
      try PredictionsTable.regression(values: [1, 2, 3], targets: ["y1", "y2"])
    }
    #expect(throws: PredictionsError.valueCount(values: 1, targets: 0)) {
      try PredictionsTable.regression(values: [1], targets: [])
    }
    #expect(throws: PredictionsError.self) {
      try PredictionsTable.regression(values: [1, 2], targets: ["y", "y"])
    }
  }

  @Test("inconsistent inputs are typed errors")
  func errors() {
    #expect(throws: PredictionsError.labelOutOfRange(row: 0, label: 2, classes: 2)) {
      try PredictionsTable.classification(classes: ["a", "b"], labels: [2])
    }
    #expect(throws: PredictionsError.probabilityWidth(row: 0, found: 1, classes: 2)) {
      try PredictionsTable.classification(classes: ["a", "b"], labels: [0], probabilities: [[1]])
    }
  }
}

/// Which rows of a sweep summary count as results (the one rule for promotion, the best trial,
/// the report's best trials and TPE's observations).
@Suite struct SweepResultsRuleTests {
  @Test func okTrialsWithAFiniteObjectiveInTheSummarysOrder() throws {
    let settings = SweepSettings(objective: "dev_loss", goal: "min")
    let summary = try CSVTable(
      header: ["trial", "status", "dev_loss"],
      rows: [
        ["a", "ok", "0.1"], ["b", "failed", "0.05"], ["c", "ok", "nan"], ["d", "ok", "inf"],
        ["e", "ok", ""], ["f", "ok", "0.3"],
      ])
    #expect(settings.results(summary).map { $0[0] } == ["a", "f"])
    let noStatus = try CSVTable(
      header: ["trial", "dev_loss"], rows: [["x", "1"], ["y", "-inf"]])
    #expect(settings.results(noStatus).map { $0[0] } == ["x"])
    let noObjective = try CSVTable(header: ["trial", "status"], rows: [["x", "ok"]])
    #expect(settings.results(noObjective).isEmpty)
  }
}
