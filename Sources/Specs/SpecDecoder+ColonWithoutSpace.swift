/// A section or list item written in block style whose keys have no space after their ':'
/// (`- units:16` above `activation:relu`): YAML reads its lines as one text (`units:16
/// activation:relu`), which would be taken for its type or refused as no mapping.
extension SpecDecoder {
  /// The error for `s`, the whole value of `path`, when it starts with a key whose ':' has no
  /// space after it: at that colon, with its line mended; nil otherwise.
  func colonWithoutSpace(_ s: SpecNode.ScalarText, in path: SpecPath) -> Diagnostic? {
    guard s.isPlain, case .file = s.location.source, let text = s.location.lineText else {
      return nil
    }
    let line = Array(text.unicodeScalars)
    let colon = Set([UInt32(UInt8(ascii: ":"))])
    guard
      let index = YAMLReader.keyColon(of: s.text, at: s.location.column, in: line, colons: colon),
      line.indices.contains(index + 1), line[index + 1] != " "
    else { return nil }
    var at = s.location
    at.column = index + 1
    let key = String(String.UnicodeScalarView(line[(s.location.column - 1)..<index]))
    let more = s.text.firstMatch(of: /\s[A-Za-z_][\w.]*:\S/) != nil
    return Diagnostic(
      .error, at: at,
      "invalid YAML: '\(key):' has no space after it, so \(path) reads as the text '\(s.text)'",
      note: "put a space after ':'" + (more ? " on each of \(path)'s lines" : "") + ": "
        + YAMLReader.keyValueForm,
      fixIt: YAMLReader.mended(line, colonAt: index))
  }
}
