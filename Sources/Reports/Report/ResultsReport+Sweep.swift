import Conventions

extension ResultsReport {
  /// For a sweep's `summary.csv` (a `trial` column, two or more rows): one chart per swept
  /// hyperparameter and final quantity, a series per split, every dot a trial
  /// (`TrialScatterChart`). Trials marked failed in a `status` column are left out. Dots are
  /// joined only when no other swept hyperparameter varies (then the chart is a validation
  /// curve). With the sweep's `settings` (`sweep.csv`) a parallel-coordinates plot, a heatmap
  /// per pair of axes and the best trials' learning curves come first (`analysisPlots`).
  ///
  /// The swept hyperparameters are `axes` (from `plan.csv`); without a plan, every numeric
  /// column with two or more values that is not a per-split figure.
  static func sweepPlots(
    _ summary: CSVTable, axes planAxes: [String], settings: SweepSettings? = nil,
    trialMetrics: [(trial: String, metrics: CSVTable)] = []
  ) -> [ReportPlot] {
    guard let trialIndex = summary.columnIndex("trial"), summary.rows.count >= 2 else {
      return []
    }
    let statusIndex = summary.columnIndex("status")
    let rows = summary.rows.filter { row in statusIndex.map { row[$0] == "ok" } ?? true }
    func texts(_ column: String) -> [String]? {
      summary.columnIndex(column).map { index in rows.map { $0[index] } }
    }
    // Not train_cost: trials with other penalties have costs that do not compare.
    let figureColumns = summary.header.filter {
      splitColumn($0) != nil && $0 != Split.train.column(SplitValues.cost)
    }
    let candidates =
      planAxes.isEmpty
      ? summary.header.filter { column in
        column != "trial" && column != "status" && splitColumn(column) == nil
          && (texts(column)?.allSatisfy { CSVCell.number(from: $0) != nil } ?? false)
      }
      : planAxes
    let axes = candidates.filter { axis in texts(axis).map { Set($0).count >= 2 } ?? false }
    guard !axes.isEmpty else { return [] }
    var plots: [ReportPlot] = []
    if let settings {
      plots += analysisPlots(summary, axes: planAxes.isEmpty ? axes : planAxes, settings: settings)
      plots += topTrialCurves(trialMetrics, settings: settings)
    }
    var quantities: [String] = []
    for column in figureColumns {
      let quantity = splitColumn(column)!.quantity
      if !quantities.contains(quantity) { quantities.append(quantity) }
    }
    for axis in axes {
      let xs = texts(axis)!
      let othersVary = axes.contains { $0 != axis && Set(texts($0)!).count > 1 }
      for quantity in quantities {
        let series = figureColumns.filter { splitColumn($0)!.quantity == quantity }.compactMap {
          column -> TrialScatterChart.Series? in
          let index = summary.columnIndex(column)!
          let points = zip(xs, rows).compactMap { x, row -> TrialScatterChart.Point? in
            CSVCell.number(from: row[index]).map {
              TrialScatterChart.Point(trial: row[trialIndex], x: x, y: $0, yText: row[index])
            }
          }
          return points.isEmpty
            ? nil : TrialScatterChart.Series(name: splitColumn(column)!.split, points: points)
        }
        guard !series.isEmpty else { continue }
        let title = "Final \(quantity) against \(axis)"
        let chart = TrialScatterChart(
          title: title, xLabel: axis, yLabel: quantity,
          logUniform: settings?.isLogUniform(axis) ?? false, connectPoints: !othersVary,
          series: series)
        plots.append(
          ReportPlot(
            section: .sweep, fileName: "sweep_\(fileName(quantity))_vs_\(fileName(axis)).svg",
            title: title, svg: chart.svg))
      }
    }
    return plots
  }

  /// The parallel-coordinates plot over every axis and one heatmap per pair of axes that
  /// vary, coloured by the objective.
  static func analysisPlots(_ summary: CSVTable, axes: [String], settings: SweepSettings)
    -> [ReportPlot]
  {
    guard let trials = SweepTrials(summary: summary, axes: axes, settings: settings),
      !trials.ranked.isEmpty
    else { return [] }
    let title = "Parallel coordinates: every trial, coloured by \(settings.objective)"
    var plots = [
      ReportPlot(
        section: .sweep, fileName: "sweep_parallel_coordinates.svg", title: title,
        svg: ParallelCoordinatesChart(trials: trials, title: title).svg)
    ]
    let varying = axes.indices.filter { index in
      Set(trials.trials.map { $0.values[index] }).count > 1
    }
    for (i, a) in varying.enumerated() {
      for b in varying.dropFirst(i + 1) {
        let title = "Best \(settings.objective) by \(axes[a]) and \(axes[b])"
        plots.append(
          ReportPlot(
            section: .sweep,
            fileName: "sweep_heatmap_\(fileName(axes[a]))_\(fileName(axes[b])).svg",
            title: title,
            svg: SweepHeatmapChart(trials: trials, xAxis: a, yAxis: b, title: title).svg))
      }
    }
    return plots
  }

  /// The objective's learning curve (its column of `metrics.csv`) of the best trials, one
  /// series per trial named by its ID, best first; nil when no trial recorded the column.
  static func topTrialCurves(
    _ trialMetrics: [(trial: String, metrics: CSVTable)], settings: SweepSettings
  ) -> [ReportPlot] {
    var step = "step"
    let series = trialMetrics.compactMap { trial, metrics -> LineChart.Series? in
      guard let index = metrics.columnIndex(settings.objective), let first = metrics.header.first
      else { return nil }
      step = first
      let points = metrics.rows.compactMap { row -> LineChart.Point? in
        guard let x = CSVCell.number(from: row[0]), let y = CSVCell.number(from: row[index])
        else { return nil }
        return LineChart.Point(x: x, y: y)
      }
      return LineChart.Series(name: trial, points: points)
    }
    guard !series.isEmpty else { return [] }
    let title = "\(settings.objective) per \(step) of the best \(series.count) trials"
    let chart = LineChart(title: title, xLabel: step, yLabel: settings.objective, series: series)
    return [
      ReportPlot(section: .sweep, fileName: "sweep_top_trials.svg", title: title, svg: chart.svg)
    ]
  }
}
