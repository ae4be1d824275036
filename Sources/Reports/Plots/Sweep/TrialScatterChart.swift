import Conventions
import Foundation

/// A final figure of a sweep's trials against one swept parameter (log, linear or categories:
/// `ParameterScale`), one colour per split; every dot (class `point`, `data-trial`) carries a
/// `<title>` tooltip naming its trial and values. Dots are joined when no other parameter
/// varies (then the chart is a validation curve). The legend sits right of the plot.
public struct TrialScatterChart: Sendable, Equatable {
  /// One split's dots: (trial, x value as printed, y).
  public struct Series: Sendable, Equatable {
    /// The split, e.g. `dev`.
    public var name: String
    /// The dots, in trial order.
    public var points: [Point]
  }

  /// One dot.
  public struct Point: Sendable, Equatable {
    /// The trial ID.
    public var trial: String
    /// The parameter's value as printed.
    public var x: String
    /// The figure.
    public var y: Double
    /// The figure as printed.
    public var yText: String
  }

  /// The chart's title.
  public var title: String
  /// The parameter (x) and figure (y) names.
  public var xLabel: String
  /// The figure's name.
  public var yLabel: String
  /// Whether the parameter was declared log-uniform.
  public var logUniform: Bool
  /// Whether to join the dots of each series in x order.
  public var connectPoints: Bool
  /// One series per split.
  public var series: [Series]

  private static let (width, height) = (640.0, 400.0)
  private static let (left, right, top, bottom) = (70.0, 150.0, 40.0, 55.0)

  /// The standalone SVG file.
  public var svg: String {
    let scale = ParameterScale(
      name: xLabel, values: series.flatMap { $0.points.map(\.x) }, logUniform: logUniform)
    let ys = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
    let yAxis = Axis(covering: ys, logarithmic: false)
    let plotWidth = Self.width - Self.left - Self.right
    let plotHeight = Self.height - Self.top - Self.bottom
    // Categories get a margin so their dots do not sit on the frame.
    let inset = { (f: Double) -> Double in
      if case .categories = scale.kind { return 0.1 + 0.8 * f }
      return f
    }
    let px = { (f: Double) in Self.left + inset(f) * plotWidth }
    let py = { (y: Double) in Self.top + (1 - yAxis.fraction(y)) * plotHeight }
    var doc = SVGDocument(width: Self.width, height: Self.height)
    doc.text(title, x: Self.width / 2, y: 22, style: "title")
    doc.open("g", [("class", "x-axis"), ("data-scale", scale.kindName)])
    let area = PlotArea(left: Self.left, top: Self.top, width: plotWidth, height: plotHeight)
    doc.xTicks(scale.ticks.map { (px($0.fraction), $0.label) }, in: area)
    doc.close("g")
    doc.yTicksAndAxes(yAxis.ticks.map { (py($0), Axis.label($0)) }, in: area)
    let scaleNote = scale.kind == .log ? " (log scale)" : ""
    doc.text(
      xLabel + scaleNote, x: Self.left + plotWidth / 2, y: Self.height - 14, style: "label")
    doc.text(yLabel, x: 18, y: Self.top + plotHeight / 2, style: "label", rotate: -90)
    for (index, curve) in series.enumerated() {
      let colour = SVGDocument.palette[index % SVGDocument.palette.count]
      doc.open(
        "g", [("class", "data"), ("data-series", curve.name), ("stroke", colour), ("fill", colour)])
      let drawable = curve.points.compactMap { p -> (Point, Double, Double)? in
        guard let f = scale.fraction(p.x), p.y.isFinite else { return nil }
        return (p, px(f), py(p.y))
      }
      if connectPoints && drawable.count > 1 {
        let line = drawable.sorted { $0.1 < $1.1 }.map {
          "\(SVGDocument.number($0.1)),\(SVGDocument.number($0.2))"
        }
        doc.element("polyline", [("class", "series"), ("points", line.joined(separator: " "))])
      }
      for (point, x, y) in drawable {
        doc.open(
          "circle",
          [
            ("class", "point"), ("data-trial", point.trial), ("cx", SVGDocument.number(x)),
            ("cy", SVGDocument.number(y)), ("r", "3.50"),
          ])
        doc.element(
          "title", [],
          text: "trial \(point.trial): \(xLabel)=\(point.x), \(curve.name)_\(yLabel)=\(point.yText)"
        )
        doc.close("circle")
      }
      doc.close("g")
      let legendY = Self.top + 10 + Double(index) * 20
      doc.line(
        x1: Self.width - Self.right + 12, y1: legendY, x2: Self.width - Self.right + 36,
        y2: legendY, style: "legend-line", stroke: colour)
      doc.text(
        curve.name, x: Self.width - Self.right + 42, y: legendY + 4, anchor: "start",
        style: "legend")
    }
    return doc.rendered(title: title, kind: "trial-scatter")
  }
}
