/// Sections whose keys come from declarations (`OptimizerKind`, `ScheduleKind`): the variant's
/// parameters are read, checked and recorded; keys of other variants are refused with a note.
extension SpecDecoder {
  /// Refuses keys of `m` that are neither `common` nor a parameter of `kind`; `notFor` explains
  /// a key that belongs to other variants (given their names).
  mutating func checkDeclaredKeys<K: Declared>(
    _ m: SpecNode.Mapping, _ path: SpecPath, _ kind: K, common: [String],
    refused: [String: String] = [:], instead: [String: String] = [:],
    notFor: (K, String) -> String
  ) {
    checkKeys(
      m, path, allowed: common.filter { refused[$0] == nil } + kind.parameters.map(\.key),
      notFor: { key in
        if let reason = refused[key] { return reason }
        let owners = K.owners(of: key)
        return owners.isEmpty ? nil : notFor(kind, owners) + (instead[key].map { "; \($0)" } ?? "")
      })
  }

  /// A section naming one of `K`'s variants with its parameters (`{type: huber, delta: 2}`, or
  /// the bare name): the variant and its settings from `base`; `notFor` explains a key that
  /// belongs to other variants.
  mutating func declared<K: Declared>(
    _ node: SpecNode, _ path: SpecPath, _: K.Type, what: String, base: K.Settings,
    fixIt: String? = nil, notFor: (K, String) -> String
  ) -> (kind: K, settings: K.Settings)? {
    guard let m = typedSection(node, path) else { return nil }
    if m["type"] == nil {  // a misspelt `type` gets its suggestion
      let allowed = ["type"] + K.allCases.flatMap { $0.parameters.map(\.key) }
      let names = K.allCases.map(\.rawValue)
      if reportsMisspeltType(m, path, allowed: allowed, names: names) { return nil }
      checkKeys(m, path, allowed: allowed)
      if untyped(m, path, what: what, owners: K.owners) { return nil }
    }
    guard let kind = type(m, path, K.self, what: what, fixIt: fixIt) else { return nil }
    checkDeclaredKeys(m, path, kind, common: ["type"], notFor: notFor)
    return (kind, settings(m, path, kind.parameters, base: kind.defaults(from: base)))
  }

  /// Whether `m` has no `type` but a key that only some types take (`optimizer.schedule.step_size`
  /// set by a curve or `--set` on the default schedule): refused at the section, naming the
  /// types the key needs, with the section to write.
  mutating func untyped(
    _ m: SpecNode.Mapping, _ path: SpecPath, what: String, owners: (String) -> String
  ) -> Bool {
    guard let entry = m.entries.first(where: { !owners($0.key).isEmpty }) else { return false }
    let types = owners(entry.key)
    let value = if case .scalar(let s) = entry.value { s.text } else { "…" }
    let first = types.split(separator: ",").first.map(String.init) ?? types
    let written = Schema.keys.first {
      $0.path == "\(path).type" && !$0.defaultValue.hasPrefix("see")
    }
    .map { " (\($0.defaultValue))" }
    error(
      m.location,
      "\(path.appending(entry.key)) applies only to \(what) \(types), but \(path) has no 'type'",
      note:
        "the default \(what)\(written ?? "") takes no \(entry.key): write \(path) with its type",
      fixIt: "\(path.lastKey ?? "\(path)"): {type: \(first), \(entry.key): \(value)}")
    return true
  }

  /// `base` with every parameter of `params` read from `m` (`base`'s value, which holds the
  /// declared default, when absent).
  mutating func settings<S>(
    _ m: SpecNode.Mapping, _ path: SpecPath, _ params: [Parameter<S>], base: S
  ) -> S {
    params.reduce(into: base) { settings, p in SpecKey(p).read(&self, m, path, &settings) }
  }
}

extension CanonicalBuilder {
  /// Writes the parameters `params` from `settings`, in declaration order.
  mutating func add<S>(_ params: [Parameter<S>], _ settings: S) {
    add(params.map(SpecKey.init), settings)
  }

  /// `type: <kind>` and the kind's parameters read from `settings`.
  mutating func add<K: Declared>(type kind: K, _ settings: K.Settings) {
    add("type", kind.rawValue)
    add(kind.parameters, settings)
  }
}
