import Yams

/// A key written on its own line, indented below a key (or a list item) whose value is a flow
/// mapping on one line (`report: {bias_variance: {}}` then `  validation_curve: {…}`): YAML
/// closes the mapping at its `}`, so libyaml refuses the indented key with a bare "did not find
/// expected key". Named at the key, with the keys merged into the braces as the fix-it.
extension YAMLReader {
  /// The error for the key at `mark` indented below a one-line flow mapping; nil when the
  /// nearest line above is no `key: {…}` or `- {…}` less indented than it.
  func keyBelowFlowMapping(at mark: Mark) -> Diagnostic? {
    let depth = { (line: String) in line.prefix { $0 == " " }.count }
    let isContent = { (line: String) in (line.first { $0 != " " } ?? "#") != "#" }
    guard lines.indices.contains(mark.line - 1), depth(lines[mark.line - 1]) == mark.column - 1,
      let above = lines[..<(mark.line - 1)].lastIndex(where: isContent),
      depth(lines[above]) < mark.column - 1,
      let flow = lines[above].wholeMatch(
        of: /(?<lead> *(?:- +)?)(?:(?<key>[^ \-#{\[][^:#]*?): +)?(?<flow>\{.*\}|\[.*\]) *(?:#.*)?/),
      flow.output.key != nil || flow.output.lead.contains("-")
    else { return nil }
    // The lines below it, up to the next one no deeper than it (comments and blanks skipped).
    let rest = lines[(above + 1)...].prefix { !isContent($0) || depth($0) > depth(lines[above]) }
    let below = rest.filter(isContent)
    // `metrics: []` then `  - f1`: a flow list's items below it.
    let isList = flow.output.flow.hasPrefix("[")
    let entries = below.compactMap(isList ? Self.flowItem : Self.flowEntry)
    let code = (lines[mark.line - 1].split(separator: " #", maxSplits: 1).first ?? "")
      .trimmingCharacters(in: .whitespaces)
    // A key's name (`validation_curve`), or a list item's line (`- a: b`).
    let name =
      code.hasPrefix("-")
      ? code : code.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
    let holder = flow.output.key.map { "`\($0)` (line \(above + 1)), whose value" }
    let what = holder ?? "the list item of line \(above + 1), which"
    let inner = flow.output.flow.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
    let merged =
      String(flow.output.flow.prefix(1))
      + ([inner].filter { !$0.isEmpty } + entries).joined(separator: ", ")
      + String(flow.output.flow.suffix(1))
    // The last key's line, 0-based as `above` is.
    let last = above + rest.count - (rest.reversed().prefix { !isContent($0) }.count)
    let lineNames = last > above + 1 ? "lines \(above + 2)-\(last + 1)" : "line \(above + 2)"
    let block =
      flow.output.key.map {
        "or write `\($0):` alone with each \(isList ? "item" : "key") below it, indented"
      }
      ?? "or write each key of the item on its own line, in the column of the first"
    // A key the mapping does not take (`seed` below `optimizer: {…}`): indented by mistake.
    let owner = sectionPath(ofLine: above, key: flow.output.key.map(String.init))
    let keys = owner.map(Schema.children(of:)) ?? []
    let isText = Schema.keys.contains {
      $0.path == owner && ($0.type == "string" || $0.type.hasPrefix("string ("))
    }
    // A key below a flow list (`features: [x0, x1]` then `    target: y`): no item of it.
    let stray =
      isList
      ? !isText && !name.hasPrefix("-")
      : !keys.isEmpty && !keys.contains(name) && !keys.contains("*")
    if stray {
      let column = depth(lines[above])
      let parent = owner.map { $0.split(separator: ".").dropLast().joined(separator: ".") } ?? ""
      let taken =
        flow.output.lead.contains("-") ? false : Schema.children(of: parent).contains(name)
      return Diagnostic(
        .error, at: location(line: mark.line, column: mark.column),
        "invalid YAML: '\(name)' is indented below \(what) is the flow "
          + "\(isList ? "list" : "mapping") `\(flow.output.flow)` on that line, and "
          + (isList ? "a list holds no key" : "'\(name)' is no key of \(owner ?? "")"),
        note: taken
          ? "'\(name)' is a key beside it: write it in the column of line \(above + 1) "
            + "(column \(column + 1))" : nil,
        fixIt: taken
          ? String(repeating: " ", count: column)
            + lines[mark.line - 1].trimmingCharacters(in: .whitespaces) : nil)
    }
    // `description: {}` then `  text: a`: a text key's value is the text, not a mapping.
    if let key = flow.output.key, isText, inner.isEmpty {
      // One line's text is the fix-it; several lines' are the learner's to join.
      let text = below.count == 1 ? Self.textOfLine(below[0]) : nil
      return Diagnostic(
        .error, at: location(line: mark.line, column: mark.column),
        "invalid YAML: '\(name)' is indented below `\(key)` (line \(above + 1)), whose value is "
          + "the flow \(isList ? "list" : "mapping") `\(flow.output.flow)` on that line, but "
          + "\(key) is a text",
        note: "write the text after `\(key):`"
          + (text == nil ? "" : " (the fix-it replaces line \(above + 1))")
          + ", and delete \(lineNames)",
        fixIt: text.map { flow.output.lead + "\(key): " + $0 })
    }
    let fixIt =
      entries.count == below.count && !isText
      ? flow.output.lead + (flow.output.key.map { "\($0): " } ?? "") + merged : nil
    let (kind, close, parts) =
      isList
      ? ("list", "]", "items between the brackets") : ("mapping", "}", "keys between the braces")
    return Diagnostic(
      .error, at: location(line: mark.line, column: mark.column),
      "invalid YAML: '\(name)' is indented below \(what) is the flow \(kind) "
        + "`\(flow.output.flow)` on that line, so YAML ends the \(kind) at its '\(close)' and "
        + "reads no \(isList ? "item" : "key") after it",
      note: "a \(kind) in \(flow.output.flow.prefix(1)) \(close) holds its \(parts): "
        + "move \(lineNames) into them"
        + (fixIt == nil ? "" : " (the fix-it replaces line \(above + 1))") + ", \(block)",
      fixIt: fixIt)
  }

  /// The schema path of the mapping that line `index` (0-based) writes as `key: {…}`
  /// (`dataset.split`), or as a list item `- {…}` (`model.layers[]`), from the keys it is
  /// indented below; nil when a line above is no plain `key:`.
  private func sectionPath(ofLine index: Int, key: String?) -> String? {
    let depth = { (line: String) in line.prefix { $0 == " " }.count }
    let isContent = { (line: String) in (line.first { $0 != " " } ?? "#") != "#" }
    var parts = key.map { [$0] } ?? []
    var limit = depth(lines[index])
    // A list item's dash may stand in its key's column (`layers:` then `- {…}`).
    var item = key == nil
    for line in lines[..<index].reversed() where isContent(line) {
      let indent = depth(line)
      guard indent < limit || (item && indent == limit && !line.dropFirst(indent).hasPrefix("-"))
      else { continue }
      let code = line.dropFirst(indent)
      guard let colon = code.firstIndex(of: ":"),
        code[code.index(after: colon)...].allSatisfy({ $0 == " " }),
        !code.hasPrefix("-")
      else { return nil }
      parts.insert(String(code[..<colon]) + (item ? "[]" : ""), at: 0)
      (limit, item) = (indent, false)
      if indent == 0 { break }
    }
    return parts.joined(separator: ".")
  }

  /// `key: value` of one line as an entry of a flow mapping (the key quoted when it holds a
  /// flow indicator, as `model.layers[0].dropout` does); nil for a key without a one-line
  /// value, a comment after it, or a plain value a flow mapping would read otherwise.
  private static func flowEntry(_ line: String) -> String? {
    guard
      let entry = line.wholeMatch(of: /[ ]*(?<key>[^ \-#'"{\[][^:#]*?): +(?<value>[^ #].*?) */)
    else { return nil }
    let (key, value) = (String(entry.output.key), String(entry.output.value))
    let indicators: Set<Character> = [",", "[", "]", "{", "}"]
    let quoted = value.first.map { "'\"{[".contains($0) } ?? false
    guard !value.contains(" #"), quoted || !value.contains(where: indicators.contains),
      !key.contains("'")
    else { return nil }
    return (key.contains(where: indicators.contains) ? "'\(key)'" : key) + ": " + value
  }

  /// `- value` of one line as an item of a flow list; nil for a value a flow list would read
  /// otherwise, a comment after it, or a key (`- a: b`).
  private static func flowItem(_ line: String) -> String? {
    guard let item = line.wholeMatch(of: /[ ]*-[ ]+(?<value>[^ #].*?) */)?.output.value,
      !item.contains(" #"), !item.contains(": "), !item.contains(where: ",[]{}".contains)
    else { return nil }
    return String(item)
  }

  /// The text of the line `line` below a text key (`  text: it's: fine`, `  - a: b`): its value
  /// after its key or dash, quoted when YAML needs it (`"it's: fine"`), a comment after it
  /// kept; nil when the line holds no value.
  private static func textOfLine(_ line: String) -> String? {
    var value = Substring(line.drop { $0 == " " })
    if value.hasPrefix("- ") {
      value = value.dropFirst(2)
    } else if let colon = value.firstRange(of: ": "),
      !value[..<colon.lowerBound].contains(where: "\"'".contains)
    {
      value = value[colon.upperBound...]
    }
    value = value.drop { $0 == " " }
    // A quoted value is written as it is, up to its closing quote.
    if let quote = value.first, "\"'".contains(quote), value.dropFirst().contains(quote) {
      return String(value)
    }
    let code = value.firstRange(of: " #").map { value[..<$0.lowerBound] } ?? value
    let text = code.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty else { return nil }
    return YAMLText.string(text) + value[code.endIndex...]
  }
}
