/// A plain YAML value as written (used for sweep values, validation-curve values and
/// overrides before they are typed by the schema).
public indirect enum SpecValue: Sendable, Hashable, CustomStringConvertible {
  case null
  case bool(Bool)
  case integer(Int)
  /// A whole number above `Int.max` (a 64-bit seed, `16423837535081239908`), kept exact.
  case unsigned(UInt64)
  case number(Double)
  case string(String)
  case list([SpecValue])
  case mapping([Pair])

  /// One key and value of a mapping, in written order.
  public struct Pair: Sendable, Hashable {
    /// The mapping key as written.
    public var key: String
    /// The value under the key.
    public var value: SpecValue
    /// A pair of `key` and `value`.
    public init(key: String, value: SpecValue) {
      self.key = key
      self.value = value
    }
  }

  /// The value as a number, if it is one.
  public var doubleValue: Double? {
    switch self {
    case .integer(let i): Double(i)
    case .unsigned(let u): Double(u)
    case .number(let d): d
    default: nil
    }
  }

  /// Flow-style YAML text of the value (what `--set key=<this>` would take).
  public var description: String { YAMLText.flow(self) }
}

extension SpecValue {
  /// YAML `text` with every scalar kept as written (`.string`; nulls `.null`, plain booleans
  /// `.bool`), e.g. a results
  /// folder's `spec.resolved.yaml` for `runner ls`; nil when the text is not valid YAML.
  public init?(yamlText text: String) {
    guard case .success(let node) = YAMLReader(file: "", text: text).read() else { return nil }
    self = Self.verbatim(node)
  }

  /// The value of flow YAML `text` typed as a `--set` value is (`0.1` a number, `relu` a string),
  /// e.g. a cell of a sweep's `plan.csv`; nil when the text is not valid YAML.
  public init?(flowText text: String) {
    guard case .success(let node) = YAMLReader(file: "", text: text).read() else { return nil }
    self = node.value
  }

  private static func verbatim(_ node: SpecNode) -> SpecValue {
    switch node {
    case .scalar(let s) where s.isPlain && ScalarSyntax.bool(s.text) != nil:
      .bool(ScalarSyntax.bool(s.text)!)
    case .scalar(let s): s.isNull ? .null : .string(s.text)
    case .mapping(let m): .mapping(m.entries.map { Pair(key: $0.key, value: verbatim($0.value)) })
    case .sequence(let s): .list(s.items.map(verbatim))
    }
  }
}
