/// The rectangle a chart draws its data in, in SVG coordinates.
struct PlotArea {
  /// The left edge (where the y axis is drawn).
  let left: Double
  /// The top edge.
  let top: Double
  /// The width of the data area.
  let width: Double
  /// The height of the data area.
  let height: Double
  /// The bottom edge (where the x axis is drawn).
  var bottom: Double { top + height }
  /// The right edge.
  var right: Double { left + width }
}

extension SVGDocument {
  /// Vertical grid lines at `positions` with their labels under the plot.
  mutating func xTicks(_ ticks: [(x: Double, label: String)], in area: PlotArea) {
    for tick in ticks {
      line(x1: tick.x, y1: area.top, x2: tick.x, y2: area.bottom, style: "grid")
      text(tick.label, x: tick.x, y: area.bottom + 16, style: "tick")
    }
  }

  /// Horizontal grid lines with their labels left of the plot, then the x and y axes.
  mutating func yTicksAndAxes(_ ticks: [(y: Double, label: String)], in area: PlotArea) {
    for tick in ticks {
      line(x1: area.left, y1: tick.y, x2: area.right, y2: tick.y, style: "grid")
      text(tick.label, x: area.left - 6, y: tick.y + 4, anchor: "end", style: "tick")
    }
    line(x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom, style: "axis")
    line(x1: area.left, y1: area.top, x2: area.left, y2: area.bottom, style: "axis")
  }
}

extension SVGDocument {
  /// CSS for `axisBreak` and the dashed join across it, added only to charts that break.
  static let axisBreakStyle =
    ".break-gap{stroke:#fff;stroke-width:4}.break{stroke:#333;stroke-width:1}"
    + ".across-break{stroke-dasharray:3 3}"

  /// An axis break on the x axis at `x`: a gap in the axis line between two slanted strokes.
  mutating func axisBreak(at x: Double, in area: PlotArea) {
    line(x1: x - 4, y1: area.bottom, x2: x + 4, y2: area.bottom, style: "break-gap")
    for dx in [-4.0, 4.0] {
      line(x1: x + dx - 3, y1: area.bottom + 5, x2: x + dx + 3, y2: area.bottom - 5, style: "break")
    }
  }
}
