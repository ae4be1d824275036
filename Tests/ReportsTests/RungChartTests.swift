import Conventions
import Testing

@testable import Reports

/// The rung charts of a successive-halving report, from a history built in memory: dots only
/// for finite values, promotions joined, the best trial named once every rung is complete.
@Suite struct RungChartTests {
  typealias TrialResult = RungHistory.TrialResult

  static func trial(_ id: String, _ value: Double?, wentOn: Bool, steps: Int) -> TrialResult {
    TrialResult(
      id: id, ok: value != nil, text: value.map(CSVCell.format) ?? "", value: value,
      wentOn: wentOn,
      curve: (0...steps).map {
        LineChart.Point(x: Double($0), y: (value ?? 1) + 0.1 / Double($0 + 1))
      })
  }

  static func history(lastComplete: Bool) -> RungHistory {
    RungHistory(
      rungs: [
        .init(
          index: 0, budget: 1, planned: 4, trained: 4,
          trials: [
            trial("b", 0.2, wentOn: true, steps: 1), trial("a", 0.3, wentOn: true, steps: 1),
            trial("c", 0.5, wentOn: false, steps: 1), trial("d", nil, wentOn: false, steps: 0),
          ]),
        .init(
          index: 1, budget: 3, planned: 2, trained: 6,
          trials: lastComplete
            ? [trial("a", 0.1, wentOn: false, steps: 3), trial("b", 0.15, wentOn: false, steps: 3)]
            : [trial("a", 0.1, wentOn: false, steps: 3)]),
      ], unit: "epochs", step: "epoch")
  }

  static func count(_ pattern: String, in text: String) -> Int {
    text.components(separatedBy: pattern).count - 1
  }

  @Test func completeHistoryJoinsPromotionsAndMarksTheBestPath() {
    let history = Self.history(lastComplete: true)
    #expect(history.best?.id == "a")
    #expect(history.used == 4 * 1 + 2 * 3)
    #expect(history.shape == "4×1, 2×3")
    let svg = RungChart(history: history, objective: "dev_loss", title: "t").svg
    // d recorded no value: no dot. 3 dots in rung 0, 2 in rung 1.
    #expect(Self.count("class=\"point\"", in: svg) == 5)
    #expect(!svg.contains("data-trial=\"d\""))
    #expect(Self.count("class=\"promotion\"", in: svg) == 2)
    #expect(svg.contains("class=\"promotion\" data-trial=\"a\" stroke=\"#ff7f0e\""))
    #expect(svg.contains("class=\"promotion\" data-trial=\"b\" stroke=\"#1f77b4\""))
    #expect(svg.contains("trial c, rung 0 (1 epoch): dev_loss=0.5, stopped"))
    #expect(svg.contains(">best a</text>"))
    // The x axis is one column per rung, labelled with the budgets.
    #expect(svg.contains("data-scale=\"rungs\""))
    #expect(svg.contains("class=\"tick\">1</text>") && svg.contains("class=\"tick\">3</text>"))
    let curves = RungCurvesChart(
      rung: history.rungs[0], best: "a", step: "epoch", objective: "dev_loss", title: "t"
    ).svg
    #expect(Self.count("class=\"trial\"", in: curves) == 4)
    #expect(curves.contains("went on (1)") && curves.contains("stopped (2)"))
    // d's single point is a dot, the others polylines of 2 points.
    #expect(Self.count("<polyline", in: curves) == 3)
    #expect(curves.contains(">epoch</text>"))
  }

  @Test func incompleteHistoryNamesNoBest() {
    let history = Self.history(lastComplete: false)
    #expect(!history.isComplete)
    #expect(history.best == nil)
    let svg = RungChart(history: history, objective: "dev_loss", title: "t").svg
    #expect(!svg.contains("data-state=\"best\""))
    #expect(!svg.contains(">best "))
    // b went on but its next-rung result is missing: no line for it.
    #expect(Self.count("class=\"promotion\"", in: svg) == 1)
  }
}
