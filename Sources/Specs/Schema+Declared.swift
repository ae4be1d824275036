/// Schema keys derived from declarations: one key per parameter name any variant declares,
/// its default and meaning listed per variant where they differ.
extension Schema {
  /// `<prefix>type` (the variants) and one key per declared parameter name, in first-seen order
  /// (`prefix` ends with a dot, or is empty for keys relative to their section).
  static func declaredKeys<K: Declared>(
    _ prefix: String, _ kinds: K.Type, typeKey: String = "type", extraTypes: [String] = [],
    typeDefault: String, typeMeaning: String, typeExample: String? = nil
  ) -> [SchemaKey] {
    let names = K.allCases.map(\.rawValue) + extraTypes
    let each = K.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "; ")
    var keys = [
      k(
        prefix + typeKey, names.joined(separator: " | "), typeDefault,
        "\(typeMeaning) \(each).",
        "\(typeKey): \(typeExample ?? names.dropFirst().first ?? names[0])")
    ]
    var order: [String] = []
    var owners: [String: [(name: String, p: Parameter<K.Settings>)]] = [:]
    for kind in K.allCases {
      for p in kind.parameters {
        if owners[p.key] == nil { order.append(p.key) }
        owners[p.key, default: []].append((kind.rawValue, p))
      }
    }
    for key in order {
      let declared = owners[key]!
      let first = declared[0].p
      let defaults = declared.map { ($0.name, $0.p.defaultText ?? text($0.p, $0.p.defaultValue)) }
      let meanings = grouped(declared.map { ($0.name, $0.p.meaning) }, all: true)
      keys.append(
        k(
          prefix + key, first.check.typeText(integer: first.isInteger), grouped(defaults),
          meanings + ".", "\(key): \(text(first, first.example))"))
    }
    return keys
  }

  /// The key of one declared parameter `p` under `prefix` (e.g. `regularization.`).
  static func parameterKey<S>(_ prefix: String, _ p: Parameter<S>) -> SchemaKey {
    k(
      prefix + p.key, p.check.typeText(integer: p.isInteger),
      p.defaultText ?? text(p, p.defaultValue),
      p.meaning + ".", "\(p.key): \(text(p, p.example))")
  }

  /// `v` for the docs: whole numbers for integer keys, YAML numbers otherwise.
  static func text<S>(_ p: Parameter<S>, _ v: Double) -> String {
    p.isInteger ? String(Int(v)) : YAMLText.number(v)
  }

  /// `a, b: x; c: y` (the largest group of more than one as `others: …` unless `all`), or the
  /// one value when every variant agrees.
  static func grouped(_ pairs: [(String, String)], all: Bool = false) -> String {
    var groups: [(names: [String], value: String)] = []
    for (name, value) in pairs {
      if let i = groups.firstIndex(where: { $0.value == value }) {
        groups[i].names.append(name)
      } else {
        groups.append(([name], value))
      }
    }
    if groups.count == 1 && !all { return groups[0].value }
    let largest = groups.indices.max { groups[$0].names.count < groups[$1].names.count }!
    let others = !all && groups[largest].names.count > 1 ? largest : nil
    var parts = groups.indices.filter { $0 != others }.map {
      groups[$0].names.joined(separator: ", ") + ": " + groups[$0].value
    }
    if let others { parts.append("others: " + groups[others].value) }
    return parts.joined(separator: "; ")
  }
}
