import Conventions
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// What a sweep's results say they ran: the best trial of successive halving is named as the
/// best of the trials at the full budget, and a swept value a trial does not use is recorded
/// empty, as Optuna shows NaN for a parameter a trial did not suggest.
@Suite struct SweepReportTruthTests {
  /// Halving's summary: two trials at 180 epochs, lower losses at 60 and 20 epochs.
  static let halving = try! CSVTable(
    header: ["trial", "status", "rung", "budget", "optimizer.learning_rate", "dev_loss"],
    rows: [
      ["550d", "ok", "2", "180", "0.1", "0.1009"], ["ef54", "ok", "2", "180", "0.1", "0.1074"],
      ["20b4", "ok", "1", "60", "0.1", "0.0666"], ["d0b1", "ok", "0", "20", "0.01", "0.1009"],
    ])

  @Test func theBestOfAHalvingSweepIsTheBestAtTheFullBudget() throws {
    let best = try #require(
      SweepBest(
        summary: Self.halving, settings: SweepSettings(objective: "dev_loss", goal: "min"),
        axes: ["optimizer.learning_rate"], folder: URL(fileURLWithPath: "/r/halv/rung-2"),
        unit: "epochs"))
    #expect(best.ranked == 2)
    #expect(
      best.line.hasPrefix(
        "best trial: 550d (dev_loss 0.1009, lowest of 2 ok trials at the full budget of 180 "
          + "epochs; smaller budgets are not compared) optimizer.learning_rate=0.1"), "\(best.line)"
    )
    // A trial at a smaller budget with the same value is no tie.
    #expect(best.tied.isEmpty)
  }

  @Test func theReportOfAHalvingSweepSaysTheBestIsAmongTheFullBudget() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let halving = try SweepRunner.run(
      specPath: SweepHalvingTests.spec,
      options: SweepFixture.options(root: root.appendingPathComponent("h")))
    let best = try #require(halving.best)
    #expect(
      best.line.contains("lowest of 1 ok trial at the full budget of 9 epochs"), "\(best.line)")
    let report = try String(contentsOfFile: halving.directory + "/report.md", encoding: .utf8)
    #expect(
      report.contains(
        "(the lowest of 1 ok trials at the full budget of 9 epochs; trials stopped at a smaller "
          + "budget are not compared)"), "\(report)")
    #expect(report.contains("Trials are ranked by the budget they reached (the largest first)"))
  }

  static let conditional = """
    seed: 5
    dataset: {name: iris, split: {train: 0.8, dev: 0.2}}
    model:
      type: mlp
      layers: [{units: 8, activation: relu}, {units: 3, activation: softmax}]
    optimizer: {type: sgd, epochs: 2}
    sweep:
      parameters:
        optimizer.type: [sgd, momentum, adam]
        optimizer.momentum: [0.5, 0.9]
        optimizer.learning_rate: [0.01, 0.1]
    """

  @Test func aSweptValueThatDoesNotApplyIsRecordedEmptyAndTheNoteSaysWhy() throws {
    let plan = try SweepPlanner.plan(text: Self.conditional, file: "circ.yaml")
    #expect(plan.trials.count == 8)
    let note = try #require(plan.base.warnings.first { $0.message.contains("distinct trials") })
    #expect(
      note.message
        == "8 distinct trials remain of the sweep's 12 value combinations: the other 4 repeat one "
        + "(optimizer.momentum does not apply to optimizer.type sgd, adam) and are dropped")
    // Another axis first (`seed: [1]`, as the studies list it) is not named instead; when the
    // key applies to none of the trials, the axis changes nothing and is refused there.
    for types in ["[sgd, momentum, adam]", "[sgd, adam]"] {
      let text = Self.conditional.replacingOccurrences(
        of: "    optimizer.type: [sgd, momentum, adam]\n",
        with: "    seed: [1]\n    optimizer.type: \(types)\n")
      guard types.contains("momentum") else {
        #expect {
          try SweepPlanner.plan(text: text, file: "circ.yaml")
        } throws: { error in
          (error as? SpecError)?.diagnostics.first?.message.hasPrefix(
            "the sweep axis optimizer.momentum applies in none of the 8 trials") == true
        }
        continue
      }
      let planned = try SweepPlanner.plan(text: text, file: "circ.yaml")
      let said = try #require(
        planned.base.warnings.first { $0.message.contains("distinct trials") })
      #expect(
        said.message.contains("(optimizer.momentum does not apply to optimizer.type sgd, adam)"),
        "\(said.message)")
    }
    let table = try SweepPlanFile.table(plan)
    let type = try #require(table.columnIndex("optimizer.type"))
    let momentum = try #require(table.columnIndex("optimizer.momentum"))
    for row in table.rows {
      #expect((row[type] == "momentum") == !row[momentum].isEmpty, "\(row)")
    }
    // The IDs are those of the trials without the key: an sgd trial is the sweep's without it.
    let sgd = try SweepPlanner.plan(
      text: Self.conditional.replacingOccurrences(of: "[sgd, momentum, adam]", with: "[sgd]")
        .replacingOccurrences(of: "    optimizer.momentum: [0.5, 0.9]\n", with: ""),
      file: "circ.yaml")
    let sgdIDs = Set(table.rows.filter { $0[type] == "sgd" }.map { $0[0] })
    #expect(sgdIDs == Set(sgd.trials.map(\.id)))
    // The best-trial line leaves the unused value out.
    let summary = try CSVTable(
      header: ["trial", "status", "optimizer.type", "optimizer.momentum", "dev_loss"],
      rows: [["a1", "ok", "adam", "", "0.1"], ["b2", "ok", "momentum", "0.9", "0.2"]])
    let best = try #require(
      SweepBest(
        summary: summary, settings: SweepSettings(objective: "dev_loss", goal: "min"),
        axes: ["optimizer.type", "optimizer.momentum"], folder: URL(fileURLWithPath: "/r/c")))
    #expect(best.setting == ["optimizer.type=adam"])
    // The dry run's table shows it empty too.
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("circ.yaml")
    try Self.conditional.write(to: spec, atomically: true, encoding: .utf8)
    let preview = try SweepRunner.preview(
      specPath: spec.path, options: SweepFixture.options(root: root))
    for trial in preview.trials {
      let values = Dictionary(uniqueKeysWithValues: trial.values.map { ($0.key, $0.value) })
      #expect((values["optimizer.type"] == "momentum") == !values["optimizer.momentum"]!.isEmpty)
    }
  }
}
