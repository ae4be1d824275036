import Conventions

/// Block-style YAML rendering of a canonical tree, optionally with origin comments.
extension SpecWriter {
  static func render(_ root: CanonicalNode, origins: SourceMap?) -> String {
    var lines: [(text: String, comment: String?)] = []
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

  private static func comment(_ path: SpecPath, _ origins: SourceMap?) -> String? {
    guard let origins else { return nil }
    var components = path.components
    while !components.isEmpty {
      if let origin = origins.origin(of: SpecPath(components)) {
        // A value inside a written section but not written itself is a default.
        return components.count == path.components.count ? origin.description : "default"
      }
      components.removeLast()
    }
    return "default"
  }

  private static func renderEntries(
    _ entries: [CanonicalEntry], indent: String,
    into lines: inout [(text: String, comment: String?)],
    origins: SourceMap?, firstPrefix: String? = nil
  ) {
    for (i, entry) in entries.enumerated() {
      let key = entry.key
      let node = entry.node
      let lead = i == 0 && firstPrefix != nil ? firstPrefix! : indent
      switch node {
      case .scalar(let text, let path):
        lines.append((lead + "\(key): \(text)", comment(path, origins)))
      case .list(let items, let path, let flow):
        if flow || items.isEmpty {
          lines.append((lead + "\(key): \(node.flowText)", comment(path, origins)))
        } else {
          lines.append((lead + "\(key):", nil))
          renderItems(items, indent: indent + "  ", into: &lines, origins: origins)
        }
      case .mapping(let children, _):
        if children.isEmpty {
          lines.append((lead + "\(key): {}", comment(node.path, origins)))
        } else {
          lines.append((lead + "\(key):", nil))
          renderEntries(children, indent: indent + "  ", into: &lines, origins: origins)
        }
      }
    }
  }

  private static func renderItems(
    _ items: [CanonicalNode], indent: String, into lines: inout [(text: String, comment: String?)],
    origins: SourceMap?
  ) {
    for item in items {
      switch item {
      case .scalar(let text, let path):
        lines.append((indent + "- " + text, comment(path, origins)))
      case .list(_, let path, _):
        lines.append((indent + "- " + item.flowText, comment(path, origins)))
      case .mapping(let children, _):
        if children.count == 1, children[0].node.isScalarLike {
          lines.append(
            (
              indent + "- \(children[0].key): \(children[0].node.flowText)",
              comment(children[0].node.path, origins)
            ))
        } else {
          renderEntries(
            children, indent: indent + "  ", into: &lines, origins: origins,
            firstPrefix: indent + "- ")
        }
      }
    }
  }
}
