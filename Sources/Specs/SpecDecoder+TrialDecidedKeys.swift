/// Keys whose applicability a sweep axis decides: the base spec leaves them to the trials.
extension SpecDecoder {
  /// The key locations, in the spec tree `root`, of the entries of each mapping whose kind a
  /// sweep axis sets (its `type`, a layer's `activation`, or the whole mapping): a key there
  /// that the written kind does not take (`momentum` beside `type: adam` with an axis
  /// `optimizer.type: [adam, momentum]`) is checked in each trial, as if the file named the
  /// other kind, and not refused in the base spec, which no trial trains (docs/sweeps.md).
  static func trialDecidedKeys(_ root: SpecNode) -> Set<SourceLocation> {
    guard case .mapping(let axes)? = root.child("sweep", "parameters") else { return [] }
    var found = Set<SourceLocation>()
    for entry in axes.entries {
      guard let path = try? SpecPath.parse(entry.key) else { continue }
      let decides = ["type", "activation"].contains(path.lastKey ?? "")
      let container = decides ? SpecPath(Array(path.components.dropLast())) : path
      guard case .mapping(let m)? = node(root, at: container) else { continue }
      found.formUnion(m.entries.map(\.keyLocation))
    }
    return found
  }

  /// The node of `root` at `path` (nil where a key or an item is missing).
  private static func node(_ root: SpecNode, at path: SpecPath) -> SpecNode? {
    path.components.reduce(root as SpecNode?) { node, component in
      switch (node, component) {
      case (.mapping(let m)?, .key(let key)): m[key]
      case (.sequence(let s)?, .index(let i)): s.items.indices.contains(i) ? s.items[i] : nil
      default: nil
      }
    }
  }
}
