extension ResultsReport {
  /// `report.md`: the report in Markdown, plots linked as images from `plots/`.
  public func markdown(plots: [ReportPlot]) -> String {
    var lines = ["# Report: \(Self.markdownCell(name))", ""]
    for block in blocks(plots: plots) {
      switch block {
      case .heading(let text): lines += ["## \(text)", ""]
      case .subheading(let text): lines += ["### \(text)", ""]
      case .paragraph(let text): lines += [text, ""]
      case .text(let text): lines += [Self.markdownText(text), ""]
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

  /// Plain text for Markdown, shown as it is: characters that Markdown or HTML would read as
  /// markup inside a line backslash-escaped, and at a line's start what would begin a heading,
  /// list, quote or code block; each line break kept (a hard break), blank lines dropped.
  static func markdownText(_ text: String) -> String {
    let inline = Set("\\`*_[]<>&~|")
    let lines = text.split(whereSeparator: \.isNewline).compactMap { raw -> String? in
      var line = String(raw.drop { $0 == " " || $0 == "\t" })
      guard !line.isEmpty else { return nil }
      line = String(line.flatMap { inline.contains($0) ? ["\\", $0] : [$0] })
      let digits = line.prefix { $0.isASCII && $0.isNumber }
      if let first = line.first, "#-+=".contains(first) {
        line = "\\" + line
      } else if !digits.isEmpty, let mark = line.dropFirst(digits.count).first, ".)".contains(mark)
      {
        line = digits + "\\" + line.dropFirst(digits.count)
      }
      return line
    }
    return lines.joined(separator: "\\\n")
  }

  /// A table cell (or heading) shown as it is, user-given text such as class names included:
  /// what Markdown or HTML would read as markup backslash-escaped (`|` too, which ends a cell;
  /// `_` only where it can start or end emphasis, so `train_loss` stays as it is), line breaks
  /// as spaces.
  static func markdownCell(_ text: String) -> String {
    let chars = Array(text.replacingOccurrences(of: "\n", with: " "))
    let inline = Set("\\`*[]<>&~|")
    return String(
      chars.indices.flatMap { i -> [Character] in
        let c = chars[i]
        let word = { (j: Int) in
          chars.indices.contains(j) && (chars[j].isLetter || chars[j].isNumber)
        }
        let escaped = inline.contains(c) || (c == "_" && !(word(i - 1) && word(i + 1)))
        return escaped ? ["\\", c] : [c]
      })
  }
}
