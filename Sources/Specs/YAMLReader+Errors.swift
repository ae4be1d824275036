import Foundation
import Yams

/// Yams' errors as located diagnostics that say what to do.
extension YAMLReader {
  /// The located diagnostic of a Yams error (a second document, a tab, a duplicate key, …).
  func diagnostic(for error: YamlError) -> Diagnostic {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      if problem == "but found another document" {
        return self.error(
          mark, "a spec is a single YAML document; found a second one",
          note: "remove the '---' line and what follows, or put each experiment in its own file")
      }
      // libyaml's own depth limit (deeper than the reader's), in the reader's words.
      if problem.hasPrefix("Maximum nesting level reached") {
        return self.error(mark, "the spec is nested more than \(limits.maxDepth) levels deep")
      }
      // A key's look-alike colon makes whatever error follows (the next line's ':' when it is
      // the first key of its mapping): named at itself, before any other reading.
      if let colon = lookAlikeColon(before: mark) { return colon }
      // A line indented with U+3000 is read in column 1: the lines after it are refused.
      if let indent = ideographicIndent(before: mark) { return indent }
      if problem == "found unexpected ':'", let colon = colonWithoutSpace(at: mark) {
        return colon
      }
      // A later list item's dash without its space (`-units: 1` below `- units: 8`): libyaml
      // expects the list's next '-' there.
      if problem == "did not find expected '-' indicator",
        let dash = dashWithoutSpace(at: mark.line)
      {
        return dash
      }
      // `- 8`, `# more`, then `  - 16` indented past the list's dash.
      if problem == "did not find expected '-' indicator", let context,
        let dash = indentedPastDash(at: mark, listColumn: context.mark.column)
      {
        return dash
      }
      // `- flatten  # c` then `  scale: 1/16`: the comment ended the text YAML read.
      if problem == "did not find expected '-' indicator", let step = stepWithoutDash(at: mark) {
        return step
      }
      let line = lines.indices.contains(mark.line - 1) ? lines[mark.line - 1] : nil
      if problem.contains("tab character")
        || (problem.contains("found character that cannot start any token")
          && line?.unicodeScalars.dropFirst(max(0, mark.column - 1)).first == "\t")
      {
        return self.error(mark, "invalid YAML: tabs cannot indent YAML", note: "indent with spaces")
      }
      // `-flatten` then `- scale: 1/16`: YAML read both lines as one text, refused at the ':'.
      if problem == "mapping values are not allowed in this context",
        let above = lines.prefix(max(0, mark.line - 1)).lastIndex(where: {
          ($0.first { $0 != " " } ?? "#") != "#"
        }),
        let dash = dashWithoutSpace(at: above + 1)
      {
        return dash
      }
      if problem == "mapping values are not allowed in this context", let line,
        // `- flatten` then `  scale: 1/16`: the step below lacks its dash.
        let colon = stepWithoutDash(at: mark) ?? keyWithoutColon(before: mark)
          ?? misplacedColon(line: line, mark: mark)
      {
        return colon
      }
      // A later key without its ':' (or its space): libyaml scanned it as a key and refuses
      // the next line; named at the key's own line.
      if problem == "could not find expected ':'", let context,
        context.text == "while scanning a simple key", context.mark.line < mark.line,
        // `-0.01` below `- 0.1`: a list item's dash without its space, not a key.
        let key = dashWithoutSpace(at: context.mark.line) ?? keyWithoutColon(at: context.mark.line)
      {
        return key
      }
      // The file's first key without its ':', a comment after it (`name moons1  # c`): the
      // comment ends the text YAML read it as, and the next line cannot start a document.
      if problem == "did not find expected <document start>",
        let first = lines.firstIndex(where: { ($0.first { $0 != " " } ?? "#") != "#" }),
        first + 1 < mark.line,
        let key = dashWithoutSpace(at: first + 1) ?? keyWithoutColon(at: first + 1)
      {
        return key
      }
      // A section's first key without its ':', a comment after it (`  type logreg  # c`): the
      // comment ends the text YAML read it as, and the section's next key cannot follow it.
      if problem == "did not find expected key",
        // `prefix`: a guard; `lines` ends where libyaml's lines do (NEL, LS and PS too).
        let above = lines.prefix(max(0, mark.line - 1)).lastIndex(where: {
          ($0.first { $0 != " " } ?? "#") != "#"
        }),
        lines[above].contains(" #"), Self.contentColumn(lines[above]) == mark.column - 1,
        // `-accuracy  # main` above `- f1`: a list item's dash without its space.
        let key = dashWithoutSpace(at: above + 1) ?? keyWithoutColon(at: above + 1)
      {
        return key
      }
      // `report: {bias_variance: {}}` then `  validation_curve: {…}`: the braces closed it.
      if problem == "did not find expected key" || problem == "did not find expected '-' indicator",
        let key = keyBelowFlowMapping(at: mark)
      {
        return key
      }
      if problem == "did not find expected key" || problem == "did not find expected '-' indicator",
        let key = keyInDashColumn(at: mark)
      {
        return key
      }
      // A list item's dash out of its list's column, even between it and its section's.
      if problem == "did not find expected key", lines.indices.contains(mark.line - 1),
        let dash = misalignedDash(mark)
      {
        return dash
      }
      if problem == "did not find expected key", let line, let dedent = dedented(line, mark) {
        return dedent
      }
      if problem.hasPrefix("did not find expected ',' or"), let line,
        let path = line.firstMatch(of: /[A-Za-z_][\w.]*\[\d+\][\w.\[\]]*/)
      {
        return self.error(
          mark, "invalid YAML: \(problem)",
          note: "inside { } or [ ], a value cannot hold '[' unquoted: quote the key path, e.g. "
            + "`\"\(path.output)\"`, or write the mapping in block style")
      }
      var message = "invalid YAML: \(problem)"
      if let context, !context.text.isEmpty {
        message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        // Found on a blank line (or past the end): what was left open is where to look.
        if line?.allSatisfy(\.isWhitespace) ?? true { return self.error(context.mark, message) }
      }
      return self.error(mark, message)
    case .reader(let problem, let offset, _, _):
      // The column of the byte at `offset` is counted in Unicode scalars.
      let before = text.utf8.prefix(max(0, offset ?? 0))
      let line = before.count { $0 == UInt8(ascii: "\n") } + 1
      let column = before.reversed().prefix { $0 != UInt8(ascii: "\n") }.count { $0 & 0xC0 != 0x80 }
      return Diagnostic(
        .error, at: location(line: line, column: column + 1), "invalid YAML input: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.sorted()
      let at = secondOccurrence(of: keys.first ?? "", after: context.mark) ?? location(context.mark)
      return Diagnostic(
        .error, at: at,
        "duplicate key \(keys.map { "'\($0)'" }.joined(separator: ", ")) in the same mapping",
        note: "each key may appear once; remove one of them")
    default:
      return Diagnostic(.error, at: location(), "invalid YAML: \(error)")
    }
  }

  /// An error at `mark`.
  private func error(_ mark: Mark, _ message: String, note: String? = nil) -> Diagnostic {
    Diagnostic(.error, at: location(mark), message, note: note)
  }

  /// What a colon YAML refuses at `mark` most likely means: a value holding `: ` unquoted, or
  /// a key indented deeper than the line above, which has a value of its own.
  private func misplacedColon(line: String, mark: Mark) -> Diagnostic? {
    // `-{units: 8, activation: relu}`: the dash's missing space, not a second ': '.
    if let dash = dashWithoutSpace(at: mark.line) { return dash }
    let before = String(line.unicodeScalars.prefix(max(0, mark.column - 1)))
    let indent = line.prefix(while: { $0 == " " }).count
    if before.dropFirst(indent).contains(": ") {
      return error(
        mark, "invalid YAML: a second ': ' on one line",
        note: "a section's keys go on their own lines below it, indented (or inside { }); "
          + "a value holding ': ' must be quoted, e.g. `description: \"lr: 0.1\"`")
    }
    // The nearest line above that is neither blank nor a comment.
    let above = lines[..<(mark.line - 1)].lastIndex { ($0.first { $0 != " " } ?? "#") != "#" }
    guard let above else { return nil }
    let aboveIndent = lines[above].prefix(while: { $0 == " " }).count
    guard indent > aboveIndent else { return nil }
    if let dash = dashWithoutSpace(at: above + 1) { return dash }
    // `bias_variance` alone above its indented keys: the key lacks its ':', not they a column.
    if let bare = sectionKeyWithoutColon(above, indent: aboveIndent) { return bare }
    let key = before.dropFirst(indent).trimmingCharacters(in: .whitespaces)
    // `- units: 4` above: its key's column, not its dash's, is the one to line up with.
    let keyColumn = Self.contentColumn(lines[above])
    let isItem = keyColumn > aboveIndent
    return lineUp(
      "'\(key)' is indented deeper than line \(above + 1), which has a value of its own",
      (mark.line, indent), (above + 1, isItem ? keyColumn : aboveIndent),
      fixIt: isItem ? String(repeating: " ", count: keyColumn) + line.dropFirst(indent) : nil)
  }

  /// The key of line `index` (0-based, at column `indent`) written alone without its ':'
  /// (`bias_variance` above its indented keys), when it starts its section or follows a key of
  /// it (so it is no continued text); nil otherwise.
  private func sectionKeyWithoutColon(_ index: Int, indent: Int) -> Diagnostic? {
    func code(_ line: String) -> String {
      String(line.split(separator: " #", maxSplits: 1).first ?? "")
        .trimmingCharacters(in: .whitespaces)
    }
    guard code(lines[index]).wholeMatch(of: /[A-Za-z_][\w.\[\]-]*/) != nil else { return nil }
    let before = lines[..<index].lastIndex { ($0.first { $0 != " " } ?? "#") != "#" }
    if let before {
      let text = code(lines[before])
      let depth = lines[before].prefix(while: { $0 == " " }).count
      let opens = depth < indent && text.hasSuffix(":")
      let sibling = depth == indent && (text.contains(": ") || text.hasSuffix(":"))
      guard opens || sibling else { return nil }
    }
    return keyWithoutColon(at: index + 1)
  }

  /// A key indented less than the keys above it but deeper than their section's line (where
  /// YAML expects another key of the outer section).
  private func dedented(_ line: String, _ mark: Mark) -> Diagnostic? {
    let indent = line.prefix(while: { $0 == " " }).count
    let depths = lines[..<(mark.line - 1)].map { $0.prefix(while: { $0 == " " }).count }
    let content = depths.indices.filter { (lines[$0].first { $0 != " " } ?? "#") != "#" }
    guard let parent = content.last(where: { depths[$0] < indent }),
      let sibling = content.first(where: { $0 > parent }), depths[sibling] > indent,
      let colon = line.dropFirst(indent).firstIndex(of: ":")
    else { return nil }
    return lineUp(
      "'\(line[..<colon].dropFirst(indent))' is indented less than the keys above it (line "
        + "\(sibling + 1)) but deeper than their section (line \(parent + 1))",
      (mark.line, indent), (sibling + 1, depths[sibling]))
  }

  /// An error at the key on line `key.line`, whose column should be the one of the line `other`
  /// (indentations, 0-based).
  private func lineUp(
    _ message: String, _ key: (line: Int, indent: Int), _ other: (Int, Int),
    what: String = "the keys of one section", fixIt: String? = nil
  ) -> Diagnostic {
    Diagnostic(
      .error, at: location(line: key.line, column: key.indent + 1), "invalid YAML: " + message,
      note: "\(what) start in the same column (line \(other.0) in column \(other.1 + 1), "
        + "line \(key.line) in column \(key.indent + 1)): line them up, with spaces",
      fixIt: fixIt)
  }

  /// A list item whose dash is not in the column of the dash of the item above it (`- 0.1` then
  /// `- 0.01` two columns left), when libyaml refused it as no key of the mapping in its column:
  /// told to line the dashes up; the item's lines (its dash's and the keys below it) re-indented
  /// as the fix-it.
  private func misalignedDash(_ mark: Mark) -> Diagnostic? {
    let depth = { (line: String) in line.prefix { $0 == " " }.count }
    let isContent = { (line: String) in (line.first { $0 != " " } ?? "#") != "#" }
    let indent = depth(lines[mark.line - 1])
    guard indent == mark.column - 1, lines[mark.line - 1].dropFirst(indent).hasPrefix("- "),
      let dash = lines[..<(mark.line - 1)].lastIndex(where: {
        isContent($0) && $0.dropFirst(depth($0)).hasPrefix("-")
      }), depth(lines[dash]) != indent,
      lines[(dash + 1)..<(mark.line - 1)].allSatisfy({
        !isContent($0) || depth($0) > min(indent, depth(lines[dash]))
      })
    else { return nil }
    let other = depth(lines[dash])
    let code = lines[mark.line - 1].trimmingCharacters(in: .whitespaces)
    // The item's lines: its own and the deeper ones below it (`  activation: relu`), and the
    // items after it in its column, each moved as far as its dash; blank and comment lines
    // between them kept; up to the list's next item in its column, even a deeper one.
    let item =
      [lines[mark.line - 1]]
      + lines[mark.line...].prefix { line in
        let dashed = line.dropFirst(depth(line)).hasPrefix("-")
        if !isContent(line) || (dashed && depth(line) == indent) { return true }
        return depth(line) > indent && !(dashed && depth(line) <= other)
      }
    let written = item.dropLast(item.reversed().prefix { !isContent($0) }.count)
    let moved = written.map { line in
      guard !line.allSatisfy({ $0 == " " }), depth(line) >= indent else { return line }
      let text = line.dropFirst(min(indent, depth(line)))
      return String(repeating: " ", count: other) + text
    }
    return lineUp(
      "the dash of line \(mark.line) is not in the column of the dash of line \(dash + 1), so "
        + "YAML does not read `\(code)` as an item of the same list",
      (mark.line, indent), (dash + 1, other),
      what: "the items of one list", fixIt: moved.joined(separator: "\n"))
  }

  /// The next line after `mark` that writes `key:` at the same column (a duplicate key).
  private func secondOccurrence(of key: String, after mark: Mark) -> SourceLocation? {
    for index in mark.line..<lines.count {
      let rest = lines[index].drop(while: { $0 == " " })
      let indent = lines[index].count - rest.count
      let written = [key, "\"\(key)\"", "'\(key)'"].contains {
        rest.hasPrefix($0) && rest.dropFirst($0.count).drop(while: { $0 == " " }).hasPrefix(":")
      }
      if indent + 1 == mark.column, written { return location(line: index + 1, column: indent + 1) }
    }
    return nil
  }
}
