/// A grid of small images, each with one or two caption lines (misclassified examples with
/// their predicted and actual labels, first-layer weights), as one SVG with the images
/// embedded as PNG `data:` URIs.
public struct ImageGallery: Sendable, Equatable {
  /// One image and its caption lines.
  public struct Item: Sendable, Equatable {
    /// The picture.
    public var image: RasterImage
    /// Caption lines under it (at most two are drawn).
    public var caption: [String]

    /// An item showing `image` over `caption`.
    public init(image: RasterImage, caption: [String]) {
      self.image = image
      self.caption = caption
    }
  }

  /// The title drawn above the grid.
  public var title: String
  /// A line under the title (e.g. how many of how many are shown).
  public var subtitle: String
  /// The images in reading order.
  public var items: [Item]

  /// A gallery of `items` titled `title`.
  public init(title: String, subtitle: String, items: [Item]) {
    self.title = title
    self.subtitle = subtitle
    self.items = items
  }

  /// Drawn size of one image: small images are enlarged by a whole factor to at least 56 px,
  /// others drawn between 96 and 128 px.
  var cell: Double {
    let side = Double(items.map { max($0.image.width, $0.image.height) }.max() ?? 28)
    return side < 56 ? side * (56 / side).rounded(.up) : min(max(side, 96), 128)
  }

  /// The standalone SVG file.
  public var svg: String {
    let cell = self.cell
    let lines = Double(min(2, items.map(\.caption.count).max() ?? 0))
    let slotWidth = max(cell, 118) + 10
    let slotHeight = cell + 8 + lines * 14 + 8
    let columns = max(1, min(items.count, Int((880 - 20) / slotWidth)))
    let rows = (items.count + columns - 1) / columns
    let width = max(Double(columns) * slotWidth + 20, 420)
    let top = 58.0
    var doc = SVGDocument(width: width, height: top + Double(rows) * slotHeight + 10)
    doc.text(title, x: width / 2, y: 22, style: "title")
    doc.text(subtitle, x: width / 2, y: 42, style: "label")
    for (index, item) in items.enumerated() {
      let x0 = 10 + Double(index % columns) * slotWidth
      let y0 = top + Double(index / columns) * slotHeight
      let scale = cell / Double(max(item.image.width, item.image.height))
      let (w, h) = (Double(item.image.width) * scale, Double(item.image.height) * scale)
      let x = x0 + (slotWidth - w) / 2
      doc.open("g", [("class", "gallery-item")])
      doc.element(
        "image",
        [
          ("x", SVGDocument.number(x)), ("y", SVGDocument.number(y0)),
          ("width", SVGDocument.number(w)), ("height", SVGDocument.number(h)),
          ("style", "image-rendering:pixelated"), ("href", item.image.dataURI),
        ])
      doc.element(
        "rect",
        [
          ("x", SVGDocument.number(x)), ("y", SVGDocument.number(y0)),
          ("width", SVGDocument.number(w)), ("height", SVGDocument.number(h)),
          ("class", "frame"),
        ])
      for (line, text) in item.caption.prefix(2).enumerated() {
        doc.text(
          ReportText.fit(text, 20), x: x0 + slotWidth / 2, y: y0 + cell + 16 + Double(line) * 14,
          style: line == 0 ? "caption" : "caption-second")
      }
      doc.close("g")
    }
    return doc.rendered(title: title, kind: "image-gallery", style: Self.style)
  }

  static let style =
    ".frame{fill:none;stroke:#999;stroke-width:1}.caption{fill:#222;font-size:11px}"
    + ".caption-second{fill:#b00;font-size:11px}"
}
