/// Sections whose keys come from declarations (`OptimizerKind`, `ScheduleKind`): the variant's
/// parameters are read, checked and recorded; keys of other variants are refused with a note.
extension SpecDecoder {
  /// Refuses keys of `m` that are neither `common` nor a parameter of `kind`; `notFor` explains
  /// a key that belongs to other variants (given their names).
  mutating func checkDeclaredKeys<K: Declared>(
    _ m: SpecNode.Mapping, _ path: SpecPath, _ kind: K, common: [String],
    refused: [String: String] = [:], notFor: (K, String) -> String
  ) {
    checkKeys(
      m, path, allowed: common.filter { refused[$0] == nil } + kind.parameters.map(\.key),
      notFor: { key in
        if let reason = refused[key] { return reason }
        let owners = K.owners(of: key)
        return owners.isEmpty ? nil : notFor(kind, owners)
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
      checkKeys(m, path, allowed: ["type"] + K.allCases.flatMap { $0.parameters.map(\.key) })
    }
    guard let typeNode = typeNode(m, path, kinds: K.allCases.map(\.rawValue), fixIt: fixIt),
      let kind = choice(typeNode, path.appending("type"), K.self, what: what)
    else { return nil }
    checkDeclaredKeys(m, path, kind, common: ["type"], notFor: notFor)
    return (kind, settings(m, path, kind.parameters, base: base))
  }

  /// `base` with every parameter of `params` read from `m` (its declared default when absent).
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
