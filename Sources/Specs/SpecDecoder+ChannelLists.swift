/// torchvision's `Normalize(mean=[0.485], std=[0.229])` copied into a `normalize` step: its
/// lists hold a value per channel, the step one value for every feature.
extension SpecDecoder {
  /// Whether a key of `m` (a `normalize` step's mapping at `path`) holds a list: refused at it,
  /// a one-value list with its value as the fix-it.
  mutating func refusesChannelLists(_ m: SpecNode.Mapping, _ path: SpecPath) -> Bool {
    var refused = false
    for entry in m.entries {
      guard case .sequence(let list) = entry.value else { continue }
      refused = true
      let keyPath = path.appending(entry.key)
      if list.items.count == 1, case .scalar(let s) = list.items[0] {
        error(
          list.location, "\(keyPath) must be a number (got a list of one channel's value)",
          note: "torchvision's Normalize takes a list of a value per channel; normalize takes "
            + "the one value for every feature",
          fixIt: "\(entry.key): \(s.text)")
      } else {
        error(
          list.location, "\(keyPath) must be a number (got a list)",
          note: "normalize subtracts one mean and divides by one std on every feature: a value "
            + "per channel (torchvision's lists) is not supported")
      }
    }
    return refused
  }
}
