import Foundation

/// A small SVG writer: elements appended as text, attribute values and text escaped, every
/// coordinate printed with two decimals, so the same drawing is always the same bytes.
struct SVGDocument {
  let width: Double
  let height: Double
  private(set) var body: [String] = []

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// A coordinate or length: two decimals, never `-0.00`.
  static func number(_ value: Double) -> String {
    let text = String(format: "%.2f", value)
    return text == "-0.00" ? "0.00" : text
  }

  /// Text escaped for XML content and attribute values.
  static func escape(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&apos;"
      case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}": escaped += " "
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }

  /// Appends `<name attributes/>` (or with text content).
  mutating func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
    let attributeText = attributes.map { " \($0.0)=\"\(SVGDocument.escape($0.1))\"" }.joined()
    if let text {
      body.append("<\(name)\(attributeText)>\(SVGDocument.escape(text))</\(name)>")
    } else {
      body.append("<\(name)\(attributeText)/>")
    }
  }

  /// Opens a group; close it with `close("g")`.
  mutating func open(_ name: String, _ attributes: [(String, String)]) {
    body.append(
      "<\(name)\(attributes.map { " \($0.0)=\"\(SVGDocument.escape($0.1))\"" }.joined())>")
  }

  mutating func close(_ name: String) { body.append("</\(name)>") }

  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, style: String, stroke: String? = nil
  ) {
    var attributes = [
      ("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)),
      ("y2", Self.number(y2)), ("class", style),
    ]
    if let stroke { attributes.append(("stroke", stroke)) }
    element("line", attributes)
  }

  mutating func text(
    _ content: String, x: Double, y: Double, anchor: String = "middle", style: String,
    rotate: Double? = nil
  ) {
    var attributes = [
      ("x", Self.number(x)), ("y", Self.number(y)), ("text-anchor", anchor), ("class", style),
    ]
    if let rotate {
      attributes.append(
        ("transform", "rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))"))
    }
    element("text", attributes, text: content)
  }

  /// The complete standalone SVG file, with a `<title>` for accessibility; `style` adds CSS
  /// rules to the shared ones.
  func rendered(title: String, kind: String, style: String = "") -> String {
    let (w, h) = (Self.number(width), Self.number(height))
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" class="plot \(kind)" font-family="sans-serif" font-size="12">
      <title>\(Self.escape(title))</title>
      <style>\(Self.style + style)</style>
      <rect class="background" x="0" y="0" width="\(w)" height="\(h)"/>
      \(body.joined(separator: "\n"))
      </svg>

      """
  }

  static let style =
    ".background{fill:#fff}.axis{stroke:#333;stroke-width:1}.grid{stroke:#e5e5e5;stroke-width:1}"
    + ".tick{fill:#333;font-size:11px}.label{fill:#222;font-size:12px}.title{fill:#111;font-size:14px;font-weight:bold}"
    + ".legend{fill:#222;font-size:12px}.legend-line{stroke-width:2}.series{fill:none;stroke-width:2}.marker{stroke:#888;stroke-dasharray:4 3}"
    + ".count{font-size:12px}.empty{fill:#888}"

  /// Colours for series and classes, in order (train, then dev/test, …): matplotlib's ten
  /// `tab10` colours (red and purple swapped, as the first eight always were).
  static let palette = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#d62728", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
  ]
}
