/// A section left empty because the keys below it are indented with U+3000 IDEOGRAPHIC SPACE
/// (what a Chinese input method types): YAML reads them as keys of the level above, each
/// refused with "indent with ASCII spaces", which says all; the empty section is not refused too.
extension SpecDecoder {
  /// Whether `node` is an empty value and the key written right after it (the next one in the
  /// file) starts with U+3000 IDEOGRAPHIC SPACE.
  func keysBelowIdeographicIndented(_ node: SpecNode) -> Bool {
    guard case .scalar(let s) = node, s.isNull, case .file = s.location.source, let root = rootNode
    else { return false }
    var next: SpecNode.Pair? = nil
    func visit(_ node: SpecNode) {
      switch node {
      case .scalar: return
      case .sequence(let list): list.items.forEach(visit)
      case .mapping(let m):
        for entry in m.entries {
          if entry.keyLocation.line > s.location.line,
            entry.keyLocation.line < next?.keyLocation.line ?? .max
          {
            next = entry
          }
          visit(entry.value)
        }
      }
    }
    visit(root)
    return next?.key.unicodeScalars.first?.value == 0x3000
  }
}
