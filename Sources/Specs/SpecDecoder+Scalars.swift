/// Typed scalar readers: each reports a located error and returns nil when the node does not
/// hold the expected type.
extension SpecDecoder {
  mutating func plainScalar(_ node: SpecNode, _ path: SpecPath, expected: String) -> SpecNode
    .ScalarText?
  {
    guard case .scalar(let s) = node, !s.isNull else {
      error(node.location, "\(path) must be \(expected) (got \(node.kindDescription))")
      return nil
    }
    return s
  }

  /// A finite number meeting `check` (whose failure text, e.g. "must be > 0", is reported).
  mutating func double(_ node: SpecNode, _ path: SpecPath, _ check: NumberCheck = .any) -> Double? {
    guard let s = plainScalar(node, path, expected: "a number") else { return nil }
    if s.isPlain, let value = ScalarSyntax.double(s.text) {
      return passes(check, value, s, path, shown: s.text) ? value : nil
    }
    if s.isPlain, ScalarSyntax.isNonFinite(s.text) {
      error(s.location, "\(path) must be a finite number (got \(s.text))")
    } else if !s.isPlain, ScalarSyntax.double(s.text) != nil {
      error(
        s.location, "\(path) must be a number (got the string \"\(s.text)\")",
        note: "remove the quotes",
        fixIt: "\(path.lastKey ?? "\(path)"): \(s.text)")
    } else if s.isPlain, let point = Self.decimalComma(s.text) {
      error(
        s.location, "\(path) must be a number (got \(node.kindDescription))",
        note: "write decimals with a point, not a comma",
        fixIt: "\(path.lastKey ?? "\(path)"): \(point)")
    } else {
      error(s.location, "\(path) must be a number (got \(node.kindDescription))")
    }
    return nil
  }

  /// `0,01` as `0.01`: one comma between digits that is no thousands separator; else nil.
  static func decimalComma(_ text: String) -> String? {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count != 3 || ["0", "-0"].contains(parts[0]),
      parts.allSatisfy({ !$0.isEmpty && $0.drop(while: { $0 == "-" }).allSatisfy(\.isNumber) })
    else { return nil }
    return parts.joined(separator: ".")
  }

  /// True when `value` meets `check`; else reports the failure at `s`, showing `shown`.
  private mutating func passes(
    _ check: NumberCheck, _ value: Double, _ s: SpecNode.ScalarText, _ path: SpecPath,
    shown: String
  ) -> Bool {
    guard let failure = check.failure(value) else { return true }
    error(s.location, "\(path) \(failure) (got \(shown))")
    return false
  }

  /// A whole number meeting `check`.
  mutating func integer(_ node: SpecNode, _ path: SpecPath, _ check: NumberCheck = .any) -> Int? {
    guard let s = plainScalar(node, path, expected: "a whole number") else { return nil }
    var value = s.isPlain ? ScalarSyntax.integer(s.text) : nil
    // A whole value written as a number of any size: 1e3, 1.5e3, 99999999999999999999.
    let whole =
      s.isPlain ? ScalarSyntax.double(s.text).flatMap { $0 == $0.rounded() ? $0 : nil } : nil
    if value == nil, let d = whole, abs(d) < 0x1p63, !s.text.contains(".") {
      value = Int(d)  // 1e3
    }
    if let value { return passes(check, Double(value), s, path, shown: "\(value)") ? value : nil }
    if let d = whole, abs(d) >= 0x1p63 {
      let bound = check.failure(d) ?? "must be \(d < 0 ? "≥ \(Int.min)" : "≤ \(Int.max)")"
      error(s.location, "\(path) is too \(d < 0 ? "small" : "large") (got \(s.text)): it \(bound)")
    } else if let d = whole {
      error(
        s.location, "\(path) must be a whole number without a decimal point (got \(s.text))",
        fixIt: "\(path.lastKey ?? "\(path)"): \(Int(d))")
    } else if s.isPlain, ScalarSyntax.double(s.text) != nil || ScalarSyntax.isNonFinite(s.text) {
      error(s.location, "\(path) must be a whole number (got \(s.text))")
    } else if !s.isPlain, ScalarSyntax.integer(s.text) != nil {
      error(
        s.location, "\(path) must be a whole number (got the string \"\(s.text)\")",
        note: "remove the quotes")
    } else {
      error(s.location, "\(path) must be a whole number (got \(node.kindDescription))")
    }
    return nil
  }

  /// A non-negative integer that fits in 64 bits unsigned (seeds).
  mutating func seed(_ node: SpecNode, _ path: SpecPath) -> UInt64? {
    guard let s = plainScalar(node, path, expected: "a whole number ≥ 0") else { return nil }
    if s.isPlain,
      let value = UInt64(s.text) ?? ScalarSyntax.integer(s.text).flatMap(UInt64.init(exactly:))
    {
      return value
    }
    if s.isPlain, s.text.hasPrefix("-"), ScalarSyntax.integer(s.text) != nil {
      error(s.location, "\(path) must be ≥ 0 (got \(s.text))")
    } else if s.isPlain, let d = ScalarSyntax.double(s.text), d >= 0x1p64, d == d.rounded() {
      error(s.location, "\(path) is too large (got \(s.text)): it must be ≤ \(UInt64.max)")
    } else {
      error(s.location, "\(path) must be a whole number ≥ 0 (got \(node.kindDescription))")
    }
    return nil
  }

  mutating func bool(_ node: SpecNode, _ path: SpecPath) -> Bool? {
    guard let s = plainScalar(node, path, expected: "true or false") else { return nil }
    if s.isPlain, let value = ScalarSyntax.bool(s.text) { return value }
    if s.isPlain, ScalarSyntax.isYAML11Bool(s.text) {
      let meant = ["yes", "on", "y"].contains(s.text.lowercased())
      error(
        s.location, "\(path) must be true or false (got \(s.text))",
        fixIt: "\(path.lastKey ?? "\(path)"): \(meant)")
    } else {
      error(s.location, "\(path) must be true or false (got \(node.kindDescription))")
    }
    return nil
  }

  mutating func string(_ node: SpecNode, _ path: SpecPath) -> String? {
    plainScalar(node, path, expected: "a string")?.text
  }

  /// A non-empty string.
  mutating func name(_ node: SpecNode, _ path: SpecPath) -> String? {
    guard let text = string(node, path) else { return nil }
    if text.allSatisfy(\.isWhitespace) {
      error(node.location, "\(path) must not be empty")
      return nil
    }
    return text
  }

  /// One of `names` (a `what`), with a suggestion for near misses and `note` (by default the
  /// names) otherwise; a plain scalar when `expected` says what it should be, else any name.
  mutating func name(
    _ node: SpecNode, _ path: SpecPath, in names: [String], what: String, note: String? = nil,
    expected: String? = nil
  ) -> String? {
    let read = expected.map { plainScalar(node, path, expected: $0)?.text } ?? name(node, path)
    guard let text = read else { return nil }
    guard names.contains(text) else {
      let suggestion = Suggestions.didYouMean(text, among: names)
      let note = note ?? "expected one of: " + names.joined(separator: ", ")
      error(node.location, "unknown \(what) '\(text)'\(suggestion)", note: note)
      return nil
    }
    return text
  }

  /// One of an enum's raw values, with a suggestion for near misses.
  mutating func choice<E: RawRepresentable & CaseIterable>(
    _ node: SpecNode, _ path: SpecPath, _ type: E.Type, what: String? = nil
  ) -> E? where E.RawValue == String {
    let options = E.allCases.map(\.rawValue)
    guard case .scalar(let s) = node, !s.isNull else {
      error(
        node.location,
        "\(path) must be one of \(options.joined(separator: ", ")) (got \(node.kindDescription))")
      return nil
    }
    if let value = E.allCases.first(where: { $0.rawValue == s.text }) { return value }
    let suggestion = Suggestions.didYouMean(s.text, among: options)
    error(
      s.location, "unknown \(what ?? "\(path)") '\(s.text)'\(suggestion)",
      note: "expected one of: " + options.joined(separator: ", "))
    return nil
  }

  /// One name or a list of names (`target: y`, `target: [y1, y2]`).
  mutating func names(_ node: SpecNode, _ path: SpecPath) -> [String]? {
    list(node, path, allowSingle: true) { d, item, p in d.name(item, p) }
  }

  /// A list (a single scalar is accepted as a one-element list when `allowSingle`).
  mutating func list(_ node: SpecNode, _ path: SpecPath, allowSingle: Bool = false) -> [SpecNode]? {
    switch node {
    case .sequence(let s): return s.items
    case .scalar(let s) where allowSingle && !s.isNull: return [node]
    default:
      error(node.location, "\(path) must be a list (got \(node.kindDescription))")
      return nil
    }
  }

  /// A list of items read by `read`; nil if any item is bad (each is reported).
  mutating func list<T>(
    _ node: SpecNode, _ path: SpecPath, allowSingle: Bool = false,
    _ read: (inout SpecDecoder, SpecNode, SpecPath) -> T?
  ) -> [T]? {
    guard let items = list(node, path, allowSingle: allowSingle) else { return nil }
    var values: [T] = []
    var ok = true
    for (i, item) in items.enumerated() {
      let itemPath = path.appending(index: i)
      record(itemPath, item)
      if let value = read(&self, item, itemPath) { values.append(value) } else { ok = false }
    }
    return ok ? values : nil
  }

  static func show(_ node: SpecNode, _ value: Double) -> String {
    if case .scalar(let s) = node { return s.text }
    return YAMLText.number(value)
  }
}
