import Conventions
import Vocabulary

extension ResultsReport {
  /// The report's plots, in report order: one per quantity of `metrics.csv`, the learning
  /// curve, the validation curve and the confusion matrix (those whose CSV is present), then
  /// the run's pictures.
  public var plots: [ReportPlot] {
    var plots: [ReportPlot] = []
    if let metrics { plots += Self.metricPlots(metrics, classes: classCount) }
    if let summary {
      plots += Self.sweepPlots(
        summary, axes: plan.map { Array($0.header.dropFirst()) } ?? [], settings: sweepSettings,
        trialMetrics: trialMetrics)
    }
    if let adaptive { plots += Self.rungPlots(adaptive, objective: sweepSettings?.objective ?? "") }
    if let bayesHistory, let sweepSettings {
      plots += Self.bayesPlots(bayesHistory, objective: sweepSettings.objective)
    }
    if let learningCurve,
      let chart = Self.curveChart(
        learningCurve, title: "Learning curve", best: false, unit: errorUnit)
    {
      plots.append(
        ReportPlot(
          section: .learningCurve, fileName: "learning_curve.svg", title: "Learning curve",
          svg: chart.svg))
    }
    if let validationCurve,
      let chart = Self.curveChart(
        validationCurve, title: "Validation curve", best: true, unit: errorUnit)
    {
      plots.append(
        ReportPlot(
          section: .validationCurve, fileName: "validation_curve.svg", title: "Validation curve",
          svg: chart.svg))
    }
    if let confusionMatrix = shownConfusionMatrix, ConfusionMatrixChart.isDrawn(confusionMatrix) {
      plots.append(
        ReportPlot(
          section: .confusionMatrix, fileName: "confusion_matrix.svg",
          title: confusionMatrixTitle,
          svg: ConfusionMatrixChart(matrix: confusionMatrix, title: confusionMatrixTitle).svg))
    }
    return plots + pictures
  }

  /// Splits a column name `<split>_<quantity>` (longest split prefix first).
  static func splitColumn(_ column: String) -> (split: String, quantity: String)? {
    for split in [Split.trainDev, .train, .dev, .test] where column.hasPrefix(split.rawValue + "_")
    {
      let quantity = String(column.dropFirst(split.rawValue.count + 1))
      if !quantity.isEmpty { return (split.rawValue, quantity) }
    }
    return nil
  }

  /// One line chart per quantity, series per split, x = the first (step) column, with
  /// `train_cost` (loss + penalty) a line of the loss chart; none for a single recorded state
  /// (an exact solve), which the report shows as a sentence instead. A macro mean of more than
  /// two `classes` says so in its title (`Precision (macro) per epoch`).
  static func metricPlots(_ table: CSVTable, classes: Int? = nil) -> [ReportPlot] {
    guard let stepColumn = table.header.first, table.rows.count >= 2 else { return [] }
    let steps = table.rows.map { CSVCell.number(from: $0[0]) }
    var order: [String] = []
    var seriesByQuantity: [String: [LineChart.Series]] = [:]
    for (index, column) in table.header.enumerated().dropFirst() {
      let (split, quantity) =
        column == Split.train.column(SplitValues.cost)
        ? ("train cost", "loss") : splitColumn(column) ?? (column, column)
      let points = zip(steps, table.rows).compactMap { step, row -> LineChart.Point? in
        guard let x = step, let y = CSVCell.number(from: row[index]) else { return nil }
        return LineChart.Point(x: x, y: y)
      }
      if seriesByQuantity[quantity] == nil { order.append(quantity) }
      seriesByQuantity[quantity, default: []].append(LineChart.Series(name: split, points: points))
    }
    return order.map { quantity in
      let title =
        "\(quantity.quantityTitle)\(macro(quantity, classes: classes)) per \(stepColumn)"
      let chart = LineChart(
        title: title, xLabel: stepColumn, yLabel: quantity, series: seriesByQuantity[quantity]!)
      return ReportPlot(
        section: .history, fileName: "\(fileName(quantity)).svg", title: title, svg: chart.svg)
    }
  }

  /// The curves' error as the run measures it: `fraction misclassified` for a run judged as
  /// classes (`Metric.judgesClasses`: a classification loss in `summary.csv`, or classification
  /// metrics among its columns or a confusion matrix beside it), else the loss's name (`mse`);
  /// nil when not known.
  var errorUnit: String? {
    guard let summary, let loss = summary.columnIndex("loss").flatMap({ summary.rows.first?[$0] }),
      let kind = LossKind(rawValue: loss)
    else { return nil }
    let recorded = summary.header.compactMap {
      Self.splitColumn($0).flatMap { Metric(rawValue: $0.quantity) }
    }
    let classes = Metric.judgesClasses(
      classificationLoss: kind.isClassification,
      recording: recorded + (confusionMatrix == nil ? [] : [.confusionMatrix]))
    return classes ? "fraction misclassified" : loss
  }

  /// A chart of every `*_error` column against the first column (on a log axis when its
  /// positive values span two decades or more, a 0 set apart; the errors on a log axis when
  /// all are above 0 and span more than two decades); `best` marks the lowest held-out error,
  /// and rows whose verdict is `failed` are marked so on the x axis. The y axis names the
  /// error's `unit` when known. Nil when the table has no error columns.
  static func curveChart(_ table: CSVTable, title: String, best: Bool, unit: String? = nil)
    -> LineChart?
  {
    guard let xColumn = table.header.first else { return nil }
    let xs = table.rows.map { CSVCell.number(from: $0[0]) }
    let errorColumns = table.header.enumerated().filter {
      $0.offset > 0 && $0.element.hasSuffix("_error")
    }
    guard !errorColumns.isEmpty else { return nil }
    let series = errorColumns.map { index, column in
      LineChart.Series(
        name: String(column.dropLast("_error".count)),
        points: zip(xs, table.rows).compactMap { x, row in
          guard let x, let y = CSVCell.number(from: row[index]) else { return nil }
          return LineChart.Point(x: x, y: y)
        })
    }
    // A log x axis when the positive values span two decades or more (an L2 strength); a 0
    // among them gets its own tick left of an axis break (`LineChart`).
    let positive = xs.compactMap { $0 }.filter { $0 > 0 }
    let zeros = xs.filter { $0 == 0 }.count
    let logX =
      positive.count + zeros == xs.count && !positive.isEmpty
      && positive.max()! / positive.min()! >= 100
    var marker: (x: Double, label: String)?
    if best, let heldOut = series.first(where: { $0.name != "train" }) ?? series.last,
      let lowest = heldOut.points.filter({ !$0.y.isNaN }).min(by: { $0.y < $1.y })
    {
      marker = (lowest.x, "best \(heldOut.name): \(Axis.label(lowest.x))")
    }
    var chart = LineChart(
      title: title, xLabel: xColumn, yLabel: "error" + (unit.map { " (\($0))" } ?? ""),
      series: series, logX: logX, marker: marker)
    let ys = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
    chart.logY = !ys.isEmpty && ys.min()! > 0 && ys.max()! / ys.min()! > 100
    if let verdict = table.columnIndex("verdict") {
      chart.failedXs = zip(xs, table.rows).compactMap { $1[verdict] == "failed" ? $0 : nil }
    }
    return chart
  }

  /// A safe file name: letters, digits, `-` and `_`; others become `_`.
  static func fileName(_ text: String) -> String {
    let safe = String(
      text.unicodeScalars.map { scalar -> Character in
        (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
          || ("0"..."9").contains(scalar) || scalar == "-"
          || scalar == "_") ? Character(scalar) : "_"
      })
    return safe.isEmpty ? "plot" : safe
  }
}

extension String {
  /// The string with its first letter upper-cased.
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }

  /// A column's quantity as a title: words for underscores, acronyms upper-cased
  /// (`roc_auc` → `ROC AUC`, `log_loss` → `Log loss`, `f1_macro` → `F1 macro`).
  var quantityTitle: String {
    let acronyms: Set<String> = ["roc", "auc", "mse", "mae", "rmse", "r2", "f1"]
    let words = split(separator: "_").map {
      acronyms.contains(String($0)) ? $0.uppercased() : String($0)
    }
    return words.joined(separator: " ").capitalizedFirst
  }
}
