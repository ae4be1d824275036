import Conventions

extension ResultsReport {
  /// For a sweep's `summary.csv` (a `trial` column, two or more rows): one chart per swept
  /// numeric hyperparameter and final quantity, a series per split. Trials marked failed in a
  /// `status` column are left out. Points are joined only when no other swept hyperparameter
  /// varies (then the chart is a validation curve); otherwise they are a scatter.
  ///
  /// The swept hyperparameters are `axes` (from `plan.csv`); without a plan, every numeric
  /// column with two or more values that is not a per-split figure.
  static func sweepPlots(_ summary: CSVTable, axes planAxes: [String]) -> [ReportPlot] {
    guard summary.columnIndex("trial") != nil, summary.rows.count >= 2 else { return [] }
    let statusIndex = summary.columnIndex("status")
    let rows = summary.rows.filter { row in statusIndex.map { row[$0] == "ok" } ?? true }
    func numbers(_ column: String) -> [Double]? {
      guard let index = summary.columnIndex(column) else { return nil }
      let values = rows.map { CSVCell.number(from: $0[index]) }
      return values.contains(nil) ? nil : values.map { $0! }
    }
    let figureColumns = summary.header.filter { splitColumn($0) != nil }
    let candidates =
      planAxes.isEmpty
      ? summary.header.filter { $0 != "trial" && $0 != "status" && splitColumn($0) == nil }
      : planAxes
    let axes = candidates.filter { axis in numbers(axis).map { Set($0).count >= 2 } ?? false }
    guard !axes.isEmpty else { return [] }
    var quantities: [String] = []
    for column in figureColumns {
      let quantity = splitColumn(column)!.quantity
      if !quantities.contains(quantity) { quantities.append(quantity) }
    }
    var plots: [ReportPlot] = []
    for axis in axes {
      let xs = numbers(axis)!
      let othersVary = axes.contains { $0 != axis && Set(numbers($0)!).count > 1 }
      let positive = xs.filter { $0 > 0 }
      let logX = positive.count == xs.count && positive.max()! / positive.min()! >= 100
      for quantity in quantities {
        let series = figureColumns.filter { splitColumn($0)!.quantity == quantity }.compactMap {
          column -> LineChart.Series? in
          let index = summary.columnIndex(column)!
          let points = zip(xs, rows).compactMap { x, row in
            CSVCell.number(from: row[index]).map { LineChart.Point(x: x, y: $0) }
          }.sorted { $0.x < $1.x }
          return points.isEmpty
            ? nil : LineChart.Series(name: splitColumn(column)!.split, points: points)
        }
        guard !series.isEmpty else { continue }
        let title = "Final \(quantity) against \(axis)"
        let chart = LineChart(
          title: title, xLabel: axis, yLabel: quantity, series: series, logX: logX,
          connectPoints: !othersVary)
        plots.append(
          ReportPlot(
            section: .sweep, fileName: "sweep_\(fileName(quantity))_vs_\(fileName(axis)).svg",
            title: title,
            svg: chart.svg))
      }
    }
    return plots
  }
}
