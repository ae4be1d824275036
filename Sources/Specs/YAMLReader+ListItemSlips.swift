import Foundation
import Yams

/// The slips of a block list of mappings (`layers:` with `- units: 16` items) that libyaml
/// refuses elsewhere: a list item's second key written in its dash's column (refused at the
/// next item's dash), and a dash without its space (`-units: 16`, read as a key `-units`).
extension YAMLReader {
  /// A key written in the column of the dash of the list item above it (`- units: 16` then
  /// `activation: relu` under the dash), when libyaml refused the line at `mark` for it (the
  /// next item's dash, or that key itself): named at the first such key, to line up with the
  /// item's first key; nil otherwise.
  func keyInDashColumn(at mark: Mark) -> Diagnostic? {
    guard lines.indices.contains(mark.line - 1) else { return nil }
    let column = mark.column - 1
    let isContent = { (line: String) in (line.first { $0 != " " } ?? "#") != "#" }
    let indent = { (line: String) in line.prefix { $0 == " " }.count }
    let isDash = { (line: String) in line.dropFirst(column).hasPrefix("- ") }
    guard indent(lines[mark.line - 1]) == column else { return nil }
    // The keys in the dash's column between the item above and the line refused.
    var keys: [Int] = []
    var index = mark.line - 1
    if isDash(lines[index]) { index -= 1 }
    while index >= 0 {
      let line = lines[index]
      if !isContent(line) || indent(line) > column {
        index -= 1
        continue
      }
      guard indent(line) == column else { return nil }
      if isDash(line) { break }
      guard line.dropFirst(column).firstMatch(of: /^[A-Za-z_][\w.]*[ ]*:(?:[ ]|$)/) != nil
      else { return nil }
      keys.insert(index, at: 0)
      index -= 1
    }
    guard index >= 0, let first = keys.first,
      let item = lines[index].dropFirst(column).firstMatch(of: /^-[ ]+([A-Za-z_][\w.]*)[ ]*:/)
    else { return nil }
    let keyColumn = Self.contentColumn(lines[index])
    let key = lines[first].dropFirst(column).prefix { $0 != ":" && $0 != " " }
    // A key no list item takes (`init` after `layers:`) is the section's, the dash below astray.
    guard Schema.keys.contains(where: { $0.path.hasSuffix("[].\(key)") }) else { return nil }
    let shift = keyColumn - column
    let others = keys.count > 1 ? " (and the keys below it, down to line \(keys.last! + 1))" : ""
    return Diagnostic(
      .error, at: location(line: first + 1, column: column + 1),
      "invalid YAML: '\(key)' starts in the column of the dash of line \(index + 1), so YAML "
        + "does not read it as a key of that list item",
      note: "a list item's keys start in the same column: line it up with `\(item.output.1)` "
        + "(\(shift) column\(shift == 1 ? "" : "s") right)\(others)",
      fixIt: String(repeating: " ", count: keyColumn)
        + lines[first].trimmingCharacters(in: .whitespaces))
  }

  /// The list item of line `number` written without the space after its dash (`-units: 16`,
  /// which YAML reads as a key `-units`): named at the dash, mended; nil for any other line.
  func dashWithoutSpace(at number: Int) -> Diagnostic? {
    guard lines.indices.contains(number - 1) else { return nil }
    let line = lines[number - 1]
    let indent = line.prefix { $0 == " " }.count
    let rest = line.dropFirst(indent).trimmingCharacters(in: .whitespaces)
    guard let key = rest.firstMatch(of: /^-([A-Za-z_][\w.]*[ ]*):/) else {
      return valueDashWithoutSpace(at: number, indent: indent)
    }
    // `-units:8`: the colon's missing space mended too, so the fix-it reads when pasted.
    let value = rest.dropFirst(key.output.0.count)
    let mended =
      "- \(key.output.1):" + (value.isEmpty || value.hasPrefix(" ") ? value : " " + value)
    return Diagnostic(
      .error, at: location(line: number, column: indent + 1),
      "invalid YAML: `\(rest)` has no space after its '-', so YAML reads "
        + "'\(rest.prefix { $0 != ":" })' as a key, not as a list item",
      note: "a list item's dash needs a space after it: `\(mended)`",
      fixIt: String(repeating: " ", count: indent) + mended)
  }

  /// A list item indented past the dash of the item above it with a comment or a blank line
  /// between (`- 8`, `# more`, `  - 16`), which ends that item: libyaml refuses the line at
  /// `mark`, expecting the next '-' of the list whose dashes are in column `listColumn`
  /// (1-based). Named as `foldedDashes` names one without the line between, moved into the
  /// list's column with the item's lines below it as the fix-it; nil for any other line.
  func indentedPastDash(at mark: Mark, listColumn: Int) -> Diagnostic? {
    guard lines.indices.contains(mark.line - 1) else { return nil }
    let indent = { (line: String) in line.prefix { $0 == " " }.count }
    let isContent = { (line: String) in (line.first { $0 != " " } ?? "#") != "#" }
    let line = lines[mark.line - 1]
    let dashColumn = listColumn - 1
    let code = String(line.dropFirst(indent(line)).split(separator: " #").first ?? "")
      .trimmingCharacters(in: .whitespaces)
    guard indent(line) == mark.column - 1, indent(line) > dashColumn,
      code.firstMatch(of: /^-(?:[ ]|[^\s-]|$)/) != nil,
      let above = lines[..<(mark.line - 1)].lastIndex(where: {
        isContent($0) && indent($0) <= dashColumn
      }),
      indent(lines[above]) == dashColumn, lines[above].dropFirst(dashColumn).hasPrefix("-")
    else { return nil }
    let item = "- " + code.dropFirst().trimmingCharacters(in: .whitespaces)
    // The item's lines below it (`  activation: relu`), moved with it when they are off its
    // key's column (tester BM-9), not when they are in it already (tester BO-2).
    let key = indent(line) + 1 + line.dropFirst(indent(line) + 1).prefix { $0 == " " }.count
    let moved = itemLinesBelow(mark.line - 1, listColumn: dashColumn, key: key)
    let cause =
      code.hasPrefix("- ")
      ? "`\(code)` is indented past the dash of line \(above + 1)"
      : "`\(code)` has no space after its '-' and is indented past the dash of line \(above + 1)"
    return Diagnostic(
      .error, at: location(line: mark.line, column: indent(line) + 1),
      "invalid YAML: \(cause), so YAML does not read it as an item of that list",
      note: (code.hasPrefix("- ") ? "" : "a list item's dash needs a space after it, and ")
        + "the dashes of one list start in the same column (column \(listColumn)): `\(item)`"
        + (moved.isEmpty ? "" : ", the item's lines below it lined up with its key"),
      fixIt: ([String(repeating: " ", count: dashColumn) + item] + moved).joined(separator: "\n"))
  }

  /// The item of line `number` (at column `indent`) written without the space after its dash:
  /// a flow mapping or list (`-{units: 8}`), or a value in the column of the dashes of the list
  /// around it (`-0.01` below `- 0.1`, `-f1` below `- accuracy`, `-flatten` above
  /// `- scale: 1/16`); nil for any other line.
  private func valueDashWithoutSpace(at number: Int, indent: Int) -> Diagnostic? {
    let code = String(lines[number - 1].dropFirst(indent).split(separator: " #").first ?? "")
      .trimmingCharacters(in: .whitespaces)
    guard code.firstMatch(of: /^-[^\s-]/) != nil else { return nil }
    let flow = "{[".contains(code.dropFirst().prefix(1))
    // A value only in a list: the line above it in its column, or left of it, is an item.
    let depth = { (line: String) in line.prefix { $0 == " " }.count }
    let above = lines[..<(number - 1)].last {
      ($0.first { $0 != " " } ?? "#") != "#" && depth($0) <= indent
    }
    // Or the list's first item, the next line an item in its column (`-flatten` above
    // `- scale: 1/16`, which YAML reads as one text and then refuses at its ':').
    let below = lines[number...].first { ($0.first { $0 != " " } ?? "#") != "#" }
    let isItem = { (line: String) in depth(line) == indent && line.dropFirst(indent).hasPrefix("- ")
    }
    guard flow || (above.map(isItem) ?? false) || (below.map(isItem) ?? false) else { return nil }
    let item = "- " + code.dropFirst()
    let negative =
      ScalarSyntax.double(code) != nil ? " (a negative value is written `- \(code)`)" : ""
    return Diagnostic(
      .error, at: location(line: number, column: indent + 1),
      "invalid YAML: `\(code)` has no space after its '-', so YAML does not read it as a list item",
      note: "a list item's dash needs a space after it: `\(item)`\(negative)",
      fixIt: String(repeating: " ", count: indent) + item)
  }
}

/// The lines of a list YAML folded into one text because a dash has no space after it (`-8`
/// then `- 16` below a sweep axis: '-8 - 16'; `- accuracy` then ` -f1`: 'accuracy -f1').
extension YAMLReader {
  /// The plain text `scalar` (a list item's when `isItem`) when YAML folded it from lines that
  /// start with a '-': named at the first whose dash has no space after it (or, when none, at the
  /// first indented past its list's dashes), mended as the fix-it; nil for any other text (a
  /// negative value `- -0.5`, or `learning_rate: -1`, is on one line).
  func foldedDashes(_ scalar: Node.Scalar, isItem: Bool) -> Diagnostic? {
    guard scalar.style == .plain || scalar.style == .any,
      scalar.string.contains(" -") || scalar.string.contains("\n-"),
      let mark = scalar.mark, lines.indices.contains(mark.line - 1)
    else { return nil }
    // The text with the line breaks that blank lines fold into (`8\n- 16`) as spaces.
    let folded = scalar.string.replacing(/\n+/, with: " ")
    // The lines the text was folded from, each with its indentation; blank lines skipped.
    var pieces: [(line: Int, indent: Int, text: String)] = []
    var length = -1
    var number = mark.line
    while length < folded.count, lines.indices.contains(number - 1) {
      let from = pieces.isEmpty ? mark.column - 1 : 0
      let rest = String(String.UnicodeScalarView(lines[number - 1].unicodeScalars.dropFirst(from)))
      let text = rest.trimmingCharacters(in: .whitespaces)
      number += 1
      if text.isEmpty, !pieces.isEmpty { continue }
      guard !text.isEmpty else { return nil }
      pieces.append((number - 1, from + rest.prefix { $0 == " " }.count, text))
      length += text.count + 1
    }
    guard pieces.count > 1, pieces.map(\.text).joined(separator: " ") == folded,
      isItem || pieces[0].text.hasPrefix("-"),
      let continued = pieces.dropFirst().first(where: { $0.text.hasPrefix("-") })
    else { return nil }
    // The column of the list's dashes: the item's own, or the first line's (a key's value).
    let before = lines[mark.line - 1].unicodeScalars.prefix(mark.column - 1)
    let dashColumn =
      isItem
      ? before.lastIndex(of: "-").map { before.distance(from: before.startIndex, to: $0) } ?? 0
      : pieces[0].indent
    let slip = pieces.first { $0.text.firstMatch(of: /^-[^\s]/) != nil } ?? continued
    let item = "- " + slip.text.dropFirst().trimmingCharacters(in: .whitespaces)
    let moved = slip.indent != dashColumn
    // `-<NBSP>a` then `- b` in its column under a text key: a text (a list's is named before).
    guard moved || !slip.text.hasPrefix("- ") else { return nil }
    let span = "lines \(pieces[0].line)-\(pieces.last!.line)"
    let cause =
      slip.text.hasPrefix("- ")
      ? "`\(slip.text)` is indented past the dash of line \(pieces[0].line)"
      : "`\(slip.text)` has no space after its '-'"
    return Diagnostic(
      .error, at: location(line: slip.line, column: slip.indent + 1),
      "invalid YAML: \(cause), so YAML reads \(span) as one text "
        + "('\(scalar.string.replacingOccurrences(of: "\n", with: "\\n"))'), "
        + "not as list items",
      note: [
        slip.text.hasPrefix("- ") ? nil : "a list item's dash needs a space after it",
        moved ? "the dashes of one list start in the same column (column \(dashColumn + 1))" : nil,
      ].compactMap { $0 }.joined(separator: ", and ") + ": `\(item)`"
        + (ScalarSyntax.double(slip.text) != nil && !slip.text.hasPrefix("- ")
          ? " (a negative value is written `- \(slip.text)`)" : ""),
      fixIt: String(repeating: " ", count: moved ? dashColumn : slip.indent) + item)
  }
}
