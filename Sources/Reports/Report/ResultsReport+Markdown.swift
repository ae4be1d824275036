extension ResultsReport {
  /// `report.md`: the report in Markdown, plots linked as images from `plots/`.
  public func markdown(plots: [ReportPlot]) -> String {
    var lines = ["# Report: \(name)", ""]
    for block in blocks(plots: plots) {
      switch block {
      case .heading(let text): lines += ["## \(text)", ""]
      case .paragraph(let text): lines += [text, ""]
      case .emphasis(let text): lines += ["**\(text)**", ""]
      case .table(let header, let rows):
        lines.append("| " + header.map(Self.markdownCell).joined(separator: " | ") + " |")
        lines.append("|" + header.map { _ in "---|" }.joined())
        lines += rows.map { "| " + $0.map(Self.markdownCell).joined(separator: " | ") + " |" }
        lines.append("")
      case .bullets(let items): lines += items.map { "- \($0)" } + [""]
      case .plot(let plot): lines += ["![\(plot.title)](\(plot.path))", ""]
      case .files(let files): lines += files.map { "- [\($0)](\($0))" } + [""]
      }
    }
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A table cell with `|` escaped and line breaks as spaces.
  static func markdownCell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
