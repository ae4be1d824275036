/// The colours of an objective's values: a viridis ramp from light yellow (worst) to dark
/// purple (best), so the best trials stand out on white and are drawn last, on top.
enum ObjectiveColours {
  /// Viridis anchors from t = 0 (worst) to 1 (best).
  static let anchors: [(Double, Double, Double)] = [
    (253, 231, 37), (94, 201, 98), (33, 145, 140), (59, 82, 139), (68, 1, 84),
  ]

  /// The colour at `t` (0 worst, 1 best) as `#rrggbb`.
  static func colour(_ t: Double) -> String {
    let clamped = max(0, min(1, t.isFinite ? t : 0))
    let position = clamped * Double(anchors.count - 1)
    let index = min(Int(position), anchors.count - 2)
    let f = position - Double(index)
    let (a, b) = (anchors[index], anchors[index + 1])
    let channels = [a.0 + f * (b.0 - a.0), a.1 + f * (b.1 - a.1), a.2 + f * (b.2 - a.2)]
    let digits = Array("0123456789abcdef")
    return "#"
      + channels.map { value in
        let byte = Int(value.rounded())
        return String([digits[byte / 16], digits[byte % 16]])
      }.joined()
  }

  /// Dark text on light cells, white on dark ones.
  static func text(on t: Double) -> String { t > 0.55 ? "#fff" : "#111" }

  /// `t` of `value` between the worst and best values (1 for the best).
  static func goodness(_ value: Double, worst: Double, best: Double) -> Double {
    worst == best ? 1 : (value - worst) / (best - worst)
  }

  /// A vertical colour bar (best at the top) with the best and worst values, at (x, y).
  static func legend(
    _ doc: inout SVGDocument, x: Double, y: Double, height: Double, best: String,
    worst: String, title: String
  ) {
    doc.text(title, x: x, y: y - 8, anchor: "start", style: "legend")
    let steps = 20
    for step in 0..<steps {
      let t = 1 - Double(step) / Double(steps - 1)
      doc.element(
        "rect",
        [
          ("x", SVGDocument.number(x)),
          ("y", SVGDocument.number(y + Double(step) * height / Double(steps))),
          ("width", "14.00"), ("height", SVGDocument.number(height / Double(steps) + 0.5)),
          ("fill", colour(t)),
        ])
    }
    doc.text("best " + best, x: x + 20, y: y + 10, anchor: "start", style: "tick")
    doc.text("worst " + worst, x: x + 20, y: y + height, anchor: "start", style: "tick")
  }
}
