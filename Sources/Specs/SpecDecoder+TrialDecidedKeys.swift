/// Keys whose applicability a sweep axis decides: the base spec leaves them to the trials.
extension SpecDecoder {
  /// The key locations, in the spec tree `root`, of the entries of each mapping whose kind a
  /// sweep axis sets (its `type`, a layer's `activation`, or the whole mapping): a key there
  /// that the written kind does not take (`momentum` beside `type: adam` with an axis
  /// `optimizer.type: [adam, momentum]`) is checked in each trial, as if the file named the
  /// other kind, and not refused in the base spec, which no trial trains (docs/sweeps.md).
  static func trialDecidedKeys(_ root: SpecNode) -> Set<SourceLocation> {
    Set(decidedMappings(root).flatMap { $0.mapping.entries.map(\.keyLocation) })
  }

  /// The keys, in the spec tree `root`, of each mapping whose kind a sweep axis over its
  /// `type` or a layer's `activation` sets, other than that key itself: each must apply in some
  /// trial (`SweepPlanner` refuses one that applies in none, as it refuses such an axis).
  public static func kindDecidedKeys(_ root: SpecNode) -> [KindDecidedKey] {
    decidedMappings(root).flatMap { container, mapping, kindKey in
      guard let kindKey else { return [KindDecidedKey]() }
      return mapping.entries.filter { $0.key != kindKey }.map {
        KindDecidedKey(
          path: SpecPath(container.components + [.key($0.key)]), location: $0.keyLocation)
      }
    }
  }

  /// Each mapping of `root` whose kind a sweep axis sets, with its path, and the key of the
  /// axis when it is the mapping's `type` or `activation` (nil: the axis sets the whole mapping).
  private static func decidedMappings(_ root: SpecNode) -> [(
    container: SpecPath, mapping: SpecNode.Mapping, kindKey: String?
  )] {
    guard case .mapping(let axes)? = root.child("sweep", "parameters") else { return [] }
    return axes.entries.compactMap { entry in
      guard let path = try? SpecPath.parse(entry.key) else { return nil }
      let kindKey = ["type", "activation"].contains(path.lastKey ?? "") ? path.lastKey : nil
      let container = kindKey != nil ? SpecPath(Array(path.components.dropLast())) : path
      guard case .mapping(let m)? = node(root, at: container) else { return nil }
      return (container, m, kindKey)
    }
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

/// A key of a mapping whose kind a sweep axis sets (`momentum` beside `optimizer.type` swept
/// over `[adam, momentum]`): its path and where the spec writes it.
public struct KindDecidedKey: Sendable, Equatable {
  /// The key's path (`optimizer.momentum`).
  public var path: SpecPath
  /// Where the spec writes the key.
  public var location: SourceLocation
}
