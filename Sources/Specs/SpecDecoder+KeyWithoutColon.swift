/// A section written as one line whose first word is one of its keys without its ':' (`model:`
/// with `type logreg` below it): YAML reads that line as the section's text, which would be
/// taken for its type. Named at the character after the key, with the line mended.
extension SpecDecoder {
  /// The error for `s`, the whole value of section `path`, when its line reads `<key> <value>`
  /// and `<key>` is one of the section's keys; nil otherwise.
  func keyWithoutColon(_ s: SpecNode.ScalarText, in path: SpecPath) -> Diagnostic? {
    let line = Array((s.location.lineText ?? s.text).unicodeScalars)
    let start = s.location.lineText == nil ? 0 : s.location.column - 1
    guard line.indices.contains(start) else { return nil }
    let written = String(String.UnicodeScalarView(line[start...]))
    let code = written.split(separator: " #", maxSplits: 1).first.map(String.init) ?? written
    guard let match = code.prefixMatch(of: /([A-Za-z_]\w*)[ \t]+(\S[^:]*?)[ \t]*$/),
      Schema.children(of: path.schemaPattern).contains(String(match.1))
    else { return nil }
    let (key, value) = (String(match.1), String(match.2))
    var at = s.location
    at.column += key.unicodeScalars.count
    // A `--set` of the section in braces (it replaces the whole section, as the one typed
    // would have); on a line of its own below the section's key, the line mended; after the
    // section's key, in braces.
    let fixIt: String
    if case .override = s.location.source {
      fixIt = "--set " + "\(path)={\(key): \(value)}".singleQuoted
    } else if line[..<start].allSatisfy({ $0 == " " || $0 == "-" }) {
      fixIt = String(String.UnicodeScalarView(line[..<start])) + "\(key): \(value)"
    } else {
      fixIt = "\(path.lastKey ?? "\(path)"): {\(key): \(value)}"
    }
    // A text the next lines continue (`learning_rate 0.1` below `type adam`) is read with them.
    let words = { (text: String) in text.split(whereSeparator: \.isWhitespace).count }
    let below = words(s.text) > words(code) ? ", with the lines below it," : ""
    return Diagnostic(
      .error, at: at,
      "'\(key)' of \(path) has no ':' after it, so YAML reads `\(key) \(value)`\(below) as the "
        + "text of \(path)",
      note: YAMLReader.keyValueForm, fixIt: fixIt)
  }
}
