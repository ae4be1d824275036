import Conventions

/// Successive halving at a glance: the objective of every trial (y) at each rung's budget (x,
/// one column per rung, labelled with its budget). A trial that went on is joined to its value
/// at the next rung (blue); one stopped at a rung is a grey dot; the best trial's path is
/// orange. Every dot (class `point`, `data-trial`, `data-rung`, `data-state`) has a tooltip.
public struct RungChart: Sendable, Equatable {
  /// The rungs drawn.
  public var history: RungHistory
  /// The objective (y axis label).
  public var objective: String
  /// The chart's title.
  public var title: String

  /// A chart of `history`'s rungs.
  public init(history: RungHistory, objective: String, title: String) {
    self.history = history
    self.objective = objective
    self.title = title
  }

  /// The standalone SVG file.
  public var svg: String {
    let area = RungStyle.area
    let rungs = history.rungs
    let ys = rungs.flatMap { $0.trials.compactMap(\.value) }
    let yAxis = Axis(covering: ys, logarithmic: false)
    let px = { (rung: Int) in
      area.left + area.width * (0.1 + 0.8 * Double(rung) / Double(max(1, rungs.count - 1)))
    }
    let py = { (y: Double) in area.top + (1 - yAxis.fraction(y)) * area.height }
    var doc = SVGDocument(width: RungStyle.width, height: RungStyle.height)
    doc.text(title, x: RungStyle.width / 2, y: 22, style: "title")
    doc.open("g", [("class", "x-axis"), ("data-scale", "rungs")])
    doc.xTicks(rungs.map { (px($0.index), String($0.budget)) }, in: area)
    doc.close("g")
    doc.yTicksAndAxes(yAxis.ticks.map { (py($0), Axis.label($0)) }, in: area)
    doc.text(
      "\(history.unit) (the rung's budget)", x: area.left + area.width / 2,
      y: RungStyle.height - 14, style: "label")
    doc.text(objective, x: 18, y: area.top + area.height / 2, style: "label", rotate: -90)
    if ys.isEmpty {
      doc.text(
        "no finite values to plot", x: area.left + area.width / 2,
        y: area.top + area.height / 2, style: "empty")
    }
    let best = history.best?.id
    // Promotions first (best path last, on top), then the dots.
    for style in [RungStyle.wentOn, .best] {
      for (rung, next) in zip(rungs, rungs.dropFirst()) {
        let later = Dictionary(
          next.trials.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        for trial in rung.trials where trial.wentOn && (trial.id == best) == (style == .best) {
          guard let from = trial.value, let to = later[trial.id] ?? nil else { continue }
          doc.element(
            "line",
            [
              ("x1", SVGDocument.number(px(rung.index))), ("y1", SVGDocument.number(py(from))),
              ("x2", SVGDocument.number(px(next.index))), ("y2", SVGDocument.number(py(to))),
              ("class", "promotion"), ("data-trial", trial.id), ("stroke", style.colour),
              ("stroke-width", style == .best ? "2.50" : "1.50"),
            ])
        }
      }
    }
    for style in RungStyle.allCases
    where rungs.contains(where: { $0.trials.contains { RungStyle.of($0, best: best) == style } }) {
      doc.open("g", [("class", "data"), ("data-state", style.rawValue), ("fill", style.colour)])
      for rung in rungs {
        for trial in rung.trials where RungStyle.of(trial, best: best) == style {
          guard let value = trial.value else { continue }
          doc.open(
            "circle",
            [
              ("class", "point"), ("data-trial", trial.id), ("data-rung", String(rung.index)),
              ("cx", SVGDocument.number(px(rung.index))), ("cy", SVGDocument.number(py(value))),
              ("r", style == .stopped ? "3.00" : "4.00"),
            ])
          doc.element(
            "title", [],
            text:
              "trial \(trial.id), rung \(rung.index) (\(ResultsReport.amount(rung.budget, history.unit))): \(objective)=\(trial.text), \(style.meaning)"
          )
          doc.close("circle")
        }
      }
      doc.close("g")
    }
    RungStyle.legend(
      &doc,
      [(.wentOn, "went on"), (.stopped, "stopped")] + (best.map { [(.best, "best \($0)")] } ?? []))
    return doc.rendered(
      title: title, kind: "rung-chart", style: ".promotion{fill:none;stroke-opacity:0.8}")
  }
}
