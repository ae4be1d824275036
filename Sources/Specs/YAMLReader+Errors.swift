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
        return Diagnostic(
          .error, at: location(mark), "a spec is a single YAML document; found a second one",
          note: "remove the '---' line and what follows, or put each experiment in its own file")
      }
      var message = "invalid YAML: \(problem)"
      if let context, !context.text.isEmpty {
        message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
      }
      if problem.contains("found character that cannot start any token"),
        let line = lines.indices.contains(mark.line - 1) ? lines[mark.line - 1] : nil,
        line.unicodeScalars.dropFirst(max(0, mark.column - 1)).first == "\t"
      {
        return Diagnostic(
          .error, at: location(mark), "invalid YAML: tabs cannot indent YAML",
          note: "indent with spaces")
      }
      return Diagnostic(.error, at: location(mark), message)
    case .reader(let problem, let offset, _, _):
      let (line, column) = lineAndColumn(ofUTF8Offset: offset ?? 0)
      return Diagnostic(
        .error, at: location(line: line, column: column), "invalid YAML input: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
      return Diagnostic(
        .error,
        at: secondOccurrence(of: duplicates.sorted().first ?? "", after: context.mark)
          ?? location(context.mark),
        "duplicate key \(keys) in the same mapping",
        note: "each key may appear once; remove one of them")
    default:
      return Diagnostic(.error, at: location(line: 1, column: 1), "invalid YAML: \(error)")
    }
  }

  /// The next line after `mark` that writes `key:` at the same column (a duplicate key).
  private func secondOccurrence(of key: String, after mark: Mark) -> SourceLocation? {
    guard mark.line >= 1 else { return nil }
    for index in mark.line..<lines.count {
      let line = lines[index]
      let indent = line.prefix(while: { $0 == " " }).count
      guard indent + 1 == mark.column else { continue }
      let rest = line.dropFirst(indent)
      for form in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(form) {
        if rest.dropFirst(form.count).drop(while: { $0 == " " }).hasPrefix(":") {
          return location(line: index + 1, column: indent + 1)
        }
      }
    }
    return nil
  }

  private func lineAndColumn(ofUTF8Offset offset: Int) -> (Int, Int) {
    var line = 1
    var column = 1
    for (i, byte) in text.utf8.enumerated() {
      if i >= offset { break }
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }
}

/// A non-empty list of diagnostics, as an error.
public struct DiagnosticList: Error, Sendable {
  /// The diagnostics, at least one, in the order they were found.
  public var diagnostics: [Diagnostic]
  /// An error carrying `diagnostics` (non-empty).
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
  /// An error carrying the single `diagnostic`.
  public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
}
