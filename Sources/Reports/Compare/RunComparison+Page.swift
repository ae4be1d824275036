import Conventions

extension RunComparison {
  /// `compare.html`: one self-contained page (inline CSS and SVG, no external URL, opens
  /// offline): the runs with their descriptions, the differing parameters (the equal ones
  /// folded), the final figures side by side, and one overlaid chart per curve column.
  public var html: String {
    let e = ResultsReport.escape
    var body = ["<h1>Compare \(entries.count) runs</h1>", "<h2>Runs</h2>"]
    body.append(
      Self.table(
        header: ["run", "description", "when", "folder"],
        rows: zip(labels, entries).map { [$0, $1.run.description, $1.run.when, $1.run.path] }))
    let parameterRows = parameterTable.rows
    let differing = parameterRows.filter { $0[1] == "true" }
    let equal = parameterRows.filter { $0[1] != "true" }
    body.append("<h2>Parameters that differ</h2>")
    body.append(
      differing.isEmpty
        ? "<p>Every parameter is the same in all runs.</p>"
        : Self.table(
          header: ["parameter"] + labels, rows: differing.map { [$0[0]] + $0.dropFirst(2) }))
    if !equal.isEmpty {
      body.append(
        "<details><summary>\(equal.count) parameters equal in every run</summary>\n"
          + Self.table(
            header: ["parameter"] + labels, rows: equal.map { [$0[0]] + $0.dropFirst(2) })
          + "\n</details>")
    }
    body.append("<h2>Final figures</h2>")
    body.append(
      Self.table(
        header: metricTable.header,
        rows: metricTable.rows.filter { !["when", "description"].contains($0[0]) }))
    body.append("<h2>Learning curves</h2>")
    let charts = self.charts
    if charts.isEmpty { body.append("<p>No run has a metrics.csv.</p>") }
    for (file, chart) in charts {
      body.append(
        "<figure id=\"plot-\(e(chart.title))\" data-source=\"\(e(file))\">\n"
          + ResultsReport.inlineSVG(chart.svg)
          + "\n<figcaption>\(e(chart.title)) (<a href=\"\(e(file))\">\(e(file))</a>)</figcaption>"
          + "\n</figure>")
    }
    body.append("<h2>Files</h2>")
    let files = [Self.parametersFile, Self.metricsFile, Self.curvesFile]
    body.append(
      "<ul>\n" + files.map { "<li><a href=\"\($0)\">\($0)</a></li>" }.joined(separator: "\n")
        + "\n</ul>")
    return ResultsReport.page(
      title: "Compare: \(labels.joined(separator: ", "))", body: body)
  }

  /// Every file of the comparison by relative path: the page, the three CSV tables and the
  /// charts as SVG files.
  public var files: [(path: String, text: String)] {
    [
      (Self.htmlFile, html), (Self.parametersFile, parameterTable.rendered),
      (Self.metricsFile, metricTable.rendered), (Self.curvesFile, curvesTable.rendered),
    ] + charts.map { ($0.file, $0.chart.svg) }
  }

  /// A scrolling HTML table.
  static func table(header: [String], rows: [[String]]) -> String {
    let e = ResultsReport.escape
    var lines = [
      "<div class=\"scroll\">", "<table>",
      "<thead><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>", "<tbody>",
    ]
    lines += rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }
    lines += ["</tbody>", "</table>", "</div>"]
    return lines.joined(separator: "\n")
  }

  /// The parameters that differ and the final figures side by side, for the terminal.
  public var text: String {
    let differing = parameterTable.rows.filter { $0[1] == "true" }.map { [$0[0]] + $0.dropFirst(2) }
    var lines = ["parameters that differ:"]
    lines.append(
      differing.isEmpty
        ? "  (none)"
        : TextTable(header: ["parameter"] + labels, rows: differing).rendered(indent: "  "))
    lines.append("final figures:")
    lines.append(
      TextTable(header: metricTable.header, rows: metricTable.rows).rendered(indent: "  "))
    return lines.joined(separator: "\n")
  }
}
