import Foundation

/// The list a line starting with a pasted dash or bullet (`– 16`, `• units: 4`) is an item of,
/// by the lines above it: in its list's column, or indented past or less than its list's dash.
extension YAMLReader {
  /// The list a pasted dash's line is an item of: its dashes' column (0-based), and the line
  /// (0-based) of the item whose dash it is out of column with (nil when it is in the column).
  struct PastedDashList {
    var column: Int
    var otherDash: Int? = nil
  }

  /// The list that line `index` (0-based), its text at `column`, is an item of: when the
  /// nearest line not deeper than it (blank lines, comments and other such lines in its column
  /// aside) is an item in its column; or an item left of it that its line cannot continue (it
  /// is indented past that dash: a one-line item, `- 0.01` then `    • 0.1`, or a mapping's
  /// whose keys are not left of it, `- units: 8`, `  activation: relu`, then `   – units: 4`);
  /// or a key alone (`metrics:`), not a text key, whose items below it are deeper (it is
  /// indented less than their dash) or that holds it; nil when it is no list's item. A line
  /// that looks like an item but is none of `items` (the lines YAML starts items on, when it
  /// reads the text: `itemLines()`) is text running on (tester BO-16: `description: "Steps:`,
  /// `  - load the data`, `    • scale it"` was refused as a pasted list).
  func pastedDashList(_ index: Int, column: Int, items: Set<Int>? = nil) -> PastedDashList? {
    let isContent = { (line: String) in (line.first { $0 != " " } ?? "#") != "#" }
    let indent = { (line: String) in line.prefix { $0 == " " }.count }
    let code = { (line: String) in
      (line.split(separator: " #", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
    }
    // The first line below the nearest one not deeper than line `index`, when deeper.
    var deeper: Int? = nil
    var quoted = false
    for above in lines[..<index].indices.reversed() where isContent(lines[above]) {
      let line = lines[above]
      if indent(line) > column {
        deeper = above
        quoted = quoted || Self.opensQuote(code(line))
        continue
      }
      let text = line.dropFirst(indent(line))
      let isItem =
        text == "-"
        || ((text.hasPrefix("- ") || text.hasPrefix("-\t")) && items?.contains(above + 1) != false)
      if indent(line) == column, isItem { return PastedDashList(column: column) }
      // Another such line: what holds them both decides (a text's continuation lines, tester
      // BM-3: `description: Week 2 lab` then `  • try Adam` / `  • compare`).
      // The lines deeper than such a line are its item's (`· units: 8`, `  activation: relu`).
      if indent(line) == column, Self.pastedDash(line) != nil {
        deeper = nil
        continue
      }
      // A key and its value in its column (`  activation: relu`): a mapping item's, maybe.
      if indent(line) == column, !isItem, code(line).contains(": ") {
        deeper = above
        quoted = quoted || Self.opensQuote(code(line))
        continue
      }
      // `- 0.01` then `    • 0.1` (tester BM-11): a one-line value or flow item, not a key's.
      if isItem, deeper == nil, Self.isOneLineItem(code(line)) {
        return PastedDashList(column: indent(line), otherDash: above)
      }
      // `- units: 8`, `  activation: relu`, then `     – units: 1` (tester BO-1): left of the
      // item's keys (or in their column, as no key), no text of it.
      if isItem, !quoted, column <= Self.contentColumn(line),
        code(line).firstMatch(of: /^-[ ]+[A-Za-z_][\w.]*[ ]*:(?:[ ]|$)/) != nil,
        !Self.opensQuote(code(line)), deeper != nil || !code(line).hasSuffix(":")
      {
        return PastedDashList(column: indent(line), otherDash: above)
      }
      let written = code(line)
      // A key alone (`metrics:`, `- units:`), not a text running on (`description: "a:`).
      guard written.hasSuffix(":"), !written.contains(": ") else { return nil }
      // `description:` then `  – a note`: a text key's value is text.
      let key = written.dropLast().split(separator: " ").last.map(String.init) ?? ""
      let isText = Schema.keys.contains {
        $0.type == "string" && ($0.path == key || $0.path.hasSuffix("." + key))
      }
      guard !isText else { return nil }
      guard let deeper else { return firstItemList(index, column: column, key: indent(line)) }
      guard !quoted else { return nil }
      // `metrics:`, `  - accuracy`, then ` • f1` (tester BO-3): left of its list's dash.
      let first = lines[deeper]
      let dashed =
        (first.dropFirst(indent(first)).hasPrefix("- ") && items?.contains(deeper + 1) != false)
        || code(first) == "-"
      return dashed ? PastedDashList(column: indent(first), otherDash: deeper) : nil
    }
    return nil
  }

  /// The list whose first item is line `index` (0-based, its pasted dash in `column`), right
  /// below its key (indented `key`): in the column of the item below it when that is an ASCII
  /// item elsewhere, deeper than the key, and line `index` holds its value on its line
  /// (` – accuracy` above `  - f1`, which YAML reads as its text running on), so that one
  /// fix-it makes the list; else in its own column.
  private func firstItemList(_ index: Int, column: Int, key: Int) -> PastedDashList {
    let isContent = { (line: String) in (line.first { $0 != " " } ?? "#") != "#" }
    let indent = { (line: String) in line.prefix { $0 == " " }.count }
    let code = (lines[index].split(separator: " #", maxSplits: 1).first ?? "")
      .trimmingCharacters(in: .whitespaces)
    guard Self.isOneLineItem(code),
      let next = lines[(index + 1)...].firstIndex(where: isContent),
      indent(lines[next]) != column, indent(lines[next]) > key,
      lines[next].dropFirst(indent(lines[next])).hasPrefix("- ")
    else { return PastedDashList(column: column) }
    return PastedDashList(column: indent(lines[next]), otherDash: next)
  }

  /// Whether the list item `code` (`- 0.01`, comment removed) holds a value on its line: a
  /// plain word or number, or a flow mapping or list; not a key, a quoted text or a block
  /// scalar (whose lines below may be its text).
  static func isOneLineItem(_ code: String) -> Bool {
    let value = code.dropFirst().trimmingCharacters(in: .whitespaces)
    guard let first = value.first, !"\"'|>&!*".contains(first) else { return false }
    return "{[".contains(first) || (!value.contains(": ") && !value.hasSuffix(":"))
  }

  /// Whether the line `code` (comment removed) leaves a quoted text or a block scalar open:
  /// its value (after `key: ` or `- `) starts with a quote it does not end with, or is `|`/`>`.
  static func opensQuote(_ code: String) -> Bool {
    var value = Substring(code)
    if value.hasPrefix("-") { value = value.dropFirst().drop { $0 == " " } }
    if let colon = value.firstRange(of: ": ") { value = value[colon.upperBound...] }
    value = value.drop { $0 == " " }
    guard let first = value.first else { return false }
    if "|>".contains(first) { return true }
    guard "\"'".contains(first) else { return false }
    return value.count == 1 || value.last != first
  }
}
