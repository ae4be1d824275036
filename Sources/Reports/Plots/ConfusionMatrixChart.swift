import Conventions

/// A confusion matrix drawn as an SVG heatmap: one square per (actual, predicted) pair
/// (class `cell`, the data marks, with `data-count`), shaded by the fraction of the actual
/// class's samples it holds (recall per row), labelled with its count.
public struct ConfusionMatrixChart: Sendable, Equatable {
  /// The matrix to draw.
  public var matrix: ConfusionMatrix
  /// The chart's title.
  public var title: String

  /// The most classes a matrix is drawn (and shown whole in a report) for: a heatmap of more
  /// has cells too small to read, and its file grows with the square of the classes (1000
  /// classes made a 160 MB SVG). Beyond it, the report lists the most confused pairs instead
  /// (`mostConfusedShown`) and `confusion_matrix.csv` alone holds the whole matrix.
  public static let mostClassesDrawn = 50

  /// The confused pairs a report lists for a matrix of more than `mostClassesDrawn` classes.
  public static let mostConfusedShown = 20

  /// Whether `matrix` is drawn and shown whole (at most `mostClassesDrawn` classes).
  public static func isDrawn(_ matrix: ConfusionMatrix) -> Bool {
    matrix.classes <= mostClassesDrawn
  }

  /// A heatmap of `matrix`.
  public init(matrix: ConfusionMatrix, title: String = "Confusion matrix") {
    self.matrix = matrix
    self.title = title
  }

  /// The standalone SVG file.
  public var svg: String {
    let n = matrix.classes
    let cell = n <= 4 ? 80.0 : n <= 10 ? 44 : max(12, 440 / Double(n))
    let labelWidth = min(140, 16 + 7 * Double(matrix.classNames.map(\.count).max() ?? 1))
    let (left, top) = (labelWidth + 30, 50.0)
    let width = left + Double(n) * cell + 30
    let height = top + Double(n) * cell + labelWidth + 30
    var doc = SVGDocument(width: max(width, 260), height: height)
    doc.text(title, x: max(width, 260) / 2, y: 22, style: "title")
    doc.text("predicted", x: left + Double(n) * cell / 2, y: height - 8, style: "label")
    doc.text("actual", x: 14, y: top + Double(n) * cell / 2, style: "label", rotate: -90)
    doc.open("g", [("class", "data")])
    for actual in 0..<n {
      let rowTotal = matrix.counts[actual].reduce(0, +)
      for predicted in 0..<n {
        let count = matrix.counts[actual][predicted]
        let share = rowTotal == 0 ? 0 : Double(count) / Double(rowTotal)
        let (x, y) = (left + Double(predicted) * cell, top + Double(actual) * cell)
        doc.element(
          "rect",
          [
            ("class", "cell"), ("x", SVGDocument.number(x)), ("y", SVGDocument.number(y)),
            ("width", SVGDocument.number(cell)), ("height", SVGDocument.number(cell)),
            ("fill", Self.shade(share)), ("stroke", "#d9d9d9"), ("data-count", String(count)),
            ("data-actual", matrix.classNames[actual]),
            ("data-predicted", matrix.classNames[predicted]),
          ])
        if cell >= 24 {
          doc.element(
            "text",
            [
              ("x", SVGDocument.number(x + cell / 2)), ("y", SVGDocument.number(y + cell / 2 + 4)),
              ("text-anchor", "middle"), ("class", "count"),
              ("fill", share > 0.5 ? "#fff" : "#111"),
            ], text: String(count))
        }
      }
    }
    doc.close("g")
    // Names longer than the label room are cut, as the decision boundary's legend cuts them
    // (`three-with-a-very…`): whole, they ran off the left edge and below the picture.
    let room = Int((labelWidth - 16) / 7)
    for (index, name) in matrix.classNames.map({ ReportText.fit($0, room) }).enumerated() {
      let centre = Double(index) * cell + cell / 2
      doc.text(name, x: left - 6, y: top + centre + 4, anchor: "end", style: "tick")
      doc.text(
        name, x: left + centre, y: top + Double(n) * cell + 8, anchor: "end", style: "tick",
        rotate: -45)
    }
    return doc.rendered(title: title, kind: "confusion-matrix")
  }

  /// White (0) to dark blue (1).
  static func shade(_ share: Double) -> String {
    let t = max(0, min(1, share.isFinite ? share : 0))
    let (r, g, b) = (255 - t * (255 - 8), 255 - t * (255 - 48), 255 - t * (255 - 107))
    func hex(_ value: Double) -> String {
      let byte = Int(value.rounded())
      let digits = Array("0123456789abcdef")
      return String([digits[byte / 16], digits[byte % 16]])
    }
    return "#" + hex(r) + hex(g) + hex(b)
  }
}
