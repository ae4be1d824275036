extension SpecLoader {
  /// `fixIt`, written for the key (`units: 10`), as the sweep list that holds the refused value
  /// at `location` would read with it (`model.layers[0].units: [10, 16]`), since `units: 10`
  /// is not what to write inside the list; nil when the value is not an item of the axis's list.
  static func sweepListFixIt(
    _ fixIt: String, path: SpecPath, at location: SourceLocation?, tree: SpecNode
  )
    -> String?
  {
    let written = tree.child("sweep", "parameters", path.description)
    guard let prefix = path.lastKey.map({ "\($0): " }), fixIt.hasPrefix(prefix),
      let items = (written?.child("values") ?? written)?.items,
      items.contains(where: { $0.location == location })
    else { return nil }
    let replacement = String(fixIt.dropFirst(prefix.count))
    let shown = items.map { item in
      if item.location == location { return replacement }
      if case .scalar(let s) = item, s.isPlain { return s.text }
      return YAMLText.flow(item.value)
    }
    // An axis in its mapping form keeps its other keys: only its `values` list is rewritten.
    let key = written?.child("values") != nil ? "values" : path.description
    return "\(key): [\(shown.joined(separator: ", "))]"
  }
}
