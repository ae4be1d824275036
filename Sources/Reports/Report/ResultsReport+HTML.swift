extension ResultsReport {
  /// `report.html`: one self-contained page (inline CSS, plots embedded as inline SVG, each
  /// linked to its file in `plots/`); it loads nothing from the network and opens offline.
  public func html(plots: [ReportPlot]) -> String {
    var body: [String] = ["<h1>Report: \(Self.escape(name))</h1>"]
    for block in blocks(plots: plots) {
      switch block {
      case .heading(let text): body.append("<h2>\(Self.escape(text))</h2>")
      case .subheading(let text): body.append("<h3>\(Self.escape(text))</h3>")
      case .paragraph(let text): body.append("<p>\(Self.inline(text))</p>")
      case .text(let text):
        body.append(
          "<p class=\"description\">"
            + Self.escape(text).replacingOccurrences(of: "\n", with: "<br>\n") + "</p>")
      case .emphasis(let text):
        body.append("<p class=\"verdict\"><strong>\(Self.inline(text))</strong></p>")
      case .table(let header, let rows):
        var table = [
          "<div class=\"scroll\">", "<table>",
          "<thead><tr>" + header.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead>",
          "<tbody>",
        ]
        table += rows.map { "<tr>" + $0.map { "<td>\(Self.escape($0))</td>" }.joined() + "</tr>" }
        table += ["</tbody>", "</table>", "</div>"]
        body.append(table.joined(separator: "\n"))
      case .bullets(let items):
        body.append(
          "<ul>\n" + items.map { "<li>\(Self.inline($0))</li>" }.joined(separator: "\n") + "\n</ul>"
        )
      case .plot(let plot):
        body.append(
          "<figure id=\"plot-\(Self.escape(plot.fileName))\" data-source=\"\(Self.escape(plot.path))\">\n\(Self.inlineSVG(plot.svg))\n"
            + "<figcaption>\(Self.escape(plot.title)) (<a href=\"\(Self.escape(plot.path))\">\(Self.escape(plot.path))</a>)</figcaption>\n</figure>"
        )
      case .files(let files):
        body.append(
          "<ul>\n"
            + files.map { "<li><a href=\"\(Self.escape($0))\">\(Self.escape($0))</a></li>" }.joined(
              separator: "\n") + "\n</ul>")
      }
    }
    return Self.page(title: "Report: \(name)", body: body)
  }

  /// A self-contained HTML page (inline CSS, no external URL) titled `title` (escaped here)
  /// with the `body` blocks, one per line.
  static func page(title: String, body: [String]) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>\(css)</style>
    </head>
    <body>
    \(body.joined(separator: "\n"))
    </body>
    </html>

    """
  }

  static let css =
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}"
    + "h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd}"
    + "table{border-collapse:collapse;margin:0.5rem 0}th,td{border:1px solid #ccc;padding:0.2rem 0.6rem;text-align:left}"
    + "th{background:#f4f4f4}td{font-variant-numeric:tabular-nums}figure{margin:1rem 0}figcaption{color:#555;font-size:0.9rem}"
    + ".scroll{overflow-x:auto}code{background:#f4f4f4;padding:0 0.2rem}.verdict{font-size:1.1rem}svg{max-width:100%;height:auto}"

  /// An SVG file's text for inline use: without the XML declaration and the namespace
  /// attribute, which HTML does not need.
  static func inlineSVG(_ svg: String) -> String {
    var lines = svg.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines.removeAll { $0.hasPrefix("<?xml") }
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n").replacingOccurrences(
      of: " xmlns=\"http://www.w3.org/2000/svg\"", with: "")
  }

  /// Text escaped for HTML.
  static func escape(_ text: String) -> String { SVGDocument.escape(text) }

  /// Escaped text with `code` spans for backticks.
  static func inline(_ text: String) -> String {
    text.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { index, part in
      index % 2 == 1 ? "<code>\(escape(String(part)))</code>" : escape(String(part))
    }.joined()
  }
}
