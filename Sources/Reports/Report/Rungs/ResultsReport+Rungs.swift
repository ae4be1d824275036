import Conventions
import Foundation

extension ResultsReport {
  /// The rung charts: per successive-halving history (one per Hyperband bracket) the objective
  /// at each rung, then each run rung's learning curves.
  static func rungPlots(_ adaptive: AdaptiveSweep, objective: String) -> [ReportPlot] {
    histories(adaptive).flatMap { prefix, label, history in
      let best = history.best?.id
      let title = "\(label)\(objective) of each trial at each rung's budget"
      var plots = [
        ReportPlot(
          section: .rungs, fileName: "\(prefix)rungs.svg", title: title,
          svg: RungChart(history: history, objective: objective, title: title).svg)
      ]
      for rung in history.rungs where !rung.trials.isEmpty {
        let title =
          "\(label)rung \(rung.index): \(objective) per \(history.step) of its \(rung.trials.count) trial\(rung.trials.count == 1 ? "" : "s") (\(Self.amount(rung.budget, history.unit)))"
        let chart = RungCurvesChart(
          rung: rung, best: best, step: history.step, objective: objective, title: title)
        plots.append(
          ReportPlot(
            section: .rungs, fileName: "\(prefix)rung_\(rung.index)_curves.svg", title: title,
            svg: chart.svg))
      }
      return plots
    }
  }

  /// Each history with its plot file prefix and title label (`bracket_2_`, `Bracket 2, `).
  static func histories(_ adaptive: AdaptiveSweep) -> [(String, String, RungHistory)] {
    switch adaptive {
    case .halving(let history): [("", "", history)]
    case .hyperband(let brackets):
      brackets.map { ("bracket_\($0.s)_", "Bracket \($0.s), ", $0.history) }
    }
  }

  /// The successive-halving section (or Hyperband's brackets): compute against the full grid,
  /// the best trial, the rung chart, and per rung its learning curves and trials.
  func adaptiveBlocks(plots: [String: ReportPlot]) -> [ReportBlock] {
    guard let adaptive, let settings = sweepSettings else { return [] }
    let grid = plan?.rows.count ?? 0
    let histories = Self.histories(adaptive)
    var blocks: [ReportBlock] = []
    if case .hyperband(let brackets) = adaptive {
      let used = brackets.map(\.history.used).reduce(0, +)
      let unit = brackets[0].history.unit
      blocks += [
        .heading("Hyperband"),
        .paragraph(
          "Brackets of successive halving from several first budgets (each rung keeps the best 1/eta by `\(settings.objective)`; promoted trials continue from their checkpoint where the schedule allows, else restart: column `continued`). "
            + Self.compute(
              used, grid: grid, budget: brackets[0].history.rungs.last?.budget ?? 0, unit: unit,
              what: "in all")),
        .table(
          header: [
            "bracket", "rungs (trials×\(unit))", unit, "complete", "best trial", settings.objective,
          ],
          rows: brackets.map { s, history in
            [
              String(s), history.shape, String(history.used), history.isComplete ? "yes" : "no",
              history.best?.id ?? "", history.best.map { Self.display($0.text) } ?? "",
            ]
          }),
      ]
    }
    for (prefix, label, history) in histories {
      let budget = history.rungs.last?.budget ?? 0
      let name = label.isEmpty ? "Successive halving" : String(label.dropLast(2))
      blocks.append(.heading("\(name): rungs \(history.shape) \(history.unit)"))
      var text = Self.compute(
        history.used, grid: grid, budget: budget, unit: history.unit, what: "")
      if let best = history.best {
        // Where early stopping (or convergence) ended it before the budget, as its curve shows.
        let end = best.curve.last.map { Int($0.x) }
        let stopped =
          end.map { $0 < budget && $0 > 0 } == true
          ? " (its training stopped early, at \(history.step) \(end!))" : ""
        text +=
          " Best trial: `\(best.id)` with \(settings.objective) = \(Self.display(best.text)) after \(Self.amount(budget, history.unit))\(stopped)."
      } else {
        text += " Not complete yet: the best trial is named once every rung has run."
      }
      blocks.append(.paragraph(text))
      blocks.append(
        .table(
          header: [
            "rung", "budget", "trials", "complete", history.unit + " trained", "continued",
            "went on", "best", settings.objective,
          ],
          rows: history.rungs.map { rung in
            let top = rung.trials.first { $0.ok && $0.value != nil }
            return [
              String(rung.index), String(rung.budget), String(rung.planned),
              String(rung.trials.count), String(rung.trained),
              rung.continued.map(String.init) ?? "",
              String(rung.trials.filter(\.wentOn).count), top?.id ?? "",
              top.map { Self.display($0.text) } ?? "",
            ]
          }))
      if let plot = plots["\(prefix)rungs.svg"] { blocks.append(.plot(plot)) }
      for rung in history.rungs where !rung.trials.isEmpty {
        blocks.append(
          .subheading(
            "\(label.isEmpty ? "Rung" : label + "rung") \(rung.index): \(rung.trials.count) of \(rung.planned) trials × \(Self.amount(rung.budget, history.unit))"
          ))
        if let plot = plots["\(prefix)rung_\(rung.index)_curves.svg"] { blocks.append(.plot(plot)) }
        blocks.append(rungTable(rung, last: rung.index == history.rungs.count - 1, settings))
      }
    }
    return blocks
  }

  /// One rung's trials, best first: ID, status, swept values, objective, and whether it went on.
  func rungTable(_ rung: RungHistory.RungResult, last: Bool, _ settings: SweepSettings)
    -> ReportBlock
  {
    let axes = Array(plan?.header.dropFirst() ?? [])
    let values = Dictionary(
      (plan?.rows ?? []).map { ($0[0], Array($0.dropFirst())) }, uniquingKeysWith: { a, _ in a })
    return .table(
      header: ["trial", "status"] + axes + [settings.objective, "went on"],
      rows: rung.trials.map { trial in
        [trial.id, trial.ok ? "ok" : "failed"] + (values[trial.id] ?? axes.map { _ in "" })
          + [Self.display(trial.text), last ? "" : trial.wentOn ? "yes" : "no"]
      })
  }

  /// `1 epoch`, `9 epochs`.
  static func amount(_ count: Int, _ unit: String) -> String {
    "\(count) \(count == 1 && unit.hasSuffix("s") ? String(unit.dropLast()) : unit)"
  }

  /// `Compute: 27 epochs trained, 33.3% of the full grid's 81 (9 trials × 9 epochs).`
  static func compute(_ used: Int, grid: Int, budget: Int, unit: String, what: String) -> String {
    let share = AdaptiveSweep.shareOfGrid(used, full: grid * budget)
    return
      "Compute: \(used) \(unit) trained\(what.isEmpty ? "" : " " + what), \(share) (\(grid) trials × \(budget) \(unit))."
  }
}
