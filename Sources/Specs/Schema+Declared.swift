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
    let all = K.allCases.flatMap { kind in kind.parameters.map { (name: kind.rawValue, p: $0) } }
    var seen = Set<String>()
    for (_, first) in all where seen.insert(first.key).inserted {
      let declared = all.filter { $0.p.key == first.key }
      let defaults = declared.map { ($0.name, $0.p.defaultText ?? text($0.p, $0.p.defaultValue)) }
      // The first declaration's key, with every declaring variant's default and meaning.
      var key = parameterKey(prefix, first)
      key.defaultValue = grouped(defaults)
      key.meaning = grouped(declared.map { ($0.name, $0.p.meaning) }, all: true) + "."
      keys.append(key)
    }
    return keys
  }

  /// The key of one declared parameter `p` under `prefix` (e.g. `regularization.`).
  static func parameterKey<S>(_ prefix: String, _ p: Parameter<S>) -> SchemaKey {
    k(
      prefix + p.key,
      p.check.typeText(integer: p.isInteger) + (p.isRatio ? SpecDecoder.ratioType : ""),
      p.defaultText ?? text(p, p.defaultValue),
      p.meaning + ".", "\(p.key): \(text(p, p.example))")
  }

  /// `v` as specs and the docs write it: whole numbers for integer keys, YAML numbers otherwise.
  static func text<S>(_ p: Parameter<S>, _ v: Double) -> String {
    p.isInteger ? String(Int(v)) : YAMLText.number(v)
  }

  /// `a, b: x; c: y` (the largest group of more than one as `others: …` unless `all`), or the
  /// one value when every variant agrees.
  static func grouped(_ pairs: [(String, String)], all: Bool = false) -> String {
    var seen = Set<String>()
    let groups = pairs.filter { seen.insert($0.1).inserted }.map { first in
      (names: pairs.filter { $0.1 == first.1 }.map(\.0), value: first.1)
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
