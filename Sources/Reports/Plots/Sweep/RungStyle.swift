/// How the rung charts mark a trial: stopped at its rung (grey), went on to the next rung
/// (blue), or the sweep's best (orange, drawn last, on top).
enum RungStyle: String, CaseIterable {
  case stopped
  case wentOn = "went-on"
  case best

  /// The trial's mark in `rung` of a history whose best trial is `best`.
  static func of(_ trial: RungHistory.TrialResult, best: String?) -> RungStyle {
    trial.id == best ? .best : trial.wentOn ? .wentOn : .stopped
  }

  /// The stroke and fill colour.
  var colour: String {
    switch self {
    case .stopped: "#bbbbbb"
    case .wentOn: SVGDocument.palette[0]
    case .best: SVGDocument.palette[1]
    }
  }

  /// What the mark means, for tooltips.
  var meaning: String {
    switch self {
    case .stopped: "stopped"
    case .wentOn: "went on"
    case .best: "best trial"
    }
  }

  /// The chart's fixed size and margins (the legend sits right of the plot).
  static let (width, height) = (640.0, 400.0)
  static let area = PlotArea(left: 70, top: 40, width: 640 - 70 - 160, height: 400 - 40 - 55)

  /// The legend, one line per entry, right of the plot.
  static func legend(_ doc: inout SVGDocument, _ entries: [(RungStyle, String)]) {
    for (index, (style, text)) in entries.enumerated() {
      let x = area.right + 12
      let y = area.top + 10 + Double(index) * 20
      doc.line(x1: x, y1: y, x2: x + 24, y2: y, style: "legend-line", stroke: style.colour)
      doc.text(text, x: x + 30, y: y + 4, anchor: "start", style: "legend")
    }
  }
}
