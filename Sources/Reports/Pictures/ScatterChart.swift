/// A scatter plot with a dashed reference line (predicted against actual values with the
/// line y = x, residuals with the line y = 0).
public struct ScatterChart: Sendable, Equatable {
  /// The chart's title.
  public var title: String
  /// Axis labels.
  public var xLabel: String, yLabel: String
  /// The points, drawn in order.
  public var points: [LineChart.Point]
  /// The reference line `y = slope·x + intercept`, labelled in the corner.
  public var reference: (slope: Double, intercept: Double, label: String)
  /// Whether both axes share one range (predicted against actual).
  public var sameScale: Bool

  /// A scatter of `points` with a reference line.
  public init(
    title: String, xLabel: String, yLabel: String, points: [LineChart.Point],
    reference: (slope: Double, intercept: Double, label: String), sameScale: Bool
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.points = points
    self.reference = reference
    self.sameScale = sameScale
  }

  /// Equal when every drawn property matches.
  public static func == (lhs: ScatterChart, rhs: ScatterChart) -> Bool {
    lhs.title == rhs.title && lhs.xLabel == rhs.xLabel && lhs.yLabel == rhs.yLabel
      && lhs.points == rhs.points && lhs.reference == rhs.reference
      && lhs.sameScale == rhs.sameScale
  }

  private static let (width, height) = (520.0, 440.0)
  private static let (left, right, top, bottom) = (70.0, 30.0, 40.0, 55.0)

  /// The standalone SVG file.
  public var svg: String {
    let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
    let xs = finite.map(\.x)
    let ys = finite.map(\.y)
    let xAxis = Axis(covering: sameScale ? xs + ys : xs, logarithmic: false)
    let yAxis = sameScale ? xAxis : Axis(covering: ys + [reference.intercept], logarithmic: false)
    let plotWidth = Self.width - Self.left - Self.right
    let plotHeight = Self.height - Self.top - Self.bottom
    let px = { (x: Double) in Self.left + xAxis.fraction(x) * plotWidth }
    let py = { (y: Double) in Self.top + (1 - yAxis.fraction(y)) * plotHeight }
    var doc = SVGDocument(width: Self.width, height: Self.height)
    doc.text(title, x: Self.width / 2, y: 22, style: "title")
    let area = PlotArea(left: Self.left, top: Self.top, width: plotWidth, height: plotHeight)
    doc.xTicks(xAxis.ticks.map { (px($0), Axis.label($0)) }, in: area)
    doc.yTicksAndAxes(yAxis.ticks.map { (py($0), Axis.label($0)) }, in: area)
    doc.text(xLabel, x: Self.left + plotWidth / 2, y: Self.height - 14, style: "label")
    doc.text(yLabel, x: 18, y: Self.top + plotHeight / 2, style: "label", rotate: -90)
    if let (x0, x1) = referenceSpan(x: xAxis, y: yAxis) {
      let line = { (x: Double) in reference.slope * x + reference.intercept }
      doc.line(x1: px(x0), y1: py(line(x0)), x2: px(x1), y2: py(line(x1)), style: "reference")
    }
    // The label in a corner the line leaves free: bottom right under a rising line.
    doc.text(
      reference.label, x: Self.left + plotWidth - 6,
      y: reference.slope > 0 ? Self.top + plotHeight - 8 : Self.top + 14, anchor: "end",
      style: "legend")
    doc.open("g", [("class", "data"), ("fill", SVGDocument.palette[0])])
    let radius = finite.count > 300 ? 1.8 : 2.8
    for point in finite {
      doc.element(
        "circle",
        [
          ("class", "point"), ("cx", SVGDocument.number(px(point.x))),
          ("cy", SVGDocument.number(py(point.y))), ("r", SVGDocument.number(radius)),
        ])
    }
    doc.close("g")
    return doc.rendered(title: title, kind: "scatter-chart", style: Self.style)
  }

  /// The x interval where the reference line lies inside both axes' ranges.
  func referenceSpan(x: Axis, y: Axis) -> (Double, Double)? {
    var (low, high) = (x.lower, x.upper)
    let (a, b) = (reference.slope, reference.intercept)
    if a == 0 {
      guard b >= y.lower && b <= y.upper else { return nil }
    } else {
      let (p, q) = ((y.lower - b) / a, (y.upper - b) / a)
      (low, high) = (max(low, min(p, q)), min(high, max(p, q)))
    }
    return low < high ? (low, high) : nil
  }

  static let style =
    ".reference{stroke:#d62728;stroke-width:1.5;stroke-dasharray:6 4}"
    + ".point{fill-opacity:0.6}"
}
