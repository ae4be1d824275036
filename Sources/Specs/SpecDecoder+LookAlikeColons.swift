/// A section written in block style whose keys have look-alike colons (`type： gd` below
/// `optimizer:`): YAML reads its lines as one text, which would be taken for its type.
extension SpecDecoder {
  /// The error for `s`, the whole value of section `path`, when it starts with a key and a
  /// look-alike colon: at that colon, with its line mended; nil otherwise.
  func lookAlikeColons(_ s: SpecNode.ScalarText, in path: SpecPath) -> Diagnostic? {
    guard case .file = s.location.source, let text = s.location.lineText else { return nil }
    let line = Array(text.unicodeScalars)
    guard let index = YAMLReader.keyColon(of: s.text, at: s.location.column, in: line) else {
      return nil
    }
    var at = s.location
    at.column = index + 1
    let more = s.text.unicodeScalars.filter { LookAlikes.colons.contains($0.value) }.count > 1
    return Diagnostic(
      .error, at: at,
      "invalid YAML: this key's colon is \(LookAlikes.describe(line[index])), which YAML does "
        + "not read as ':', so \(path) reads as the text '\(s.text)'",
      note: "write an ASCII colon followed by a space"
        + (more ? " on each of \(path)'s lines" : ""),
      fixIt: YAMLReader.mended(line, colonAt: index))
  }
}
