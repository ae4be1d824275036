/// One key of a spec section `Root`, declared once: its entry in the key reference and how its
/// value is read from YAML into `Root` and written to the canonical spec. The schema, decoder and
/// writer of a section all derive from its list of keys; an absent key keeps `Root`'s own value,
/// so the default is declared once, on the property.
struct SpecKey<Root>: @unchecked Sendable {
  /// The key as written in YAML, e.g. `patience`.
  let name: String
  /// The key-reference entries of this key (and the keys below it) under `prefix`, with the
  /// defaults read from `defaults`.
  let schema: (_ prefix: String, _ defaults: Root) -> [SchemaKey]
  /// Reads the key from the section mapping at `path` into the root.
  let read: (inout SpecDecoder, SpecNode.Mapping, SpecPath, inout Root) -> Void
  /// Adds the key's value to the canonical spec (nothing when the value is left out of it).
  let write: (inout CanonicalBuilder, Root) -> Void
}

extension SpecKey {
  /// A value at `field`, read by `read` and written by `write`; the docs show `type`, the
  /// default root's value (or `defaultText`), `meaning` and `name: example`. An absent key keeps
  /// the root's value, or takes `fallback`'s (a default from the keys read before it, kept on
  /// the decoder or the root).
  static func value<T>(
    _ name: String, _ field: WritableKeyPath<Root, T>, type: String, default defaultText: String?,
    _ meaning: String, example: String, fallback: ((SpecDecoder, Root) -> T)? = nil,
    read: @escaping (inout SpecDecoder, SpecNode, SpecPath) -> T?,
    write: @escaping (inout CanonicalBuilder, String, T) -> Void
  ) -> SpecKey {
    SpecKey(
      name: name,
      schema: { prefix, defaults in
        var b = CanonicalBuilder(.root)
        write(&b, name, defaults[keyPath: field])
        let shown = defaultText ?? b.entries.first?.node.flowText ?? "none"
        return [Schema.k(prefix + name, type, shown, meaning, "\(name): \(example)")]
      },
      read: { d, m, path, root in
        let fallback = fallback?(d, root) ?? root[keyPath: field]
        root[keyPath: field] = d.field(m, name, in: path, default: fallback, read)
      },
      write: { b, root in write(&b, name, root[keyPath: field]) })
  }

  /// A finite number meeting `check`.
  static func number(
    _ name: String, _ field: WritableKeyPath<Root, Double>, _ check: NumberCheck,
    default defaultText: String? = nil, _ meaning: String, example: String
  ) -> SpecKey {
    value(
      name, field, type: check.typeText(integer: false), default: defaultText, meaning,
      example: example, read: { d, n, p in d.double(n, p, check) },
      write: { b, key, v in b.add(key, number: v) })
  }

  /// A whole number meeting `check`.
  static func integer(
    _ name: String, _ field: WritableKeyPath<Root, Int>, _ check: NumberCheck,
    default defaultText: String? = nil, _ meaning: String, example: String
  ) -> SpecKey {
    value(
      name, field, type: check.typeText(integer: true), default: defaultText, meaning,
      example: example, read: { d, n, p in d.integer(n, p, check) },
      write: { b, key, v in b.add(key, int: v) })
  }

  /// `true` or `false`.
  static func flag(
    _ name: String, _ field: WritableKeyPath<Root, Bool>, _ meaning: String, example: String
  ) -> SpecKey {
    value(
      name, field, type: "boolean", default: nil, meaning, example: example,
      read: { d, n, p in d.bool(n, p) }, write: { b, key, v in b.add(key, bool: v) })
  }

  /// One of `E`'s names (a `what`, for the unknown-name message); `otherNames` are other
  /// tools' names of them, each with the name meant and what it is there (the did-you-mean).
  static func choice<E: CaseIterable & RawRepresentable>(
    _ name: String, _ field: WritableKeyPath<Root, E>, what: String,
    default defaultText: String? = nil, otherNames: [String: (meant: E, there: String)] = [:],
    _ meaning: String, example: String
  ) -> SpecKey where E.RawValue == String {
    value(
      name, field, type: Schema.choices(E.self), default: defaultText, meaning, example: example,
      read: { d, n, p in d.choice(n, p, E.self, what: what, otherNames: otherNames) },
      write: { b, key, v in b.add(key, v.rawValue) })
  }

  /// A seed, by default the experiment's (recorded as derived from it).
  static func seed(
    _ name: String, _ field: WritableKeyPath<Root, UInt64>, _ meaning: String, example: String
  ) -> SpecKey {
    value(
      name, field, type: "integer ≥ 0", default: "the experiment's seed", meaning,
      example: example, fallback: { d, _ in d.experimentSeed }, read: { d, n, p in d.seed(n, p) },
      write: { b, key, v in b.add(key, uint: v) }
    ).derived("the spec's seed")
  }

  /// This key, recorded in the source map as derived (`how`) when the spec leaves it out.
  func derived(_ how: String) -> SpecKey {
    SpecKey(
      name: name, schema: schema,
      read: { d, m, path, root in
        read(&d, m, path, &root)
        if m[name] == nil { d.sourceMap.set(path.appending(name), .derived(how)) }
      }, write: write)
  }

  /// The numeric parameter `p` of a declared concept, read into settings that hold the
  /// declaration's defaults (`Declared.defaults(from:)`); its docs are `Schema.parameterKey`'s.
  init(_ p: Parameter<Root>) {
    self =
      switch p.field {
      case .number(let field): .number(p.key, field, p.check, p.meaning, example: "")
      case .integer(let field): .integer(p.key, field, p.check, p.meaning, example: "")
      case .ratio(let field):
        .value(
          p.key, field, type: p.check.typeText(integer: false) + SpecDecoder.ratioType,
          default: nil,
          p.meaning, example: "", read: { d, n, path in d.ratio(n, path, p.check) },
          write: { b, key, v in b.add(key, number: v) })
      }
  }

  /// A value at `field` that is off (nil) unless written, read by `read` and written by
  /// `write` into its own mapping; documented as `custom` documents a key.
  static func optional<T>(
    _ name: String, _ field: WritableKeyPath<Root, T?>, _ type: String,
    default defaultText: String, _ meaning: String, example: String, more: [SchemaKey] = [],
    read: @escaping (inout SpecDecoder, SpecNode, SpecPath) -> T?,
    write: @escaping (inout CanonicalBuilder, T) -> Void
  ) -> SpecKey {
    custom(
      name, type, default: defaultText, meaning, example: example, more: more,
      read: { d, m, path, root in root[keyPath: field] = d.optionalField(m, name, in: path, read) },
      write: { b, root in
        if let value = root[keyPath: field] { b.add(name) { write(&$0, value) } }
      })
  }

  /// A key read and written by hand, documented as `type`, `defaultText`, `meaning` and
  /// `name: example`, then `more` (the keys it reads besides, paths relative to the section).
  static func custom(
    _ name: String, _ type: String, default defaultText: String, _ meaning: String,
    example: String, more: [SchemaKey] = [],
    read: @escaping (inout SpecDecoder, SpecNode.Mapping, SpecPath, inout Root) -> Void,
    write: @escaping (inout CanonicalBuilder, Root) -> Void
  ) -> SpecKey {
    custom(
      name, docs: [Schema.k(name, type, defaultText, meaning, "\(name): \(example)")] + more,
      read: read, write: write)
  }

  /// A key read and written by hand; `docs` are its key-reference entries, paths relative.
  static func custom(
    _ name: String, docs: [SchemaKey],
    read: @escaping (inout SpecDecoder, SpecNode.Mapping, SpecPath, inout Root) -> Void,
    write: @escaping (inout CanonicalBuilder, Root) -> Void
  ) -> SpecKey {
    SpecKey(
      name: name,
      schema: { prefix, _ in
        docs.map { key in
          var key = key
          key.path = prefix + key.path
          return key
        }
      }, read: read, write: write)
  }

  /// This key where `applies` holds for the root read so far; elsewhere it is left out of the
  /// canonical spec and, when written, refused with `refusal` (given the key's path; a warning in
  /// a variant: `inapplicable`), or left to the section's own key check when there is none.
  func when(
    _ applies: @escaping (Root) -> Bool, refusal: ((SpecPath, Root) -> String)? = nil
  ) -> SpecKey {
    SpecKey(
      name: name, schema: schema,
      read: { d, m, path, root in
        if applies(root) {
          read(&d, m, path, &root)
        } else if let refusal, let entry = m.entry(name) {
          d.inapplicable(entry.keyLocation, refusal(path.appending(name), root))
        }
      }, write: { b, root in if applies(root) { write(&b, root) } })
  }

  /// This key where `applies` holds for the root read so far; elsewhere it is refused, saying
  /// where it applies (`only`), and left out of the canonical spec.
  func only(_ applies: @escaping (Root) -> Bool, _ only: String) -> SpecKey {
    when(applies) { path, _ in "\(path) applies only to \(only)" }
  }

  /// A section of its own keys at `field`; an absent section reads as an empty one.
  static func section<S>(
    _ name: String, _ field: WritableKeyPath<Root, S>, _ keys: [SpecKey<S>],
    default defaultText: String = "{}", _ meaning: String, example: String
  ) -> SpecKey {
    SpecKey(
      name: name,
      schema: { prefix, defaults in
        [Schema.k(prefix + name, "mapping", defaultText, meaning, "\(name): \(example)")]
          + Schema.keys(prefix + name + ".", keys, defaults: defaults[keyPath: field])
      },
      read: { d, m, path, root in
        let empty = SpecNode.mapping(.init(entries: [], location: m.location))
        let node = d.field(m, name, in: path, default: empty) { _, node, _ in node }
        guard let section = d.mapping(node, path.appending(name)) else { return }
        d.read(section, path.appending(name), keys, into: &root[keyPath: field])
      },
      write: { b, root in b.add(name) { $0.add(keys, root[keyPath: field]) } })
  }

  /// A section that is off unless written: `start` gives its values before its keys are read,
  /// `defaults` the docs' defaults.
  static func optional<S>(
    _ name: String, _ field: WritableKeyPath<Root, S?>, _ keys: [SpecKey<S>],
    start: @escaping (SpecDecoder) -> S, defaults: S, _ meaning: String, example: String
  ) -> SpecKey {
    optional(
      name, field, "mapping", default: "none (off)", meaning, example: example,
      more: Schema.keys(name + ".", keys, defaults: defaults),
      read: { d, node, p in
        guard let section = d.mapping(node, p) else { return nil }
        var value = start(d)
        d.read(section, p, keys, into: &value)
        return value
      }, write: { b, value in b.add(keys, value) })
  }
}

extension SpecDecoder {
  /// Reads `keys` from the section `m` at `path` into `root`, refusing every other key (`misplaced`
  /// explains a key that belongs elsewhere).
  mutating func read<R>(
    _ m: SpecNode.Mapping, _ path: SpecPath, _ keys: [SpecKey<R>], into root: inout R,
    misplaced: (String) -> String? = { _ in nil }
  ) {
    checkKeys(m, path, allowed: keys.map(\.name), misplaced: misplaced)
    for key in keys { key.read(&self, m, path, &root) }
  }
}

extension CanonicalBuilder {
  /// Writes `keys` of `root`, in declaration order.
  mutating func add<R>(_ keys: [SpecKey<R>], _ root: R) {
    for key in keys { key.write(&self, root) }
  }
}

extension Schema {
  /// The key-reference entries of `keys` under `prefix` (e.g. `optimizer.early_stopping.`).
  static func keys<R>(_ prefix: String, _ keys: [SpecKey<R>], defaults: R) -> [SchemaKey] {
    keys.flatMap { $0.schema(prefix, defaults) }
  }
}
