/// Typed scalar readers: each reports a located error and returns nil when the node does not
/// hold the expected type.
extension SpecDecoder {
  mutating func plainScalar(_ node: SpecNode, _ path: SpecPath, expected: String) -> SpecNode
    .ScalarText?
  {
    guard case .scalar(let s) = node, !s.isNull else {
      return fail(node.location, "\(path) must be \(expected) (got \(node.kindDescription))")
    }
    return s
  }

  /// The fix-it writing `value` under the path's last key.
  static func fixIt(_ path: SpecPath, _ value: Any) -> String {
    "\(path.lastKey ?? "\(path)"): \(value)"
  }

  /// A finite number meeting `check` (whose failure text, e.g. "must be > 0", is reported).
  mutating func double(_ node: SpecNode, _ path: SpecPath, _ check: NumberCheck = .any) -> Double? {
    guard let s = plainScalar(node, path, expected: "a number") else { return nil }
    if s.isPlain, let value = ScalarSyntax.double(s.text) {
      guard let failure = check.failure(value) else {
        reals.append((path, value, s.text, s.location))
        return value
      }
      // `1e-400` read as 0: the cause is float64's range, as `checkPrecision` says it.
      if let underflow = Self.outOfRange(s.text, held: value, in: .float64) {
        return fail(s.location, "\(path) \(underflow.message)", note: underflow.note)
      }
      return fail(s.location, "\(path) \(failure) (got \(s.text))")
    }
    if s.isPlain, ScalarSyntax.isNonFinite(s.text) {
      return fail(s.location, "\(path) must be a finite number (got \(s.text))")
    }
    let message = "\(path) must be a number (got \(node.kindDescription))"
    if !s.isPlain, ScalarSyntax.double(s.text) != nil {
      return fail(s.location, message, note: "remove the quotes", fixIt: Self.fixIt(path, s.text))
    }
    // `7%`: the number it means, when the key takes it (a fraction: base_error, dropout, …).
    if s.isPlain, let percent = ScalarSyntax.percentFraction(s.text),
      check.failure(percent) == nil
    {
      let fraction = YAMLText.number(percent)
      return fail(
        s.location, message, note: "write a percentage as its fraction: \(s.text) is \(fraction)",
        fixIt: Self.fixIt(path, fraction))
    }
    // `0.7/209` (the course's λ/m): its value, when the key takes it (only scale factors take
    // a quotient as written).
    if s.isPlain, ScalarSyntax.operands(s.text) != nil, let value = ScalarSyntax.quotient(s.text),
      check.failure(value) == nil
    {
      let number = YAMLText.number(value)
      return fail(
        s.location, message, note: "write the quotient's value: \(s.text) is \(number)",
        fixIt: Self.fixIt(path, number))
    }
    if s.isPlain, let whole = ScalarSyntax.integer(s.text) {
      return fail(
        s.location, message,
        note: "hexadecimal (0x) and octal (0o) are accepted for whole-number keys only",
        fixIt: Self.fixIt(path, whole))
    }
    guard s.isPlain, let point = Self.decimalComma(s.text) else { return fail(s.location, message) }
    return fail(
      s.location, message, note: "write decimals with a point, not a comma",
      fixIt: Self.fixIt(path, point))
  }

  /// Refuses a real written non-zero that the run's `dtype` holds as 0 or infinity (`1e-50`
  /// in float32, `1e-400` in float64): the key would change nothing, or overflow, silently.
  mutating func checkPrecision(_ dtype: DType) {
    for real in reals {
      guard let range = Self.outOfRange(real.text, held: dtype.held(real.value), in: dtype)
      else {
        if let overflow = Self.divisorOverflow(real, in: dtype) {
          error(real.location, "\(real.path) \(overflow.message)", note: overflow.note)
        }
        continue
      }
      error(real.location, "\(real.path) \(range.message)", note: range.note)
    }
  }

  /// Why the non-zero written `text` is no value `dtype` holds (`held`, 0 or infinite: `1e-400
  /// is 0 in float64, whose smallest positive value is 5e-324`), and what to give; nil when it
  /// holds it.
  static func outOfRange(_ text: String, held: Double, in dtype: DType)
    -> (message: String, note: String)?
  {
    let mantissa = text.prefix { $0 != "e" && $0 != "E" }
    guard mantissa.contains(where: { ("1"..."9").contains($0) }), held == 0 || held.isInfinite
    else { return nil }
    let (smallest, largest) = dtype.limits
    return (
      "\(text) is \(held == 0 ? "0" : "infinite") in \(dtype.rawValue), whose "
        + (held == 0 ? "smallest positive value is \(smallest)" : "largest is \(largest)"),
      "give a value \(dtype.rawValue) holds" + (dtype == .float32 ? ", or use dtype: float64" : "")
    )
  }

  /// `0,01` as `0.01`: one comma between digits that is no thousands separator; else nil.
  static func decimalComma(_ text: String) -> String? {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count != 3 || ["0", "-0"].contains(parts[0]),
      parts.allSatisfy({ !$0.isEmpty && $0.drop(while: { $0 == "-" }).allSatisfy(\.isNumber) })
    else { return nil }
    return parts.joined(separator: ".")
  }

  /// A whole number meeting `check`.
  mutating func integer(_ node: SpecNode, _ path: SpecPath, _ check: NumberCheck = .any) -> Int? {
    guard let s = plainScalar(node, path, expected: "a whole number") else { return nil }
    // A whole value written as a number of any size: 1e3, 1.5e3, 99999999999999999999.
    let whole =
      s.isPlain ? ScalarSyntax.double(s.text).flatMap { $0 == $0.rounded() ? $0 : nil } : nil
    if let value = s.isPlain ? ScalarSyntax.integer(s.text) : nil {
      guard let failure = check.failure(Double(value)) else { return value }
      return fail(s.location, "\(path) \(failure) (got \(value))")
    }
    if let d = whole, abs(d) >= 0x1p63 {
      let bound = check.failure(d) ?? "must be \(d < 0 ? "≥ \(Int.min)" : "≤ \(Int.max)")"
      return fail(
        s.location, "\(path) is too \(d < 0 ? "small" : "large") (got \(s.text)): it \(bound)")
    }
    if let d = whole {
      return fail(s.location, Self.floatForWhole(path, s.text), fixIt: Self.fixIt(path, Int(d)))
    }
    let number =
      s.isPlain && (ScalarSyntax.double(s.text) != nil || ScalarSyntax.isNonFinite(s.text))
    let quoted = !s.isPlain && ScalarSyntax.integer(s.text) != nil
    return fail(
      s.location, "\(path) must be a whole number (got \(number ? s.text : node.kindDescription))",
      note: quoted ? "remove the quotes" : nil, fixIt: quoted ? Self.fixIt(path, s.text) : nil)
  }

  /// The refusal of `text`, a whole value written as a float (`20.0`, `2e1`: YAML reads both
  /// as floats, and PyTorch's and argparse's integers refuse them), where `path` takes a whole
  /// number (tester BD m11: `2e1` was taken as 20 where `20.0` was refused).
  static func floatForWhole(_ path: SpecPath, _ text: String) -> String {
    "eE".contains(where: text.contains) && !text.contains(".")
      ? "\(path) must be a whole number without an exponent (got \(text), which YAML reads as "
        + "the float \(ScalarSyntax.double(text).map { YAMLText.number($0) } ?? text), not a whole number)"
      : "\(path) must be a whole number without a decimal point (got \(text))"
  }

  /// A non-negative integer that fits in 64 bits unsigned (seeds), in any form a count takes.
  mutating func seed(_ node: SpecNode, _ path: SpecPath) -> UInt64? {
    guard let s = plainScalar(node, path, expected: "a whole number ≥ 0") else { return nil }
    if s.isPlain,
      let value = UInt64(s.text) ?? ScalarSyntax.integer(s.text).flatMap(UInt64.init(exactly:))
    {
      return value
    }
    let whole =
      s.isPlain ? ScalarSyntax.double(s.text).flatMap { $0 == $0.rounded() ? $0 : nil } : nil
    if let d = whole, d < 0 {
      return fail(s.location, "\(path) must be ≥ 0 (got \(s.text))")
    }
    if let d = whole, d >= 0x1p64 {
      return fail(s.location, "\(path) is too large (got \(s.text)): it must be ≤ \(UInt64.max)")
    }
    if let d = whole {
      return fail(s.location, Self.floatForWhole(path, s.text), fixIt: Self.fixIt(path, UInt64(d)))
    }
    let number =
      s.isPlain && (ScalarSyntax.double(s.text) != nil || ScalarSyntax.isNonFinite(s.text))
    return fail(
      s.location,
      "\(path) must be a whole number ≥ 0 (got \(number ? s.text : node.kindDescription))")
  }

  mutating func bool(_ node: SpecNode, _ path: SpecPath) -> Bool? {
    guard let s = plainScalar(node, path, expected: "true or false") else { return nil }
    if s.isPlain, let value = ScalarSyntax.bool(s.text) { return value }
    guard s.isPlain, ScalarSyntax.isYAML11Bool(s.text) else {
      return fail(s.location, "\(path) must be true or false (got \(node.kindDescription))")
    }
    let meant = ["yes", "on", "y"].contains(s.text.lowercased())
    return fail(
      s.location, "\(path) must be true or false (got \(s.text))", fixIt: Self.fixIt(path, meant))
  }

  mutating func string(_ node: SpecNode, _ path: SpecPath) -> String? {
    plainScalar(node, path, expected: "a string")?.text
  }

  /// A non-empty string.
  mutating func name(_ node: SpecNode, _ path: SpecPath) -> String? {
    guard let text = string(node, path) else { return nil }
    if text.allSatisfy(\.isWhitespace) { return fail(node.location, "\(path) must not be empty") }
    return text
  }

  /// One of `names` (a `what`), with a suggestion for near misses and `note` (by default the
  /// names) otherwise; a plain scalar when `expected` says what it should be, else any name.
  /// A name differing only in case is an error, and returned as the name it differs from.
  mutating func name(
    _ node: SpecNode, _ path: SpecPath, in names: [String], what: String, note: String? = nil,
    expected: String? = nil, otherNames: [String: (meant: String, there: String)] = [:]
  ) -> String? {
    guard
      let text = expected.map({ plainScalar(node, path, expected: $0)?.text }) ?? name(node, path)
    else { return nil }
    if names.contains(text) { return text }
    let other = otherNames[text.lowercased()].map { "; did you mean '\($0.meant)' (\($0.there))?" }
    error(
      node.location,
      "unknown \(what) '\(text)'\(LookAlikes.named(in: text))"
        + (other ?? Suggestions.didYouMean(text, among: names)),
      note: note ?? "expected one of: " + names.joined(separator: ", "))
    // A slip of case only (`Adam`) is read as meant, so the rest of its mapping is checked too.
    let meant = names.filter { $0.lowercased() == text.lowercased() }
    return meant.count == 1 ? meant[0] : nil
  }

  /// One of an enum's raw values, with a suggestion for near misses (`otherNames`: other tools'
  /// names of them, each with the value meant and what it is there).
  mutating func choice<E: RawRepresentable & CaseIterable>(
    _ node: SpecNode, _ path: SpecPath, _ type: E.Type, what: String? = nil,
    otherNames: [String: (meant: E, there: String)] = [:]
  ) -> E? where E.RawValue == String {
    let options = E.allCases.map(\.rawValue)
    let text = name(
      node, path, in: options, what: what ?? "\(path)",
      expected: "one of " + options.joined(separator: ", "),
      otherNames: otherNames.mapValues { ($0.meant.rawValue, $0.there) })
    return text.flatMap(E.init(rawValue:))
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
    case .mapping(let m):
      // `-units: 16`, a dash without its space: a key `-units`, not a list item.
      if let dash = m.entries.first(where: { $0.key.firstMatch(of: /^-[A-Za-z_]/) != nil }) {
        let item = "- \(dash.key.dropFirst()): \(YAMLText.flow(dash.value.value))"
        return fail(
          dash.keyLocation,
          "\(path) must be a list (got a mapping): '\(dash.key)' has no space after its '-', so "
            + "YAML reads it as a key, not as a list item",
          note: "a list item's dash needs a space after it: `\(item)`", fixIt: item)
      }
      return fail(node.location, "\(path) must be a list (got \(node.kindDescription))")
    default: return fail(node.location, "\(path) must be a list (got \(node.kindDescription))")
    }
  }

  /// A list of items read by `read`; nil if any item is bad (each is reported).
  mutating func list<T>(
    _ node: SpecNode, _ path: SpecPath, allowSingle: Bool = false,
    _ read: (inout SpecDecoder, SpecNode, SpecPath) -> T?
  ) -> [T]? {
    guard let items = list(node, path, allowSingle: allowSingle) else { return nil }
    if allowSingle, let fixIt = bracketsFixIt(node, path, read) {
      return fail(
        node.location, "\(path) is one value with commas, not a list (got \(node.kindDescription))",
        note: "a list needs brackets", fixIt: fixIt)
    }
    let values = items.enumerated().map { i, item in
      record(path.appending(index: i), item)
      return read(&self, item, path.appending(index: i))
    }
    return values.contains { $0 == nil } ? nil : values.compactMap { $0 }
  }

  /// For a single plain scalar `a,b` that is no value but whose parts each are (Hydra's `--set
  /// metrics=a,b`), the fix-it writing it as a list: `metrics: [a, b]` (`commandLineFixIt`
  /// makes it `--set 'metrics=[a, b]'`); nil otherwise.
  private func bracketsFixIt<T>(
    _ node: SpecNode, _ path: SpecPath, _ read: (inout SpecDecoder, SpecNode, SpecPath) -> T?
  ) -> String? {
    guard case .scalar(let s) = node, s.isPlain, s.text.contains(",") else { return nil }
    let parts = s.text.split(separator: ",", omittingEmptySubsequences: false).map(\.trimmingSpaces)
    var probe = self
    let item = path.appending(index: 0)
    func reads(_ text: String) -> Bool {
      read(&probe, .scalar(.init(text: text, isPlain: true, location: s.location)), item) != nil
    }
    guard !reads(s.text), parts.allSatisfy(reads) else { return nil }
    return "\(path.lastKey ?? "\(path)"): [\(parts.joined(separator: ", "))]"
  }
}
