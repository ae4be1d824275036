/// A line chart of one or more series (loss and metric curves, learning and validation
/// curves), drawn as SVG by hand: axes with ticks and grid, one polyline and one circle per
/// finite point for each series (class `series` and `point`, the data marks), and a legend.
/// Non-finite points (and negative ones on a log axis) leave gaps. A 0 on a log x axis gets
/// its own tick at the left, an axis break away from the first decade (matplotlib's symlog
/// idea): the points across the break are joined by a dashed line.
public struct LineChart: Sendable, Equatable {
  /// One named curve.
  public struct Series: Sendable, Equatable {
    /// The legend text, e.g. `train_loss`.
    public var name: String
    /// (x, y) points in drawing order.
    public var points: [Point]

    /// A curve called `name` through `points`.
    public init(name: String, points: [Point]) {
      self.name = name
      self.points = points
    }
  }

  /// One data point.
  public struct Point: Sendable, Equatable {
    /// Position on the horizontal axis (e.g. an iteration or an L2 strength).
    public var x: Double
    /// Position on the vertical axis (e.g. a loss or an accuracy).
    public var y: Double

    /// The point `(x, y)`.
    public init(x: Double, y: Double) {
      self.x = x
      self.y = y
    }
  }

  /// The chart's title.
  public var title: String
  /// The x axis label.
  public var xLabel: String
  /// The y axis label.
  public var yLabel: String
  /// The curves, in legend order.
  public var series: [Series]
  /// A logarithmic x axis (e.g. an L2 strength).
  public var logX: Bool
  /// A vertical dashed line at this x with a label (e.g. the best value of a validation curve).
  public var marker: (x: Double, label: String)?
  /// Whether consecutive points are joined by lines; false draws a scatter plot (every point
  /// gets its circle), e.g. for sweep trials that differ in other hyperparameters too.
  public var connectPoints: Bool
  /// The legend under the plot, one line per series, instead of in the right margin: for
  /// long series names (run names in `runner compare`); the legend never covers the data.
  public var legendBelow = false
  /// Values the y axis covers besides the data (e.g. `[0, 1]` for rates).
  public var yCovers: [Double] = []
  /// Whether points get circles (up to `maxPointMarks` per series); false draws lines only.
  public var markPoints = true
  /// A logarithmic y axis (errors spanning decades); values not above 0 leave gaps.
  public var logY = false
  /// The x values marked `failed` just above the x axis (a learning curve's failed sizes).
  public var failedXs: [Double] = []
  /// Series drawn as points only, never joined (an optimization history's trials beside the
  /// line of the best so far).
  public var unjoined: Set<String> = []

  /// A chart of `series`; linear axes, no marker and joined points unless asked otherwise.
  public init(
    title: String, xLabel: String, yLabel: String, series: [Series], logX: Bool = false,
    marker: (x: Double, label: String)? = nil, connectPoints: Bool = true
  ) {
    self.connectPoints = connectPoints
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.logX = logX
    self.marker = marker
  }

  /// Equal when titles, labels, series, axis scale, joining and marker (x and label) all match.
  public static func == (lhs: LineChart, rhs: LineChart) -> Bool {
    lhs.title == rhs.title && lhs.xLabel == rhs.xLabel && lhs.yLabel == rhs.yLabel
      && lhs.series == rhs.series
      && lhs.logX == rhs.logX && lhs.connectPoints == rhs.connectPoints
      && lhs.legendBelow == rhs.legendBelow
      && lhs.marker?.x == rhs.marker?.x
      && lhs.marker?.label == rhs.marker?.label && lhs.markPoints == rhs.markPoints
      && lhs.yCovers == rhs.yCovers && lhs.logY == rhs.logY && lhs.failedXs == rhs.failedXs
      && lhs.unjoined == rhs.unjoined
  }

  private static let (width, height) = (640.0, 400.0)
  private static let (left, right, top, bottom) = (70.0, 150.0, 40.0, 55.0)

  /// The standalone SVG file.
  public var svg: String {
    let allX = series.flatMap { $0.points.map(\.x) } + (marker.map { [$0.x] } ?? [])
    let xAxis = Axis(covering: allX, logarithmic: logX, zeroBreak: true)
    let drawable = series.flatMap {
      $0.points.filter { xAxis.accepts($0.x) && $0.y.isFinite && (!logY || $0.y > 0) }.map(\.y)
    }
    let yAxis = Axis(covering: drawable.isEmpty ? [] : drawable + yCovers, logarithmic: logY)
    let right = legendBelow ? 30.0 : Self.right
    let legendRows = legendBelow ? Double(series.count) : 0
    let height = Self.height + (legendBelow ? 18 * legendRows + 6 : 0)
    let plotWidth = Self.width - Self.left - right
    let plotHeight = Self.height - Self.top - Self.bottom
    let px = { (x: Double) in Self.left + xAxis.fraction(x) * plotWidth }
    let py = { (y: Double) in Self.top + (1 - yAxis.fraction(y)) * plotHeight }
    var doc = SVGDocument(width: Self.width, height: height)
    doc.text(title, x: Self.width / 2, y: 22, style: "title")
    let area = PlotArea(left: Self.left, top: Self.top, width: plotWidth, height: plotHeight)
    doc.xTicks(xAxis.ticks.map { (px($0), Axis.label($0)) }, in: area)
    doc.yTicksAndAxes(yAxis.ticks.map { (py($0), Axis.label($0)) }, in: area)
    if let gap = xAxis.breakFraction { doc.axisBreak(at: Self.left + gap * plotWidth, in: area) }
    doc.text(xLabel, x: Self.left + plotWidth / 2, y: Self.height - 14, style: "label")
    doc.text(yLabel, x: 18, y: Self.top + plotHeight / 2, style: "label", rotate: -90)
    if let marker, xAxis.accepts(marker.x) {
      doc.line(
        x1: px(marker.x), y1: Self.top, x2: px(marker.x), y2: Self.top + plotHeight, style: "marker"
      )
      // Left of the line in the plot's right half, so it never runs into the legend.
      let right = px(marker.x) > Self.left + plotWidth / 2
      doc.text(
        marker.label, x: px(marker.x) + (right ? -4 : 4), y: Self.top + 12,
        anchor: right ? "end" : "start", style: "legend")
    }
    for x in failedXs where xAxis.accepts(x) {
      doc.text("failed", x: px(x), y: Self.top + plotHeight - 6, style: "empty")
    }
    if drawable.isEmpty {
      doc.text(
        "no finite values to plot", x: Self.left + plotWidth / 2, y: Self.top + plotHeight / 2,
        style: "empty")
    }
    for (index, curve) in series.enumerated() {
      let colour = SVGDocument.palette[index % SVGDocument.palette.count]
      doc.open(
        "g", [("class", "data"), ("data-series", curve.name), ("stroke", colour), ("fill", colour)])
      let (runs, links) = Self.splitAtZero(
        Self.runs(of: curve.points, on: xAxis, yAxis), on: xAxis)
      let joined = connectPoints && !unjoined.contains(curve.name)
      for (a, b) in links where joined {
        doc.element(
          "line",
          [
            ("class", "series across-break"), ("x1", SVGDocument.number(px(a.x))),
            ("y1", SVGDocument.number(py(a.y))), ("x2", SVGDocument.number(px(b.x))),
            ("y2", SVGDocument.number(py(b.y))),
          ])
      }
      for run in runs where joined && run.count > 1 {
        let points = Self.thinned(run, columns: Int(plotWidth), px: px).map {
          "\(SVGDocument.number(px($0.x))),\(SVGDocument.number(py($0.y)))"
        }
        .joined(separator: " ")
        doc.element("polyline", [("class", "series"), ("points", points)])
      }
      let visible = runs.flatMap { $0 }
      let radius = visible.count > 60 ? 1.5 : 3
      // Past `maxPointMarks` points the polylines alone mark the data (keeps the file small);
      // a point without neighbours still gets its circle.
      let marked =
        visible.count <= Self.maxPointMarks || !joined
        ? visible : runs.filter { $0.count == 1 }.flatMap { $0 }
      for point in markPoints ? marked : [] {
        doc.element(
          "circle",
          [
            ("class", "point"), ("cx", SVGDocument.number(px(point.x))),
            ("cy", SVGDocument.number(py(point.y))),
            ("r", SVGDocument.number(radius)),
          ])
      }
      doc.close("g")
      // Right of the plot, or under the x label, one line per series.
      let legendX = legendBelow ? Self.left : Self.width - right + 12
      let legendY =
        legendBelow ? Self.height + 4 + Double(index) * 18 : Self.top + 10 + Double(index) * 20
      doc.line(
        x1: legendX, y1: legendY, x2: legendX + 24, y2: legendY, style: "legend-line",
        stroke: colour)
      doc.text(curve.name, x: legendX + 30, y: legendY + 4, anchor: "start", style: "legend")
    }
    return doc.rendered(
      title: title, kind: "line-chart",
      style: xAxis.breakFraction == nil ? "" : SVGDocument.axisBreakStyle)
  }

  /// The most points per series drawn with a circle each.
  static let maxPointMarks = 200

  /// The most points a polyline draws as they are; a longer run is thinned (`thinned`).
  static let maxLinePoints = 2000

  /// `run` as drawn `columns` pixels wide: as it is up to `maxLinePoints` points (or when x
  /// goes back), else per pixel column its first, lowest, highest and last points, in order
  /// (M4 aggregation: the line looks the same, and 200 000 iterations make a small file).
  static func thinned(_ run: [Point], columns: Int, px: (Double) -> Double) -> [Point] {
    guard run.count > maxLinePoints, zip(run, run.dropFirst()).allSatisfy({ $0.x <= $1.x })
    else { return run }
    let left = px(run[0].x)
    var kept: [Point] = []
    var start = 0
    while start < run.count {
      let column = min(Int(px(run[start].x) - left), columns)
      var end = start + 1
      while end < run.count, min(Int(px(run[end].x) - left), columns) == column { end += 1 }
      let bucket = run[start..<end]
      let low = bucket.indices.min { run[$0].y < run[$1].y }!
      let high = bucket.indices.max { run[$0].y < run[$1].y }!
      for i in Set([start, low, high, end - 1]).sorted() { kept.append(run[i]) }
      start = end
    }
    return kept
  }

  /// `runs` cut where consecutive points cross an axis break (a 0 next to a positive x), with
  /// the pairs of points across it; `runs` as they are on an axis without a break.
  static func splitAtZero(_ runs: [[Point]], on axis: Axis) -> (
    runs: [[Point]], links: [(Point, Point)]
  ) {
    guard axis.breakFraction != nil else { return (runs, []) }
    var cut: [[Point]] = []
    var links: [(Point, Point)] = []
    for run in runs {
      var current: [Point] = []
      for point in run {
        if let last = current.last, (last.x == 0) != (point.x == 0) {
          links.append((last, point))
          cut.append(current)
          current = []
        }
        current.append(point)
      }
      cut.append(current)
    }
    return (cut, links)
  }

  /// Maximal runs of consecutive drawable points.
  private static func runs(of points: [Point], on axis: Axis, _ yAxis: Axis) -> [[Point]] {
    var runs: [[Point]] = [[]]
    for point in points {
      if axis.accepts(point.x) && yAxis.accepts(point.y) {
        runs[runs.count - 1].append(point)
      } else if !runs[runs.count - 1].isEmpty {
        runs.append([])
      }
    }
    return runs
  }
}
