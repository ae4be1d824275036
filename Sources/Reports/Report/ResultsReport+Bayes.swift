import Conventions

extension ResultsReport {
  /// The file name of a bayes sweep's optimization-history plot.
  static let bayesHistoryPlot = "sweep_best_so_far.svg"

  /// The history of a bayes sweep's search (`batches.csv`), nil for other folders.
  var bayesHistory: BayesHistory? {
    guard let bayesBatches, let sweepSettings else { return nil }
    return BayesHistory(batches: bayesBatches, summary: summary, settings: sweepSettings)
  }

  /// The optimization history (Optuna's `plot_optimization_history`): each complete trial's
  /// objective by its place in the search, and the best so far as a line.
  static func bayesPlots(_ history: BayesHistory, objective: String) -> [ReportPlot] {
    let done = history.trials.filter { $0.value != nil }
    guard !done.isEmpty else { return [] }
    let title = "\(objective) of each trial in search order, and the best so far"
    var chart = LineChart(
      title: title, xLabel: "trial (search order)", yLabel: objective,
      series: [
        LineChart.Series(
          name: "trial",
          points: done.map { LineChart.Point(x: Double($0.number), y: $0.value!) }),
        LineChart.Series(
          name: "best so far",
          points: history.trials.compactMap { trial in
            trial.best.map { LineChart.Point(x: Double(trial.number), y: $0) }
          }),
      ])
    chart.unjoined = ["trial"]
    return [
      ReportPlot(section: .bayes, fileName: bayesHistoryPlot, title: title, svg: chart.svg)
    ]
  }

  /// The "Bayesian search (TPE)" section: which trials were random start-up draws and which
  /// TPE proposed, where the best was found, the optimization history and its table.
  func bayesBlocks(plots: [String: ReportPlot]) -> [ReportBlock] {
    guard let history = bayesHistory, let settings = sweepSettings, !history.trials.isEmpty
    else { return [] }
    let objective = settings.objective
    let random = history.count("random")
    let tpe = history.count("tpe")
    let batches = history.batches
    var text =
      "Batch 0 drew \(random) random start-up trial\(random == 1 ? "" : "s") (the first draws of a random search with this seed)"
    text +=
      tpe == 0
      ? "; no TPE batch has run yet."
      : "; the \(batches - 1) batch\(batches - 1 == 1 ? "" : "es") after it hold \(tpe) trial\(tpe == 1 ? "" : "s") that TPE proposed from the results of the batches before."
    text += " `batches.csv` lists each trial's batch and sampler."
    if let best = history.bestTrial {
      let found = best.sampler == "tpe" ? "proposed by TPE" : "a random start-up draw"
      text +=
        " The best \(objective) so far is \(Self.display(best.text)), first reached by trial \(best.number) of \(history.trials.count) (`\(best.id)`, batch \(best.batch), \(found))"
      if tpe > 0, let startup = history.startupBest, let final = history.trials.last?.best {
        text +=
          final == startup
          ? "; TPE has not improved on the start-up's best."
          : "; the start-up's best was \(CSVCell.format(startup))."
      } else {
        text += "."
      }
    }
    var blocks: [ReportBlock] = [.heading("Bayesian search (TPE)"), .paragraph(text)]
    if let plot = plots[Self.bayesHistoryPlot] { blocks.append(.plot(plot)) }
    blocks.append(
      .table(
        header: ["#", "batch", "sampler", "trial", objective, "best so far"],
        rows: history.trials.map {
          [
            String($0.number), String($0.batch), $0.sampler, $0.id,
            $0.text.isEmpty ? "" : Self.display($0.text), Self.display($0.bestText),
          ]
        }))
    return blocks
  }
}
