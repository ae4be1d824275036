import Conventions

/// The learning curves of one rung's trials: the objective per epoch (or iteration) up to the
/// rung's budget, the trials that went on in blue, those stopped there in grey, the sweep's best
/// trial in orange (drawn last, on top). Each curve is a group (class `trial`, `data-trial`,
/// `data-state`) with a tooltip; a single-point curve is a dot.
public struct RungCurvesChart: Sendable, Equatable {
  /// The rung drawn.
  public var rung: RungHistory.RungResult
  /// The sweep's best trial, when known.
  public var best: String?
  /// The x axis label (`epoch` or `iteration`).
  public var step: String
  /// The objective (y axis label).
  public var objective: String
  /// The chart's title.
  public var title: String

  /// The curves of `rung`'s trials.
  public init(
    rung: RungHistory.RungResult, best: String?, step: String, objective: String, title: String
  ) {
    self.rung = rung
    self.best = best
    self.step = step
    self.objective = objective
    self.title = title
  }

  /// The standalone SVG file.
  public var svg: String {
    let area = RungStyle.area
    let points = rung.trials.flatMap(\.curve)
    let xAxis = Axis(covering: points.map(\.x) + [0, Double(rung.budget)], logarithmic: false)
    let yAxis = Axis(covering: points.map(\.y), logarithmic: false)
    let px = { (x: Double) in area.left + xAxis.fraction(x) * area.width }
    let py = { (y: Double) in area.top + (1 - yAxis.fraction(y)) * area.height }
    var doc = SVGDocument(width: RungStyle.width, height: RungStyle.height)
    doc.text(title, x: RungStyle.width / 2, y: 22, style: "title")
    doc.xTicks(xAxis.ticks.map { (px($0), Axis.label($0)) }, in: area)
    doc.yTicksAndAxes(yAxis.ticks.map { (py($0), Axis.label($0)) }, in: area)
    doc.text(step, x: area.left + area.width / 2, y: RungStyle.height - 14, style: "label")
    doc.text(objective, x: 18, y: area.top + area.height / 2, style: "label", rotate: -90)
    if points.isEmpty {
      doc.text(
        "no finite values to plot", x: area.left + area.width / 2,
        y: area.top + area.height / 2, style: "empty")
    }
    var counts: [RungStyle: Int] = [:]
    for style in RungStyle.allCases {
      for trial in rung.trials where RungStyle.of(trial, best: best) == style {
        counts[style, default: 0] += 1
        guard !trial.curve.isEmpty else { continue }
        doc.open(
          "g",
          [
            ("class", "trial"), ("data-trial", trial.id), ("data-state", style.rawValue),
            ("stroke", style.colour), ("fill", style.colour),
          ])
        doc.element(
          "title", [], text: "trial \(trial.id): \(objective)=\(trial.text), \(style.meaning)")
        if trial.curve.count > 1 {
          let line = trial.curve.map {
            "\(SVGDocument.number(px($0.x))),\(SVGDocument.number(py($0.y)))"
          }
          doc.element(
            "polyline", [("class", "series"), ("points", line.joined(separator: " "))])
        } else {
          let point = trial.curve[0]
          doc.element(
            "circle",
            [
              ("class", "point"), ("cx", SVGDocument.number(px(point.x))),
              ("cy", SVGDocument.number(py(point.y))), ("r", "3.00"),
            ])
        }
        doc.close("g")
      }
    }
    var entries: [(RungStyle, String)] = []
    if let n = counts[.wentOn] { entries.append((.wentOn, "went on (\(n))")) }
    if let n = counts[.stopped] { entries.append((.stopped, "stopped (\(n))")) }
    if counts[.best] != nil, let best { entries.append((.best, "best \(best)")) }
    RungStyle.legend(&doc, entries)
    return doc.rendered(
      title: title, kind: "rung-curves", style: ".trial .series{stroke-width:1.5}")
  }
}
