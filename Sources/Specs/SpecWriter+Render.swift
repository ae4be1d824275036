import Conventions

/// Block-style YAML rendering of a canonical tree, optionally with origin comments.
extension SpecWriter {
  private typealias Line = (text: String, comment: String?)

  static func render(_ root: CanonicalNode, origins: SourceMap?) -> String {
    var lines: [Line] = []
    if case .mapping(let entries, _) = root {
      renderEntries(entries, indent: "", into: &lines, origins: origins)
    }
    guard origins != nil else { return lines.map { $0.text + "\n" }.joined() }
    let width = min(60, lines.filter { $0.comment != nil }.map(\.text.count).max() ?? 0)
    return lines.map { line in
      guard let comment = line.comment else { return line.text + "\n" }
      let pad = String(repeating: " ", count: max(1, width - line.text.count + 2))
      return line.text + pad + "# " + comment.oneLine + "\n"  // a --set value may span lines
    }.joined()
  }

  /// Where the value at `path` came from; a value not written itself (inside a written section
  /// or not) is a default.
  private static func comment(_ path: SpecPath, _ origins: SourceMap?) -> String? {
    origins.map { $0.recorded(path)?.description ?? "default" }
  }

  /// Block entries; a scalar, a flow or empty list and an empty mapping go on their key's line,
  /// a list item that is a mapping starts with `- ` (`firstPrefix`) on its first entry's line.
  private static func renderEntries(
    _ entries: [CanonicalEntry], indent: String, into lines: inout [Line], origins: SourceMap?,
    firstPrefix: String? = nil
  ) {
    for (i, entry) in entries.filter(\.node.isWritten).enumerated() {
      let lead = i == 0 ? firstPrefix ?? indent : indent
      switch entry.node {
      case .list(let items, _, flow: false) where !items.isEmpty:
        lines.append((lead + "\(entry.key):", nil))
        for item in items {
          guard case .mapping(let children, _) = item else {
            lines.append((indent + "  - " + item.flowText, comment(item.path, origins)))
            continue
          }
          renderEntries(
            children, indent: indent + "    ", into: &lines, origins: origins,
            firstPrefix: indent + "  - ")
        }
      case .mapping(let children, _) where children.contains(where: \.node.isWritten):
        lines.append((lead + "\(entry.key):", nil))
        renderEntries(children, indent: indent + "  ", into: &lines, origins: origins)
      default:
        lines.append(
          (lead + "\(entry.key): \(entry.node.flowText)", comment(entry.node.path, origins)))
      }
    }
  }
}
