import Foundation

/// How a picture tells classes apart: matplotlib's ten `tab10` colours, and from class 10 on
/// (spirals takes up to 100) a second cue that repeats no pair: the point's marker shape and
/// the region's hatching change with each ten classes, so class 12 is a green square on green
/// hatching where class 2 is a green circle on plain green.
enum ClassStyle {
  /// The class's colour (points, hatching).
  static func colour(_ label: Int) -> String {
    SVGDocument.palette[abs(label) % SVGDocument.palette.count]
  }

  /// The class's light colour (regions): its colour mixed 70% with white.
  static func light(_ label: Int) -> String {
    lightPalette[abs(label) % lightPalette.count]
  }

  /// `SVGDocument.palette` mixed 70% with white.
  static let lightPalette = SVGDocument.palette.map { hex in
    let value = Int(hex.dropFirst(), radix: 16) ?? 0
    let channels = [16, 8, 0].map { (value >> $0) & 255 }
    let mixed = channels.map { Int((Double($0) + 0.7 * Double(255 - $0)).rounded()) }
    return "#" + mixed.map { String(format: "%02x", $0) }.joined()
  }

  /// Which ten the class is in (0 for classes 0-9): its marker and hatching.
  static func cue(_ label: Int) -> Int { abs(label) / SVGDocument.palette.count % markers.count }

  /// Point markers by cue: a circle (sides 0), then polygons of `sides` turned by `degrees`
  /// (triangle, square, diamond, …).
  static let markers: [(sides: Int, degrees: Double)] = [
    (0, 0), (3, -90), (4, 45), (4, 0), (3, 90), (5, -90), (6, 0), (3, 180), (3, 0), (5, 90),
  ]

  /// Region hatching by cue (none for cue 0): lines at `degrees`, crossed by their normals.
  static let hatching: [(degrees: Double, crossed: Bool)] = [
    (0, false), (45, false), (135, false), (0, false), (90, false), (22.5, false),
    (157.5, false), (67.5, false), (112.5, false), (45, true),
  ]

  /// The region fill of `label`: its light colour, or its hatching pattern (`patterns`).
  static func region(_ label: Int, chart: String) -> String {
    cue(label) == 0 ? light(label) : "url(#\(chart)-class-\(label))"
  }

  /// The `<defs>` of the hatched classes among `labels` (none when every class is below 10).
  static func patterns(_ labels: Set<Int>, chart: String, into doc: inout SVGDocument) {
    let hatched = labels.filter { cue($0) != 0 }.sorted()
    guard !hatched.isEmpty else { return }
    doc.open("defs", [])
    for label in hatched {
      let (degrees, crossed) = hatching[cue(label)]
      doc.open(
        "pattern",
        [
          ("id", "\(chart)-class-\(label)"), ("patternUnits", "userSpaceOnUse"),
          ("width", "6"), ("height", "6"),
          ("patternTransform", "rotate(\(SVGDocument.number(degrees)))"),
        ])
      doc.element("rect", [("width", "6"), ("height", "6"), ("fill", light(label))])
      let stroke = [("stroke", colour(label)), ("stroke-width", "1.2")]
      doc.element("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6")] + stroke)
      if crossed {
        doc.element("line", [("x1", "0"), ("y1", "0"), ("x2", "6"), ("y2", "0")] + stroke)
      }
      doc.close("pattern")
    }
    doc.close("defs")
  }

  /// The point of `label` at (`x`, `y`) of size `radius`: a circle or its cue's polygon.
  static func point(
    _ label: Int, x: Double, y: Double, radius: Double, into doc: inout SVGDocument
  ) {
    let (sides, degrees) = markers[cue(label)]
    let fill = [("class", "point"), ("fill", colour(label))]
    guard sides > 0 else {
      doc.element(
        "circle",
        [
          ("cx", SVGDocument.number(x)), ("cy", SVGDocument.number(y)),
          ("r", SVGDocument.number(radius)),
        ] + fill)
      return
    }
    // A polygon of about the circle's area.
    let r = radius * 1.3
    let corners = (0..<sides).map { k in
      let angle = (degrees + 360 * Double(k) / Double(sides)) * .pi / 180
      return SVGDocument.number(x + r * cos(angle)) + ","
        + SVGDocument.number(y + r * sin(angle))
    }
    doc.element("polygon", [("points", corners.joined(separator: " "))] + fill)
  }
}
