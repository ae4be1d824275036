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
        rows: metricTable.rows.filter { ![Self.whenRow, Self.descriptionRow].contains($0[0]) }))
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
      title: "Compare: \(labels.joined(separator: "; "))", body: body)
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

  /// The parameters that differ (the description among them when the runs' differ) and the
  /// final figures side by side, for the terminal: decimals to 5 significant digits and long
  /// text (a description, a stop reason) shortened
  /// (`TerminalTable`; the CSV files keep every digit), and given a terminal `width`, the runs
  /// past it left out and named.
  public func text(width: Int? = nil) -> String {
    // The description is the spec's, no figure: among the parameters that differ when the
    // runs' differ, as the page lists it with the runs. The start time is no figure either: the
    // page lists it with the runs, compare_metrics.csv keeps it.
    let description = Self.descriptionRow
    let descriptions = metricTable.rows.first { $0[0] == description }
    let differing =
      parameterTable.rows.filter { $0[1] == "true" }.map { [$0[0]] + $0.dropFirst(2) }
      + (descriptions.map { Set($0.dropFirst()).count > 1 ? [$0] : [] } ?? [])
    let short = { (row: [String]) in
      [row[0]] + row.dropFirst().map { TerminalTable.shortened(TerminalTable.readable($0)) }
    }
    let (parameters, figures) = (
      differing.map(short),
      metricTable.rows.filter { ![description, Self.whenRow].contains($0[0]) }.map(short)
    )
    // One column per run: the same runs shown in both tables, as many as fit.
    var runs = Array(labels.indices)
    var left: [Int] = []
    if let width {
      let all =
        [["parameter", "metric"] + parameters.map { $0[0] } + figures.map { $0[0] }]
        + runs.map { i in [labels[i]] + (parameters + figures).map { $0[i + 1] } }
      let fit = TerminalTable.fit(Array(all.indices), width: width - 2) { all[$0] }
      runs = fit.fitting.dropFirst().map { $0 - 1 }
      left = fit.left.map { $0 - 1 }
    }
    let columns = { (row: [String]) in [row[0]] + runs.map { row[$0 + 1] } }
    var lines = ["parameters that differ:"]
    lines.append(
      parameters.isEmpty
        ? "  (none)"
        : TextTable(header: columns(["parameter"] + labels), rows: parameters.map(columns))
          .rendered(indent: "  "))
    lines.append("final figures:")
    lines.append(
      TextTable(header: columns(metricTable.header), rows: figures.map(columns))
        .rendered(indent: "  "))
    if let width, !left.isEmpty {
      lines.append(
        TerminalTable.note(
          left: left.map { labels[$0] }, noun: "run", width: width,
          hint: "every run is in \(Self.htmlFile) and \(Self.metricsFile)"))
    }
    return lines.joined(separator: "\n")
  }
}
