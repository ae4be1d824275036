extension SpecLoader {
  /// The values of sweep axis `path` as written in `tree` (so errors point at the bad value),
  /// with the key that holds their list: the axis's own key path, or `values` for an axis in
  /// its mapping form; nil for an axis written as a range (`{low, high}`).
  static func writtenAxisValues(_ path: SpecPath, in tree: SpecNode)
    -> (key: String, items: [SpecNode])?
  {
    let written = tree.child("sweep", "parameters", path.description)
    if let items = written?.child("values")?.items { return ("values", items) }
    return written?.items.map { (path.description, $0) }
  }

  /// `fixIt`, written for the key (`units: 10`), as the sweep list that holds the refused value
  /// at `location` would read with it (`model.layers[0].units: [10, 16]`), since `units: 10`
  /// is not what to write inside the list; nil when the value is not an item of the axis's list.
  static func sweepListFixIt(
    _ fixIt: String, path: SpecPath, at location: SourceLocation?, tree: SpecNode
  )
    -> String?
  {
    guard let (key, items) = writtenAxisValues(path, in: tree) else { return nil }
    return listFixIt(fixIt, path: path, at: location, items: items, key: key)
  }

  /// `fixIt`, written for the key `path` names, as the list `key: [...]` of `items` would read
  /// with it in place of the item at `location` (a sweep axis's or a validation curve's
  /// values), or without that item when the list holds the fix-it's value already; nil when no
  /// item is at `location` or the fix-it is not the key's.
  static func listFixIt(
    _ fixIt: String, path: SpecPath, at location: SourceLocation?, items: [SpecNode], key: String
  ) -> String? {
    guard let prefix = path.lastKey.map({ "\($0): " }), fixIt.hasPrefix(prefix),
      items.contains(where: { $0.location == location })
    else { return nil }
    let replacement = String(fixIt.dropFirst(prefix.count))
    let written = items.map { item in
      if case .scalar(let s) = item, s.isPlain { return s.text }
      return YAMLText.flow(item.value)
    }
    let others = zip(items, written).filter { $0.0.location != location }.map(\.1)
    // A replacement the list already holds would try it twice: the refused value goes.
    let shown =
      others.contains(replacement)
      ? others
      : zip(items, written).map { $0.0.location == location ? replacement : $0.1 }
    return "\(key): [\(shown.joined(separator: ", "))]"
  }
}
