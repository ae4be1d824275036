import Conventions
import Foundation

/// A sweep's parallel-coordinates plot: one vertical axis per swept parameter (log,
/// linear or categories: `ParameterScale`) and a last one for the objective (best at the top),
/// one line per trial (class `trial`, `data-trial`, with a `<title>` tooltip naming the
/// trial, its values and objective) coloured from worst (light) to best (dark) and drawn best
/// last; failed trials grey and dashed. The best trials' IDs label the objective axis where
/// they fit.
public struct ParallelCoordinatesChart: Sendable, Equatable {
  /// The trials, best first.
  public var trials: SweepTrials
  /// The chart's title.
  public var title: String

  /// A chart of `trials`.
  public init(trials: SweepTrials, title: String) {
    self.trials = trials
    self.title = title
  }

  /// The most trial IDs written beside the objective axis.
  static let maxLabels = 5

  /// The standalone SVG file.
  public var svg: String {
    let scales = trials.axes.indices.map(trials.scale)
    let count = Double(scales.count + 1)
    let (left, right, top, bottom) = (70.0, 250.0, 70.0, 40.0)
    let spacing = max(150, 520 / max(count - 1, 1))
    let width = left + spacing * (count - 1) + right
    let height = 440.0
    let plotHeight = height - top - bottom
    let xs = (0..<Int(count)).map { left + Double($0) * spacing }
    var doc = SVGDocument(width: width, height: height)
    doc.text(title, x: width / 2, y: 22, style: "title")
    let extremes = trials.bestAndWorst
    let objectiveX = xs.last!
    // The objective axis: best at the top.
    let objectiveAxis = extremes.map { Axis(covering: [$0.best, $0.worst], logarithmic: false) }
    func objectiveY(_ value: Double) -> Double? {
      guard let objectiveAxis else { return nil }
      let f = objectiveAxis.fraction(value)
      return top + (trials.lowerIsBetter ? f : 1 - f) * plotHeight
    }
    // Lines: failed and unscored first (grey), then worst to best.
    doc.open("g", [("class", "data")])
    let drawOrder =
      trials.trials.filter { $0.objective == nil || $0.failed }
      + trials.ranked.reversed()
    for trial in drawOrder {
      var points: [String] = []
      for (index, scale) in scales.enumerated() {
        guard let f = scale.fraction(trial.values[index]) else { continue }
        points.append(
          "\(SVGDocument.number(xs[index])),\(SVGDocument.number(top + (1 - f) * plotHeight))")
      }
      var colour = "#b0b0b0"
      var style = "series failed"
      if !trial.failed, let value = trial.objective, let extremes, let y = objectiveY(value) {
        points.append("\(SVGDocument.number(objectiveX)),\(SVGDocument.number(y))")
        colour = ObjectiveColours.colour(
          ObjectiveColours.goodness(value, worst: extremes.worst, best: extremes.best))
        style = "series"
      }
      doc.open("g", [("class", "trial"), ("data-trial", trial.id)])
      doc.element("title", [], text: trials.tooltip(trial))
      doc.element(
        "polyline",
        [("class", style), ("points", points.joined(separator: " ")), ("stroke", colour)]
          + (style == "series" ? [] : [("stroke-dasharray", "4 3")]))
      doc.close("g")
    }
    doc.close("g")
    // Axes over the lines, so their labels stay readable: names (alternating heights so long
    // key paths do not collide) and ticks.
    for (index, scale) in scales.enumerated() {
      let x = xs[index]
      doc.open(
        "g",
        [("class", "parameter-axis"), ("data-axis", scale.name), ("data-scale", scale.kindName)])
      doc.line(x1: x, y1: top, x2: x, y2: top + plotHeight, style: "axis")
      doc.text(scale.name, x: x, y: index % 2 == 0 ? top - 26 : top - 12, style: "label")
      for tick in scale.ticks {
        Self.haloText(&doc, tick.label, x: x - 5, y: top + (1 - tick.fraction) * plotHeight + 4)
      }
      doc.close("g")
    }
    doc.open("g", [("class", "objective-axis"), ("data-axis", trials.objective)])
    doc.line(x1: objectiveX, y1: top, x2: objectiveX, y2: top + plotHeight, style: "axis")
    doc.text(
      "\(trials.objective) (\(trials.direction))", x: objectiveX,
      y: scales.count % 2 == 0 ? top - 26 : top - 12, style: "label")
    if let objectiveAxis {
      for tick in objectiveAxis.ticks {
        if let y = objectiveY(tick) {
          Self.haloText(&doc, Axis.label(tick), x: objectiveX - 5, y: y + 4)
        }
      }
    }
    doc.close("g")
    // The best trials' IDs beside the objective axis, where they do not overlap.
    var used: [Double] = []
    for (rank, trial) in trials.ranked.prefix(Self.maxLabels).enumerated() {
      guard let y = objectiveY(trial.objective!), used.allSatisfy({ abs($0 - y) >= 13 }) else {
        continue
      }
      used.append(y)
      doc.text(
        "\(rank == 0 ? "best " : "#\(rank + 1) ")\(trial.id)", x: objectiveX + 8, y: y + 4,
        anchor: "start", style: "legend")
    }
    if let extremes {
      ObjectiveColours.legend(
        &doc, x: objectiveX + 140, y: top + plotHeight - 140, height: 120,
        best: Axis.label(extremes.best), worst: Axis.label(extremes.worst), title: "colour")
    }
    return doc.rendered(title: title, kind: "parallel-coordinates")
  }

  /// A tick label with a white outline, readable over the lines it sits on.
  static func haloText(_ doc: inout SVGDocument, _ text: String, x: Double, y: Double) {
    doc.element(
      "text",
      [
        ("x", SVGDocument.number(x)), ("y", SVGDocument.number(y)), ("text-anchor", "end"),
        ("class", "tick"), ("stroke", "#fff"), ("stroke-width", "3"), ("paint-order", "stroke"),
      ], text: text)
  }
}
