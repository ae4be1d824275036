/// A section whose `type` is misspelt (`tpye:`, `TYPE:`, `typе:` with a Cyrillic е) or written
/// under another word (`kind: adam`): the unknown key is named once with "did you mean 'type'?",
/// instead of checking the section's other keys against the type it would default to.
extension SpecDecoder {
  /// The entry of `m` that stands for its absent `type`: a key outside `allowed` spelt like
  /// `type`, or one holding one of `names` (the section's types); nil when `m` has its `type`.
  static func misspeltType(_ m: SpecNode.Mapping, allowed: [String], names: [String])
    -> SpecNode.Pair?
  {
    guard m["type"] == nil else { return nil }
    return m.entries.first { entry in
      // `　type` (indented with U+3000) is no misspelling: the loader says what to type.
      guard !allowed.contains(entry.key), !InputMethodForms.holds(entry.key) else { return false }
      if entry.key.closest(among: ["type"]) != nil { return true }
      if case .scalar(let s) = entry.value { return names.contains(s.text) }
      return false
    }
  }

  /// Whether `m` has no `type` but an entry standing for it (`misspeltType`): reported at that
  /// key with "did you mean 'type'?" and a fix-it writing its value (or `guess`, a type the
  /// section's other keys show) under `type`; the other keys are checked against `allowed`.
  mutating func reportsMisspeltType(
    _ m: SpecNode.Mapping, _ path: SpecPath, allowed: [String], names: [String],
    guess: String? = nil, assumed: String? = nil
  ) -> Bool {
    guard let typo = Self.misspeltType(m, allowed: allowed, names: names) else { return false }
    let written =
      if case .scalar(let s) = typo.value, names.contains(s.text) { s.text } else { guess }
    error(
      typo.keyLocation,
      "unknown key '\(typo.key)'\(LookAlikes.named(in: typo.key)) in \(path); did you mean 'type'?",
      note: "\(path) has no 'type'"
        + (assumed.map {
          ", so \($0) (the default) would be assumed: its other keys were checked against every type"
        } ?? ""),
      fixIt: written.map { "type: \($0)" })
    checkKeys(
      .init(entries: m.entries.filter { $0.key != typo.key }, location: m.location),
      path, allowed: allowed)
    return true
  }
}
