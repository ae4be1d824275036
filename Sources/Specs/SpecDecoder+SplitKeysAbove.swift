import Conventions

/// Keys of `dataset.split` written directly under `dataset` (`test: 0.2` for
/// `split: {test: 0.2}`).
extension SpecDecoder {
  /// Reports the split's keys written directly under `dataset` (`m`) with one fix-it moving
  /// them into `split`, and returns `m` without them. A train/dev/test part counts only when
  /// it holds an amount (a number or `rest`): a given file is a mapping; `seed` only beside
  /// another split key (alone it may be the run's seed).
  mutating func withoutSplitKeys(_ m: SpecNode.Mapping, _ path: SpecPath) -> SpecNode.Mapping {
    let splitKeys = Schema.children(of: "dataset.split")
    let datasetKeys = Schema.children(of: "dataset")
    var moved = m.entries.filter { entry in
      guard splitKeys.contains(entry.key), entry.key != "seed" else { return false }
      guard datasetKeys.contains(entry.key) else { return true }
      guard case .scalar(let s) = entry.value, !s.isNull else { return false }
      return s.text == "rest" || entry.value.value.doubleValue != nil
    }
    guard !moved.isEmpty else { return m }
    if let seed = m.entry("seed"), !datasetKeys.contains("seed") { moved.append(seed) }
    let movedKeys = moved.map(\.key)
    // Merged into a split the dataset already has (its own keys kept).
    var kept: [SpecNode.Pair] = []
    if case .mapping(let split)? = m["split"] {
      kept = split.entries.filter { !movedKeys.contains($0.key) }
    }
    let parts = (kept + moved).map { ($0.key, $0.value.value) }
      .map { "\($0.0): \(YAMLText.flow($0.1))" }
    let fixIt = "split: {" + parts.joined(separator: ", ") + "}"
    let first = moved[0]
    var notes: [String] = []
    if moved.count > 1 { notes.append("move " + movedKeys.listed() + " into dataset.split") }
    if let split = m.entry("split") {
      notes.append("merge them into the split on line \(split.keyLocation.line)")
    }
    if datasetKeys.contains(first.key) {
      notes.append(
        "a given \(first.key) file is a mapping (`\(first.key): {file: ...}`); a number is a "
          + "part of the split")
    }
    error(
      first.keyLocation,
      "\(path).\(first.key) is a key of \(path).split, written directly under \(path); did you "
        + "mean \(fixIt)?",
      note: notes.isEmpty ? nil : notes.joined(separator: "; "), fixIt: fixIt)
    return SpecNode.Mapping(
      entries: m.entries.filter { !movedKeys.contains($0.key) },
      location: m.location)
  }
}
