/// The YAML document as the spec decoder sees it: mappings with string keys, sequences and
/// scalars, each with its location (a file position or a `--set` override).
///
/// Built from Yams' node tree with bounded work (see `YAMLReader`), and edited by overrides
/// and sweep trials before decoding.
indirect enum SpecNode: Sendable {
  case scalar(ScalarText)
  case mapping(Mapping)
  case sequence(Sequence)

  struct ScalarText: Sendable {
    var text: String
    /// False when quoted or tagged `!!str`: then it is always a string.
    var isPlain: Bool
    var location: SourceLocation

    /// True for YAML's null: an empty plain scalar, `~` or `null`.
    var isNull: Bool { isPlain && ["", "~", "null", "Null", "NULL"].contains(text) }
  }

  struct Pair: Sendable {
    var key: String
    var keyLocation: SourceLocation
    var value: SpecNode
  }

  struct Mapping: Sendable {
    var entries: [Pair]
    var location: SourceLocation

    subscript(key: String) -> SpecNode? { entry(key)?.value }

    func entry(_ key: String) -> Pair? { entries.first { $0.key == key } }
  }

  struct Sequence: Sendable {
    var items: [SpecNode]
    var location: SourceLocation
  }

  var location: SourceLocation {
    switch self {
    case .scalar(let s): s.location
    case .mapping(let m): m.location
    case .sequence(let s): s.location
    }
  }

  /// The location of item `i` of a list (the node's own location when it is not a list).
  func location(ofItem i: Int) -> SourceLocation {
    items.flatMap { $0.indices.contains(i) ? $0[i].location : nil } ?? location
  }

  /// The node under the mapping keys `keys` (nil when one is missing or not under a mapping).
  func child(_ keys: String...) -> SpecNode? {
    keys.reduce(self as SpecNode?) { node, key in
      guard case .mapping(let m)? = node else { return nil }
      return m[key]
    }
  }

  /// The items of a list (nil when the node is not a list).
  var items: [SpecNode]? { if case .sequence(let s) = self { s.items } else { nil } }

  /// A short description of the node's kind for type errors: "a list", "a mapping", "'abc'"
  /// (a long scalar cut to its first 40 characters and "…").
  var kindDescription: String {
    // A text folded from several lines (`0.01` then a blank line and `• 0.1`) on one line.
    let text = { (s: ScalarText) in
      (s.text.count > 40 ? s.text.prefix(40) + "…" : s.text)
        .replacingOccurrences(of: "\n", with: "\\n")
    }
    return switch self {
    case .scalar(let s) where s.isNull: "nothing"
    case .scalar(let s):
      (s.isPlain ? "'\(text(s))'" : "the string \"\(text(s))\"")
        + (LookAlikes.character(in: s.text).map { ", which contains \($0)" } ?? "")
    case .mapping: "a mapping"
    case .sequence: "a list"
    }
  }

  /// Converts the node back to a plain value (for sweep values and curves).
  var value: SpecValue {
    switch self {
    case .scalar(let s):
      if !s.isPlain { return .string(s.text) }
      if s.isNull { return .null }
      if let b = ScalarSyntax.bool(s.text) { return .bool(b) }
      if let i = ScalarSyntax.integer(s.text) { return .integer(i) }
      if let u = UInt64(s.text) { return .unsigned(u) }
      if let d = ScalarSyntax.double(s.text) { return .number(d) }
      return .string(s.text)
    case .mapping(let m):
      return .mapping(m.entries.map { SpecValue.Pair(key: $0.key, value: $0.value.value) })
    case .sequence(let s):
      return .list(s.items.map(\.value))
    }
  }

  /// Builds a node from a plain value, every part located at `location`.
  init(_ value: SpecValue, at location: SourceLocation) {
    switch value {
    case .null, .bool, .integer, .unsigned, .number:
      self = .scalar(ScalarText(text: YAMLText.flow(value), isPlain: true, location: location))
    // A quotient (`1/16`, a sweep axis's value of `scale`) is read as written, unquoted.
    case .string(let s):
      self = .scalar(
        ScalarText(text: s, isPlain: ScalarSyntax.operands(s) != nil, location: location))
    case .list(let items):
      self = .sequence(
        Sequence(items: items.map { SpecNode($0, at: location) }, location: location))
    case .mapping(let entries):
      self = .mapping(
        Mapping(
          entries: entries.map {
            Pair(key: $0.key, keyLocation: location, value: SpecNode($0.value, at: location))
          }, location: location))
    }
  }
}
