import Conventions

/// A command-line override `key.path=value`: the value is YAML (`0.01`, `relu`, `[16, 8]`,
/// `{type: adam}`), typed and validated exactly like the same value in the file; `~key.path`
/// removes the key or list item, as Hydra's `~key` does.
public struct Override: Sendable, Hashable {
  /// The argument as given (without `--set`).
  public var text: String
  /// The key path the override sets, e.g. `optimizer.learning_rate`.
  public var path: SpecPath
  /// The value text after `=` (empty for a removal).
  public var valueText: String
  /// True for `~key.path`: the key or list item is removed instead of set.
  public var removes: Bool

  /// A malformed override (no `=`, a bad key path): a usage error.
  public struct SyntaxError: Error, Sendable, CustomStringConvertible {
    /// The argument as given (without `--set`).
    public var text: String
    /// What is wrong with it (no `=`, a malformed key path).
    public var reason: String
    /// `invalid --set '<text>': <reason>`, as the command line prints it.
    public var description: String { "invalid --set '\(text)': \(reason)" }
  }

  /// Parses `key.path=value` or `~key.path`.
  public init(parsing text: String) throws(SyntaxError) {
    removes = text.hasPrefix("~")
    let eq = text.firstIndex(of: "=")
    if removes, let eq {
      throw SyntaxError(
        text: text, reason: "~key.path removes a key and takes no value: write \(text[..<eq])")
    }
    guard let eq = eq ?? (removes ? text.endIndex : nil) else {
      throw SyntaxError(
        text: text,
        reason: "expected key.path=value, e.g. --set optimizer.learning_rate=0.01 (or ~key.path "
          + "to remove a key)")
    }
    let key = text[text.index(text.startIndex, offsetBy: removes ? 1 : 0)..<eq].trimmingSpaces
    self.path = try Result { () throws(SpecPath.ParseError) in try SpecPath.parse(key) }
      .mapError { SyntaxError(text: text, reason: $0.reason) }.get()
    // A sweep axis is named by a whole key path: `sweep.parameters.optimizer.learning_rate=[…]`.
    if key.hasPrefix("sweep.parameters.") {
      path = SpecPath([.key("sweep"), .key("parameters"), .key(String(key.dropFirst(17)))])
    }
    self.text = text
    self.valueText = removes ? "" : String(text[text.index(after: eq)...])
  }

  /// How the override names a run folder: `key.path=value`, or `~key.path` for a removal.
  public var folderText: String { removes ? "~\(path)" : "\(path)=\(valueText)" }

  var keyLocation: SourceLocation { SourceLocation(source: .override(text), line: 1, column: 1) }

  /// Sets the value in `tree`; the error when it is not valid YAML or cannot be set there.
  func apply(to tree: inout SpecNode) -> Diagnostic? {
    if removes {
      return tree.remove(path.components[...], at: keyLocation).map {
        Diagnostic(.error, at: keyLocation, $0)
      }
    }
    // The value's location in the argument: the column of its first character.
    let column = text.unicodeScalars.count - valueText.unicodeScalars.count + 1
    let location = SourceLocation(source: .override(text), line: 1, column: column)
    if valueText.allSatisfy({ $0 == " " }) {
      return Diagnostic(.error, at: location, "\(path) has no value after '='")
    }
    if valueText[...].trimmingSpaces.hasPrefix("#") {
      return Diagnostic(
        .error, at: location, "\(path) has no value: '#' starts a YAML comment",
        note: "quote the value: --set '\(path)=\"\(valueText[...].trimmingSpaces)\"'")
    }
    // Every part of the value is located at the value in the argument.
    let limits = ReadLimits(maxBytes: 64 * 1024)
    switch YAMLReader(file: "--set", text: valueText, limits: limits, placing: location).read() {
    case .success(let node): return tree.set(path, to: node, at: keyLocation)
    case .failure(let error):
      // Located where the reader found it in the value (`{units:4}` at its colon); its fix-it,
      // the value's one line made right, as the argument to give instead.
      let read = error.diagnostic
      let key = text.prefix { $0 != "=" }
      let mended = read.fixIt.flatMap { fix in
        fix.contains("\n") || valueText.contains("\n")
          ? nil : "--set " + "\(key)=\(fix)".singleQuoted
      }
      return Diagnostic(
        .error, at: read.location ?? location, "\(path): \(read.message)", note: read.note,
        fixIt: mended)
    }
  }
}

extension Override {
  /// The warning when this override's value replaces the whole mapping `tree` holds at its
  /// path and leaves out keys written there that no `later` override sets: the rule a sweep
  /// axis's values are warned by (`SpecValidator.leftOut`), located at the override.
  func replacement(in tree: SpecNode, later: ArraySlice<Override>) -> Diagnostic? {
    let base = path.components.reduce(tree as SpecNode?) { node, component in
      guard case .key(let key) = component, case .mapping(let m)? = node else { return nil }
      return m[key]
    }
    guard !removes, case .mapping(let written)? = base,
      case .success(let node) = YAMLReader(file: "--set", text: valueText).read(),
      let pairs = SpecValidator.replacing(node.value, at: path)
    else { return nil }
    // Keys an earlier override set are its own warning's (`SpecLoader.sweptOverrides`).
    let keys = written.entries.map { (path.appending($0.key), $0.keyLocation) }.filter {
      key, location in
      if case .override = location.source { return false }
      return !later.contains { $0.path.isWithin(key) }
    }
    let dropped = SpecValidator.leftOut(keys, under: path, by: [pairs])
    guard !dropped.isEmpty else { return nil }
    return Diagnostic(
      .warning, at: keyLocation, SpecValidator.replaced("--set \(path)=…", "spec", dropped),
      note: "repeat \(dropped.count == 1 ? "it" : "them") in the value, or set the keys one by "
        + "one (--set \(path.appending(pairs.first?.key ?? "type"))=…)")
  }
}

extension SpecNode {
  /// The document without its `sweep` section: what a trial or a variation resolves.
  var withoutSweep: SpecNode {
    guard case .mapping(var root) = self else { return self }
    root.entries.removeAll { $0.key == "sweep" }
    return .mapping(root)
  }

  /// Removes the mapping entry or list item at `path`; the error message when there is none.
  /// The mapping that loses a key is located at the removal (`location`), so a problem of the
  /// mapping as a whole (`model has no 'type'`) names the `--set ~…` that made it.
  mutating func remove(
    _ path: ArraySlice<SpecPath.Component>, at location: SourceLocation, walked: SpecPath = .root
  ) -> String? {
    guard let first = path.first else { return "the whole spec cannot be removed" }
    let rest = path.dropFirst()
    switch (first, self) {
    case (.key(let key), .mapping(var m)):
      guard let i = m.entries.firstIndex(where: { $0.key == key }) else { break }
      if rest.isEmpty {
        m.entries.remove(at: i)
        m.location = location
      } else if let problem = m.entries[i].value.remove(
        rest, at: location, walked: walked.appending(key))
      {
        return problem
      }
      self = .mapping(m)
      return nil
    case (.index(let index), .sequence(var s)):
      guard index < s.items.count else { break }
      if rest.isEmpty {
        s.items.remove(at: index)
      } else if let problem = s.items[index].remove(
        rest, at: location, walked: walked.appending(index: index))
      {
        return problem
      }
      self = .sequence(s)
      return nil
    default: break
    }
    let missing = SpecPath(walked.components + [first])
    return "\(missing) is not in the spec, so there is nothing to remove"
  }

  /// Sets `value` at `path` as if written at `location`; the error there when it cannot be set.
  mutating func set(_ path: SpecPath, to value: SpecNode, at location: SourceLocation)
    -> Diagnostic?
  {
    set(path.components[...], to: value, keyLocation: location).map {
      Diagnostic(.error, at: location, $0)
    }
  }

  /// Sets the value at `path`, creating mappings on the way. Returns an error message when the
  /// path runs through a list index that does not exist or through a value that is not a mapping.
  mutating func set(
    _ path: ArraySlice<SpecPath.Component>, to value: SpecNode, keyLocation: SourceLocation,
    walked: SpecPath = .root
  ) -> String? {
    guard let first = path.first else {
      self = value
      return nil
    }
    let rest = path.dropFirst()
    switch first {
    case .key(let key):
      var m: Mapping
      switch self {
      case .mapping(let existing): m = existing
      case .scalar(let s) where s.isNull || walked.schemaPattern == "dataset.preprocessing[]":
        // Nothing yet, or a step written as a bare name (replaced by `{key: value}`).
        m = Mapping(entries: [], location: keyLocation)
      case .scalar(let s):
        // Shorthand `loss: mse` becomes `{type: mse}` so `loss.delta=2` can extend it; the
        // mapping is the override's doing, so it is located there.
        m = Mapping(
          entries: [.init(key: "type", keyLocation: s.location, value: self)], location: keyLocation
        )
      case .sequence:
        return "\(walked) is a list; use an index like \(walked)[0]"
      }
      if walked.schemaPattern == "dataset.preprocessing[]", m.entry(key) == nil { m.entries = [] }
      var child = m[key] ?? .scalar(.init(text: "", isPlain: true, location: keyLocation))
      let problem = child.set(
        rest, to: value, keyLocation: keyLocation, walked: walked.appending(key))
      if let problem { return problem }
      if let i = m.entries.firstIndex(where: { $0.key == key }) {
        m.entries[i].value = child
      } else {
        let location = keyLocation.atLastKey(of: walked.appending(key))
        m.entries.append(.init(key: key, keyLocation: location, value: child))
      }
      self = .mapping(m)
      return nil
    case .index(let index):
      if case .scalar(let n) = self, n.isNull, index == 0 {
        self = .sequence(Sequence(items: [], location: keyLocation))  // an absent list starts empty
      }
      guard case .sequence(var s) = self else {
        return "\(walked) is not a list, so \(walked)[\(index)] does not exist"
      }
      let has = "\(walked) has \(s.items.count) item\(s.items.count == 1 ? "" : "s")"
      guard index <= s.items.count else { return "\(has); index \(index) does not exist" }
      if index < s.items.count {
        let problem = s.items[index].set(
          rest, to: value, keyLocation: keyLocation, walked: walked.appending(index: index))
        if let problem { return problem }
      } else if rest.isEmpty {
        s.items.append(value)
      } else {
        return "\(has); set \(walked)[\(index)] as a whole to add one"
      }
      self = .sequence(s)
      return nil
    }
  }
}
