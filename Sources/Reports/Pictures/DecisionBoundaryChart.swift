/// The classes a classifier predicts over a grid of two input features, drawn as coloured
/// regions, with the training points over them in their true class's colour.
public struct DecisionBoundaryChart: Sendable, Equatable {
  /// One training point.
  public struct Point: Sendable, Equatable {
    /// First feature (horizontal).
    public var x: Double
    /// Second feature (vertical).
    public var y: Double
    /// True class index.
    public var label: Int

    /// A point at `(x, y)` of class `label`.
    public init(x: Double, y: Double, label: Int) {
      self.x = x
      self.y = y
      self.label = label
    }
  }

  /// The chart's title.
  public var title: String
  /// Names of the two features (axis labels).
  public var xLabel: String, yLabel: String
  /// The grid's extent: the horizontal and vertical ranges it covers.
  public var xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
  /// Predicted class of each grid cell, bottom row first, `columns` cells per row.
  public var grid: [Int]
  /// Cells per grid row.
  public var columns: Int
  /// Class names by index (the legend).
  public var classes: [String]
  /// The training points.
  public var points: [Point]

  /// A chart of `grid` (bottom row first) over `xRange` × `yRange`, with `points`.
  public init(
    title: String, xLabel: String, yLabel: String, xRange: ClosedRange<Double>,
    yRange: ClosedRange<Double>, grid: [Int], columns: Int, classes: [String], points: [Point]
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xRange = xRange
    self.yRange = yRange
    self.grid = grid
    self.columns = columns
    self.classes = classes
    self.points = points
  }

  private static let (size, left, right, top, bottom) = (400.0, 70.0, 160.0, 40.0, 55.0)

  /// The ticks of an axis over `range`, inside it.
  static func ticks(_ range: ClosedRange<Double>) -> [Double] {
    Axis(covering: [range.lowerBound, range.upperBound], logarithmic: false).ticks.filter {
      range.contains($0)
    }
  }

  /// Legend entries per column: as many as fit the chart's height (more classes take more
  /// columns, so every class keeps its entry).
  static let legendRows = Int((size + bottom - 20) / 20)

  /// The standalone SVG file.
  public var svg: String {
    let (size, left, top) = (Self.size, Self.left, Self.top)
    let rows = columns == 0 ? 0 : grid.count / columns
    let px = { (x: Double) in left + (x - xRange.lowerBound) / xRange.span * size }
    let py = { (y: Double) in top + size - (y - yRange.lowerBound) / yRange.span * size }
    let legendColumns = max(1, (classes.count + Self.legendRows - 1) / Self.legendRows)
    var doc = SVGDocument(
      width: left + size + Self.right * Double(legendColumns), height: top + size + Self.bottom)
    ClassStyle.patterns(
      Set(grid + points.map(\.label) + Array(classes.indices)), chart: "decision-boundary",
      into: &doc)
    doc.text(title, x: left + size / 2, y: 22, style: "title")
    // Regions: one rectangle per run of equal cells in a row.
    doc.open("g", [("class", "regions"), ("shape-rendering", "crispEdges")])
    let (cellWidth, cellHeight) = (size / Double(max(columns, 1)), size / Double(max(rows, 1)))
    for row in 0..<rows {
      var start = 0
      for column in 1...columns {
        let current = grid[row * columns + start]
        if column < columns && grid[row * columns + column] == current { continue }
        doc.element(
          "rect",
          [
            ("x", SVGDocument.number(left + Double(start) * cellWidth)),
            ("y", SVGDocument.number(top + size - Double(row + 1) * cellHeight)),
            ("width", SVGDocument.number(Double(column - start) * cellWidth)),
            ("height", SVGDocument.number(cellHeight)),
            ("fill", ClassStyle.region(current, chart: "decision-boundary")),
          ])
        start = column
      }
    }
    doc.close("g")
    for tick in Self.ticks(xRange) {
      doc.line(x1: px(tick), y1: top + size, x2: px(tick), y2: top + size + 5, style: "axis")
      doc.text(Axis.label(tick), x: px(tick), y: top + size + 18, style: "tick")
    }
    for tick in Self.ticks(yRange) {
      doc.line(x1: left - 5, y1: py(tick), x2: left, y2: py(tick), style: "axis")
      doc.text(Axis.label(tick), x: left - 8, y: py(tick) + 4, anchor: "end", style: "tick")
    }
    doc.element(
      "rect",
      [
        ("x", SVGDocument.number(left)), ("y", SVGDocument.number(top)),
        ("width", SVGDocument.number(size)), ("height", SVGDocument.number(size)),
        ("class", "frame"),
      ])
    doc.text(xLabel, x: left + size / 2, y: top + size + 42, style: "label")
    doc.text(yLabel, x: 18, y: top + size / 2, style: "label", rotate: -90)
    doc.open("g", [("class", "points")])
    let radius = points.count > 500 ? 2.0 : points.count < 50 ? 5 : 3
    for point in points {
      ClassStyle.point(point.label, x: px(point.x), y: py(point.y), radius: radius, into: &doc)
    }
    doc.close("g")
    for (index, name) in classes.enumerated() {
      let y = top + 10 + Double(index % Self.legendRows) * 20
      let x = left + size + 14 + Self.right * Double(index / Self.legendRows)
      doc.element(
        "rect",
        [
          ("x", SVGDocument.number(x)), ("y", SVGDocument.number(y - 7)), ("width", "14"),
          ("height", "14"), ("fill", ClassStyle.region(index, chart: "decision-boundary")),
        ])
      ClassStyle.point(index, x: x + 7, y: y, radius: 3, into: &doc)
      doc.text(ReportText.fit(name, 18), x: x + 20, y: y + 4, anchor: "start", style: "legend")
    }
    return doc.rendered(title: title, kind: "decision-boundary", style: Self.style)
  }

  static let style =
    ".frame{fill:none;stroke:#333;stroke-width:1}.point{stroke:#fff;stroke-width:0.8}"
}

extension ClosedRange<Double> {
  /// `upperBound − lowerBound`, or 1 for an empty span.
  public var span: Double { upperBound > lowerBound ? upperBound - lowerBound : 1 }
}

/// Short text for pictures.
enum ReportText {
  /// `text` cut to `limit` characters with an ellipsis.
  static func fit(_ text: String, _ limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
  }
}
