import Yams

/// Limits that keep hostile or accidental inputs (alias bombs, huge or deeply nested
/// documents) cheap to refuse.
public struct ReadLimits: Sendable {
  /// Largest accepted document, in bytes.
  public var maxBytes: Int = 1 << 20
  /// Most nodes visited while converting the tree (aliases count every time they are used).
  public var maxNodes: Int = 100_000
  /// Deepest nesting of mappings and lists.
  public var maxDepth: Int = 64
  /// Most bytes of text the document expands to (an alias counts its text every time it is
  /// used), so that a few aliases of one long string cannot make a huge spec.
  public var maxExpandedBytes: Int = 4 << 20
}

/// Reads YAML text into a `SpecNode` tree, turning every YAML problem into a located diagnostic.
struct YAMLReader {
  let file: String
  let text: String
  /// The line breaks libyaml counts besides LF and CR: NEL, LS and PS.
  static let otherLineBreaks: Set<Unicode.Scalar> = ["\u{85}", "\u{2028}", "\u{2029}"]
  /// The lines, made once: locations share them instead of copying.
  let lines: [String]
  let limits: ReadLimits
  /// Where the text starts (the value of an override), when given: a node on its first line is
  /// at its column from there (`[1e-8, 1e-60]`'s second item at the `1e-60`), any other at it.
  let placement: SourceLocation?
  /// A `%YAML 1.1` (or 1.0) directive before the document, whose readings differ from 1.2's.
  let yaml11Directive: (version: String, line: Int)?

  init(file: String, text: String, limits: ReadLimits = .init(), placing: SourceLocation? = nil) {
    self.file = file
    self.placement = placing
    // A UTF-8 byte order mark is not part of the document (and would shift line 1's columns).
    self.text =
      text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    self.limits = limits
    // Split on bytes (fast even in debug builds); a document over the size limit is refused
    // before anything else, so only its first line is kept.
    let utf8 =
      self.text.utf8.count > limits.maxBytes
      ? self.text.utf8.prefix(4096) : Substring(self.text).utf8
    // Lines end as YAML's do: LF, CRLF or a lone CR (an old Mac file), as libyaml counts them.
    let cr = UInt8(ascii: "\r")
    self.lines = utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      .flatMap { line in
        (line.last == cr ? line.dropLast() : line[...])
          .split(separator: cr, omittingEmptySubsequences: false).map { String(Substring($0)) }
      }
      // libyaml (YAML 1.1) also ends a line at NEL, LS and PS.
      .flatMap { line in
        line.unicodeScalars.contains(where: Self.otherLineBreaks.contains)
          ? line.unicodeScalars.split(
            omittingEmptySubsequences: false, whereSeparator: Self.otherLineBreaks.contains
          ).map { String(String.UnicodeScalarView($0)) } : [line]
      }
    self.yaml11Directive = placing == nil ? Self.yaml11Directive(in: lines) : nil
  }

  /// A location in this file, with the line's text for the snippet.
  func location(line: Int = 1, column: Int = 1) -> SourceLocation {
    if var placement {
      if line == 1 { placement.column += max(column, 1) - 1 }
      return placement
    }
    if line > lines.count, let last = lines.last {
      // libyaml reports the end of the stream one line past the last: point after the last character.
      return location(line: lines.count, column: last.unicodeScalars.count + 1)
    }
    let lineText = line >= 1 && line <= lines.count ? lines[line - 1] : nil
    return SourceLocation(
      source: .file(file), line: max(line, 1), column: max(column, 1), lineText: lineText)
  }

  /// The location of a Yams mark (line 1, column 1 when there is none).
  func location(_ mark: Mark?) -> SourceLocation {
    location(line: mark?.line ?? 1, column: mark?.column ?? 1)
  }

  /// The root node, or the diagnostic explaining why there is none. An empty document is
  /// an empty mapping.
  func read() -> Result<SpecNode, ReadError> {
    Result(catching: readRoot)
  }

  private func readRoot() throws(ReadError) -> SpecNode {
    if text.utf8.count > limits.maxBytes {
      throw ReadError(
        location(),
        "the spec is too large (\(text.utf8.count) bytes; the limit is \(limits.maxBytes) bytes)")
    }
    if let aliasKey = firstAliasUsedAsKey() {
      throw ReadError(
        aliasKey, "aliases cannot be used as mapping keys",
        note: "write the key out; anchors and aliases may only stand for values")
    }
    // `– 8` for `- 8`: named at each such line, before YAML reads them as text or refuses them.
    let dashes = typographicListDashes()
    if let first = dashes.first {
      throw ReadError(diagnostic: first, more: Array(dashes.dropFirst()))
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      let first = diagnostic(for: error)
      // A step without its dash: the ones below it too, each with its fix-it.
      let steps = first.location.map { stepsWithoutDash(fromLine: $0.line) } ?? []
      throw ReadError(diagnostic: first, more: steps.first == first ? Array(steps.dropFirst()) : [])
    } catch {
      throw ReadError(location(), "\(error)")
    }
    guard let root else { return .mapping(.init(entries: [], location: location())) }
    // A one-line file `name： moons` is a scalar, not a mapping.
    if let scalar = root.scalar, let colon = lookAlikeColon(in: scalar) {
      throw ReadError(diagnostic: colon)
    }
    var budget = (nodes: limits.maxNodes, bytes: limits.maxExpandedBytes)
    return try convert(root, depth: 0, budget: &budget)
  }

  /// Implicit tags and YAML's core-schema tags; anything else (`!!python/object`) is refused.
  static let acceptedTags: Set<String> = [
    "", "?", "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
  ]

  /// Whether a scalar's text is a value of the core-schema type `type` (`int`, `float`, …).
  static func fits(_ s: SpecNode.ScalarText, _ type: String) -> Bool {
    switch type {
    case "int": ScalarSyntax.integer(s.text) != nil
    case "float": ScalarSyntax.double(s.text) != nil || ScalarSyntax.isNonFinite(s.text)
    case "bool": ScalarSyntax.bool(s.text) != nil
    default: s.isNull
    }
  }

  /// Why the document was not read; `isBudget` when it expands beyond the limits; `more`: the
  /// same slip on other lines (each with its own fix-it).
  struct ReadError: Error {
    var diagnostic: Diagnostic
    var isBudget = false
    var more: [Diagnostic] = []

    /// The diagnostic, then `more`.
    var diagnostics: [Diagnostic] { [diagnostic] + more }
  }

  /// `node` as a spec node; `budget` is what the conversion may still visit: nodes and bytes of
  /// scalar text.
  private func convert(_ node: Node, depth: Int, budget: inout (nodes: Int, bytes: Int))
    throws(ReadError) -> SpecNode
  {
    budget.nodes -= 1
    if case .scalar(let scalar) = node { budget.bytes -= scalar.string.utf8.count }
    if budget.bytes < 0 {
      throw ReadError(
        location(node.mark),
        "the spec expands to more than \(limits.maxExpandedBytes) bytes of text "
          + "(aliases of long strings, or a huge document)",
        note: "each use of an alias counts its text again; write the value once", isBudget: true)
    }
    if budget.nodes < 0 {
      throw ReadError(
        location(node.mark),
        "the spec expands to more than \(limits.maxNodes) values (an alias bomb or a huge document)",
        note: "specs are small; aliases that refer to other aliases multiply their size",
        isBudget: true)
    }
    if depth > limits.maxDepth {
      throw ReadError(
        location(node.mark), "the spec is nested more than \(limits.maxDepth) levels deep")
    }
    switch node {
    case .scalar(let scalar):
      let tag = scalar.tag.rawValue
      try checkTag(tag, scalar.mark)
      // A typed tag (`!!int "7"`) reads the text as that type; it must fit (`!!null 5` not).
      let core = tag.hasPrefix("tag:yaml.org,2002:") ? String(tag.dropFirst(18)) : ""
      let typed = ["int", "float", "bool", "null"].contains(core) ? core : nil
      let isPlain = scalar.style == .plain || scalar.style == .any
      let isString = (!isPlain && typed == nil) || core == "str" || tag == "!"
      var node = SpecNode.ScalarText(
        text: scalar.string, isPlain: !isString, location: location(scalar.mark))
      if let typed, !Self.fits(node, typed) {
        throw ReadError(
          node.location, "'\(node.text)' is not a value of its tag '!!\(typed)'",
          note: "remove the tag, or write a value of its type")
      }
      // `!!float 20` is the float 20.0: refused where a whole number is asked, as `20.0` is.
      if typed == "float", ScalarSyntax.integer(node.text) != nil { node.text += ".0" }
      if let directive = yaml11Directive, typed == nil, isPlain, !isString,
        let reading = Self.yaml11Reading(node.text)
      {
        throw ReadError(
          node.location,
          "'\(node.text)' is \(reading) in YAML 1.1, which the %YAML \(directive.version) "
            + "directive on line \(directive.line) asks for; the runner reads specs as YAML 1.2, "
            + "where it is \(Self.yaml12Reading(node.text))",
          note: "delete the %YAML line, and write the value as you mean it")
      }
      return .scalar(node)
    case .mapping(let mapping):
      try checkTag(mapping.tag.rawValue, mapping.mark)
      if let comma = decimalComma(in: Array(mapping)) {
        throw ReadError(diagnostic: comma)
      }
      let entries = try mapping.map { key, value throws(ReadError) in
        guard case .scalar(let keyScalar) = key else {
          throw ReadError(location(key.mark), "mapping keys must be plain names")
        }
        if let colon = lookAlikeColon(in: keyScalar)
          ?? colonWithoutSpace(key: keyScalar, value: value)
        {
          throw ReadError(diagnostic: colon)
        }
        if let scalar = value.scalar, let dashes = foldedDashes(scalar, isItem: false) {
          throw ReadError(diagnostic: dashes)
        }
        let keyLocation = location(keyScalar.mark)
        do throws(ReadError) {
          let value = try convert(value, depth: depth + 1, budget: &budget)
          return SpecNode.Pair(key: keyScalar.string, keyLocation: keyLocation, value: value)
        } catch var error where error.isBudget && depth == 0 {
          error.diagnostic.location = keyLocation  // blame the top-level key
          throw error
        }
      }
      return .mapping(.init(entries: entries, location: location(mapping.mark)))
    case .sequence(let sequence):
      try checkTag(sequence.tag.rawValue, sequence.mark)
      let items = try sequence.map { item throws(ReadError) -> SpecNode in
        if let scalar = item.scalar,
          let slip = lookAlikeColon(in: scalar) ?? foldedDashes(scalar, isItem: true)
        {
          throw ReadError(diagnostic: slip)
        }
        return try convert(item, depth: depth + 1, budget: &budget)
      }
      return .sequence(.init(items: items, location: location(sequence.mark)))
    case .alias(let alias):
      throw ReadError(location(alias.mark), "undefined alias '*\(alias.anchor.rawValue)'")
    }
  }
  private func checkTag(_ tag: String, _ mark: Mark?) throws(ReadError) {
    if !Self.acceptedTags.contains(tag) {
      let short = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : tag
      throw ReadError(location(mark), "unsupported YAML tag '\(short)'")
    }
  }

  /// Yams hashes mapping keys to find duplicates; an alias bomb used as a key would make that
  /// exponential, so such keys are refused before composing. Conservative: scans the text.
  private func firstAliasUsedAsKey() -> SourceLocation? {
    for (index, line) in lines.enumerated() where line.contains("*") {
      let scalars = Array(line.unicodeScalars)
      // Whether only indentation, `?` and `-` precede `i`, and whether a `?` is among them
      // (kept as the scan goes: recomputing them per alias is quadratic in the line's length).
      var onlyIndicators = true
      var sawQuestionMark = false
      for i in scalars.indices {
        if scalars[i] == "#" && (i == 0 || scalars[i - 1] == " ") { break }
        if scalars[i] == "*" && (i == 0 || " \t{[,?-".unicodeScalars.contains(scalars[i - 1])) {
          let j =
            scalars[(i + 1)...].firstIndex { " \t,[]{}".unicodeScalars.contains($0) }
            ?? scalars.count
          let k = scalars[j...].firstIndex { $0 != " " && $0 != "\t" } ?? scalars.count
          let nameEndsWithColon = j > i + 1 && scalars[j - 1] == ":"
          let explicitKey = onlyIndicators && sawQuestionMark
          if nameEndsWithColon || (k < scalars.count && scalars[k] == ":") || explicitKey {
            return location(line: index + 1, column: i + 1)
          }
        }
        if !" \t?-".unicodeScalars.contains(scalars[i]) { onlyIndicators = false }
        if scalars[i] == "?" { sawQuestionMark = true }
      }
    }
    return nil
  }
}

extension YAMLReader.ReadError {
  /// An error at `location`.
  init(_ location: SourceLocation, _ message: String, note: String? = nil, isBudget: Bool = false) {
    self.init(diagnostic: Diagnostic(.error, at: location, message, note: note), isBudget: isBudget)
  }
}
