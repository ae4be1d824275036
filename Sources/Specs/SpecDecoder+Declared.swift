/// Sections whose keys come from declarations (`OptimizerKind`, `ScheduleKind`): the variant's
/// parameters are read, checked and recorded; keys of other variants are refused with a note.
extension SpecDecoder {
  /// Refuses keys of `m` that are neither `common` nor a parameter of `kind`; `notFor` explains
  /// a key that belongs to other variants (given those owners).
  mutating func checkDeclaredKeys<K: Declared>(
    _ m: SpecNode.Mapping, _ path: SpecPath, _ kind: K, common: [String],
    refused: [String: String] = [:], notFor: (K, [K]) -> String
  ) {
    let mine = kind.parameters.map(\.key)
    checkKeys(m, path, allowed: common.filter { refused[$0] == nil } + mine) { key in
      if let reason = refused[key] { return reason }
      let owners = K.allCases.filter { $0.parameters.contains { $0.key == key } }
      return owners.isEmpty ? nil : notFor(kind, Array(owners))
    }
  }

  /// `kind`'s declared defaults with every parameter given in `m` read over them.
  mutating func declaredSettings<K: Declared>(
    _ m: SpecNode.Mapping, _ path: SpecPath, _ kind: K, base: K.Settings
  ) -> K.Settings {
    var settings = kind.defaults(from: base)
    for p in kind.parameters {
      let value = field(m, p.key, in: path, default: p.defaultValue) { d, n, path in
        p.isInteger ? d.integer(n, path, p.check).map(Double.init) : d.double(n, path, p.check)
      }
      p.set(value, in: &settings)
    }
    return settings
  }
}

extension CanonicalBuilder {
  /// Writes `kind`'s parameters from `settings`, in declaration order.
  mutating func addDeclared<K: Declared>(_ kind: K, _ settings: K.Settings) {
    for p in kind.parameters {
      let v = p.value(in: settings)
      if p.isInteger { add(p.key, int: Int(v)) } else { add(p.key, number: v) }
    }
  }
}
