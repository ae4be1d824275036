/// One key of the spec language: its path pattern (`[]` for list items, `*` for any key),
/// type, default, meaning and an example. `docs/spec.md` documents exactly these keys (a test
/// checks it), and the decoder takes each mapping's allowed keys from here.
public struct SchemaKey: Sendable {
  /// The key's path pattern, e.g. `model.layers[].units` (`[]`: any list item, `*`: any key).
  public var path: String
  /// The value's type as the docs write it, e.g. `number ≥ 0` or `number in (0, 1)`.
  public var type: String
  /// The default as the docs show it, e.g. `0.0` (`-` when there is none).
  public var defaultValue: String
  /// What the key does, in one line (with the formula where it helps).
  public var meaning: String
  /// A YAML line using the key with a valid value, e.g. `bias: 7`, shown in the docs.
  public var example: String
}

/// The closed set of keys.
public enum Schema {
  /// Every key, parents before children: each section's, in the canonical spec's order.
  public static let keys: [SchemaKey] =
    topLevel + dataset
    + keys("model.", ModelSpec.keys, defaults: ExperimentSpec.unread(name: "").model)
    + declaredKeys(
      "loss.", LossKind.self, typeDefault: "see loss",
      typeMeaning: "The loss (`loss: mse` is short for `loss: {type: mse}`).")
    + keys("optimizer.", OptimizerSpec.keys, defaults: OptimizerSpec(kind: .gd, learningRate: 0.01))
    + Regularization.parameters.map { parameterKey("regularization.", $0) }
    + keys("report.", ReportSpec.keys, defaults: ReportSpec())
    + keys("sweep.", SweepSpec.keys, defaults: SweepSpec())

  /// The names of the keys directly under `pattern` (e.g. `optimizer`), in schema order.
  public static func children(of pattern: String) -> [String] { childrenIndex[pattern] ?? [] }

  /// Parent pattern -> child key names, built once.
  /// The parent is everything before the last "." (list-item keys like `layers[].units` have the
  /// parent `layers[]`); list items themselves are no children.
  private static let childrenIndex = Dictionary(
    grouping: keys.map { $0.path.split(separator: ".") }.filter { !$0.last!.contains("[") },
    by: { $0.dropLast().joined(separator: ".") }
  ).mapValues { $0.map { String($0.last!) } }

  /// The section a key name lives in when it is unique (`learning_rate` -> `optimizer`).
  static func home(ofKey key: String) -> String? {
    let homes = Set(
      keys.filter { $0.path == key || $0.path.hasSuffix("." + key) }
        .map { String($0.path.dropLast(key.count + 1)) })
    guard homes.count == 1, let home = homes.first else { return nil }
    return home.isEmpty || home.contains("*") ? nil : home
  }

  static func k(
    _ path: String, _ type: String, _ def: String, _ meaning: String, _ example: String
  )
    -> SchemaKey
  {
    SchemaKey(path: path, type: type, defaultValue: def, meaning: meaning, example: example)
  }

  static let topLevel = keys("", ExperimentSpec.keys, defaults: ExperimentSpec.unread(name: ""))

  /// `a | b | c`: the spec names of a closed set.
  static func choices<E: CaseIterable & RawRepresentable>(_: E.Type) -> String
  where E.RawValue == String {
    E.allCases.map(\.rawValue).joined(separator: " | ")
  }

  /// True when the key at `path` holds a whole number (so swept values are rounded).
  static func isIntegerKey(_ path: SpecPath) -> Bool {
    type(of: path)?.hasPrefix("integer") ?? false
  }

  /// True when the key at `path` holds a real number (`dropout`, `l2`), so a whole number
  /// swept over it is the real number the resolved spec writes (`0` as `0.0`).
  public static func isRealKey(_ path: SpecPath) -> Bool {
    type(of: path)?.hasPrefix("number") ?? false
  }

  /// The declared type of the key at `path` (`integer ≥ 1`, `number`), nil for no key.
  private static func type(of path: SpecPath) -> String? {
    let pattern = path.schemaPattern
    return keys.first { $0.path == pattern }?.type
  }
}
