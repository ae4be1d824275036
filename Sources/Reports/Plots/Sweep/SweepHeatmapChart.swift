import Conventions
import Foundation

/// A heatmap of a sweep over two swept parameters: one cell per pair of their values (binned
/// when an axis has many), coloured by the best objective among the cell's trials (class
/// `cell`, `data-trial` naming that trial, a `<title>` tooltip with the values, the best value
/// and how many trials the cell holds), labelled with the value where it fits; the cell of
/// the sweep's best trial is outlined. Empty cells are grey.
public struct SweepHeatmapChart: Sendable, Equatable {
  /// The trials, best first.
  public var trials: SweepTrials
  /// The index of the horizontal parameter in `trials.axes`.
  public var xAxis: Int
  /// The index of the vertical parameter in `trials.axes`.
  public var yAxis: Int
  /// The chart's title.
  public var title: String

  /// A heatmap of `trials` over axes `xAxis` and `yAxis`.
  public init(trials: SweepTrials, xAxis: Int, yAxis: Int, title: String) {
    self.trials = trials
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.title = title
  }

  /// The standalone SVG file.
  public var svg: String {
    let ranked = trials.ranked
    let columns = trials.scale(xAxis).cells(trials.trials.map { $0.values[xAxis] })
    let rows = trials.scale(yAxis).cells(trials.trials.map { $0.values[yAxis] })
    let rowLabelWidth = min(150, 14 + 7 * Double(rows.map(\.label.count).max() ?? 1))
    let (left, top) = (rowLabelWidth + 34, 50.0)
    let cellWidth = max(36, min(90, 460 / Double(columns.count)))
    let cellHeight = max(18, min(50, 300 / Double(rows.count)))
    let gridWidth = cellWidth * Double(columns.count)
    let gridHeight = cellHeight * Double(rows.count)
    let width = left + gridWidth + 190
    let rotated =
      !(columns.count <= 6 && columns.allSatisfy { $0.label.count * 7 < Int(cellWidth) })
    let height = top + gridHeight + (rotated ? 90 : 50)
    var doc = SVGDocument(width: width, height: height)
    doc.text(title, x: width / 2, y: 22, style: "title")
    let extremes = trials.bestAndWorst
    let best = ranked.first
    doc.open("g", [("class", "data")])
    for (r, row) in rows.enumerated() {
      for (c, column) in columns.enumerated() {
        let inCell = ranked.filter { column.holds($0.values[xAxis]) && row.holds($0.values[yAxis]) }
        let total = trials.trials.filter {
          column.holds($0.values[xAxis]) && row.holds($0.values[yAxis])
        }.count
        // Rows go bottom-up, so the smallest value sits next to the origin.
        let x = left + Double(c) * cellWidth
        let y = top + Double(rows.count - 1 - r) * cellHeight
        var attributes: [(String, String)] = [
          ("class", "cell"), ("x", SVGDocument.number(x)), ("y", SVGDocument.number(y)),
          ("width", SVGDocument.number(cellWidth)), ("height", SVGDocument.number(cellHeight)),
        ]
        let cellName = "\(trials.axes[xAxis])=\(column.label), \(trials.axes[yAxis])=\(row.label)"
        guard let top = inCell.first, let value = top.objective, let extremes else {
          doc.open("g", [("class", "cell-group")])
          doc.element(
            "title", [], text: "\(cellName): no ok trial (\(total) trial\(total == 1 ? "" : "s"))")
          doc.element("rect", attributes + [("fill", "#eeeeee"), ("stroke", "#fff")])
          doc.close("g")
          continue
        }
        let t = ObjectiveColours.goodness(value, worst: extremes.worst, best: extremes.best)
        attributes += [
          ("fill", ObjectiveColours.colour(t)), ("stroke", top == best ? "#d62728" : "#fff"),
          ("stroke-width", top == best ? "3" : "1"), ("data-trial", top.id),
        ]
        doc.open("g", [("class", "cell-group")])
        doc.element(
          "title", [],
          text:
            "\(cellName): best \(trials.objective)=\(top.objectiveText) (trial \(top.id); \(total) trial\(total == 1 ? "" : "s") in the cell)"
        )
        doc.element("rect", attributes)
        if cellWidth >= 44 && cellHeight >= 18 {
          doc.element(
            "text",
            [
              ("x", SVGDocument.number(x + cellWidth / 2)),
              ("y", SVGDocument.number(y + cellHeight / 2 + 4)), ("text-anchor", "middle"),
              ("class", "count"), ("fill", ObjectiveColours.text(on: t)),
            ], text: Axis.label(value))
        }
        doc.close("g")
      }
    }
    doc.close("g")
    for (c, column) in columns.enumerated() {
      let centre = left + (Double(c) + 0.5) * cellWidth
      if !rotated {
        doc.text(column.label, x: centre, y: top + gridHeight + 16, style: "tick")
      } else {
        doc.text(
          column.label, x: centre, y: top + gridHeight + 10, anchor: "end", style: "tick",
          rotate: -35)
      }
    }
    for (r, row) in rows.enumerated() {
      let centre = top + (Double(rows.count - 1 - r) + 0.5) * cellHeight
      doc.text(row.label, x: left - 6, y: centre + 4, anchor: "end", style: "tick")
    }
    doc.text(trials.axes[xAxis], x: left + gridWidth / 2, y: height - 10, style: "label")
    doc.text(trials.axes[yAxis], x: 14, y: top + gridHeight / 2, style: "label", rotate: -90)
    if let extremes {
      ObjectiveColours.legend(
        &doc, x: left + gridWidth + 24, y: top + 20, height: min(160, max(60, gridHeight - 20)),
        best: Axis.label(extremes.best), worst: Axis.label(extremes.worst),
        title: "best \(trials.objective)")
    }
    return doc.rendered(title: title, kind: "heatmap")
  }
}
