extension SpecNode {
  /// The path of the mapping key written at `location` (`sweep.budget` for the `budget` of a
  /// `sweep:` section), nil when no key is there.
  func keyPath(at location: SourceLocation, under path: SpecPath = .root) -> SpecPath? {
    switch self {
    case .scalar: return nil
    case .mapping(let m):
      for pair in m.entries {
        let here = path.appending(pair.key)
        if pair.keyLocation == location { return here }
        if let found = pair.value.keyPath(at: location, under: here) { return found }
      }
      return nil
    case .sequence(let s):
      for (i, item) in s.items.enumerated() {
        if let found = item.keyPath(at: location, under: path.appending(index: i)) { return found }
      }
      return nil
    }
  }
}
