import Foundation
import Yams

/// A line indented with U+3000 IDEOGRAPHIC SPACE (what a Chinese input method types), which
/// YAML reads as text, not as indentation: the line starts in column 1 for it, and libyaml
/// refuses the line after it. Named at the line that holds it, re-indented with ASCII spaces in
/// the column its key belongs in.
extension YAMLReader {
  /// The line above `mark` (or at it) whose indentation holds U+3000, when libyaml refused the
  /// text there; nil when that line is indented with ASCII spaces only.
  func ideographicIndent(before mark: Mark) -> Diagnostic? {
    let isContent = { (line: String) in
      (line.unicodeScalars.first { $0 != " " && $0.value != 0x3000 }).map { $0 != "#" } ?? false
    }
    let indentation = { (line: String) in
      line.unicodeScalars.prefix { $0 == " " || $0.value == 0x3000 }
    }
    guard lines.indices.contains(mark.line - 1) else { return nil }
    let candidates =
      [mark.line - 1]
      + [lines[..<(mark.line - 1)].lastIndex(where: isContent)]
      .compactMap { $0 }
    guard
      let index = candidates.first(where: {
        indentation(lines[$0]).contains { $0.value == 0x3000 }
      })
    else { return nil }
    let line = lines[index]
    let column = keyColumn(of: index, isContent: isContent)
    let fixIt = String(repeating: " ", count: column) + InputMethodForms.ascii(line)
    return Diagnostic(
      .error, at: location(line: index + 1, column: line.prefix { $0 == " " }.count + 1),
      "invalid YAML: line \(index + 1) is indented with \(LookAlikes.describe("\u{3000}")), "
        + "which YAML reads as text, not as indentation",
      note: (InputMethodForms.advice(for: line) ?? "")
        + " (`\(InputMethodForms.ascii(line).prefix { $0 != ":" })` in column \(column + 1))",
      fixIt: fixIt)
  }

  /// The column (0-based) line `index` belongs in, from the lines around it: deeper than a line
  /// above that opens a section (the next line's column, or two more), else that line's key's.
  private func keyColumn(of index: Int, isContent: (String) -> Bool) -> Int {
    guard let above = lines[..<index].lastIndex(where: isContent) else { return 0 }
    if InputMethodForms.ascii(lines[index]).trimmingCharacters(in: .whitespaces).hasPrefix("- ") {
      return dashColumn(of: index, above: above, isContent: isContent)
    }
    let depth = Self.contentColumn(lines[above])
    let code = lines[above].split(separator: " #", maxSplits: 1).first ?? ""
    guard code.hasSuffix(":") else { return depth }
    let parent = lines[above].prefix { $0 == " " }.count
    if let below = lines[(index + 1)...].first(where: isContent).map(Self.contentColumn),
      below > parent
    {
      return below
    }
    return parent + 2
  }

  /// The column (0-based) of the dash of list item `index`: that of the item above it in its
  /// list (the nearest dash at or left of the line above's text), or, first below its key, that
  /// of the item after it, else two past the key.
  private func dashColumn(of index: Int, above: Int, isContent: (String) -> Bool) -> Int {
    let indent = { (line: String) in line.prefix { $0 == " " }.count }
    let isItem = { (line: String) in line.drop { $0 == " " }.hasPrefix("- ") }
    let code = lines[above].split(separator: " #", maxSplits: 1).first ?? ""
    guard code.hasSuffix(":"), !isItem(lines[above]) else {
      let depth = Self.contentColumn(lines[above])
      let item = lines[...above].last { isContent($0) && isItem($0) && indent($0) < depth }
      return item.map(indent) ?? indent(lines[above])
    }
    let parent = indent(lines[above])
    if let below = lines[(index + 1)...].first(where: isContent), isItem(below),
      indent(below) >= parent
    {
      return indent(below)
    }
    return parent + 2
  }
}
