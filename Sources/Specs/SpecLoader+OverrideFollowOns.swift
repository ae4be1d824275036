import Conventions

/// Errors in the file that only a legal `--set` brings about (tester AT F7): `--set
/// model.type=linreg` makes the file's `loss: binary_cross_entropy` wrong, though the file alone
/// is fine. Such an error names the `--set` it comes from, and its fix-it is another `--set`,
/// not an edit of a file that needs none.
extension SpecLoader {
  /// The most overrides tried one by one to tell which an error comes from.
  static let blamedOverridesLimit = 8

  /// `diagnostics` (of the spec with `options.overrides`, `map` its origins), each error in the
  /// file (a warning too under `--strict`) that the file alone does not give noted with the
  /// `--set` it comes from, its fix-it given as a `--set`; as they were when the file alone
  /// does not load.
  static func followingOverrides(
    _ diagnostics: [Diagnostic], text: String, file: String, options: SpecOptions,
    map: SourceMap, tree: SpecNode
  ) -> [Diagnostic] {
    followingOverrides(diagnostics, options: options, map: map, tree: tree) { overrides, loading in
      said(text: text, file: file, options: options, overrides: overrides, loading: loading)
    }
  }

  /// `followingOverrides(_:text:file:options:map:tree:)` with `said` giving the diagnostics of
  /// the spec with the overrides given (nil when it cannot be read, or when it does not load and
  /// the flag asks that it does): the spec's own rules, or its rules on the data.
  static func followingOverrides(
    _ diagnostics: [Diagnostic], options: SpecOptions, map: SourceMap, tree: SpecNode,
    said: ([String], Bool) -> [Diagnostic]?
  ) -> [Diagnostic] {
    let overrides = options.overrides
    // (A rule that says the command line's part itself, in its note, is left as it is.)
    func inFile(_ d: Diagnostic) -> Bool {
      guard case .file? = d.location?.source, d.follows == nil,
        d.note?.contains("--set ") != true
      else { return false }
      return d.severity == .error || (options.strict && d.severity == .warning)
    }
    guard !overrides.isEmpty, options.blamesOverrides, diagnostics.contains(where: inFile),
      let alone = said([], true)
    else { return diagnostics }
    // Said with every override but the one at `i` (nil when that spec cannot be read).
    var without: [Int: [Diagnostic]?] = [:]
    func key(_ d: Diagnostic) -> String { "\(d.location.map { "\($0)" } ?? "") \(d.message)" }
    let known = Set(alone.map(key))
    let given = Set(diagnostics.map(key))
    return diagnostics.map { d in
      guard inFile(d), !known.contains(key(d)) else { return d }
      let tried = Array(overrides.indices.prefix(blamedOverridesLimit))
      for i in tried where without[i] == nil {
        var others = overrides
        others.remove(at: i)
        without[i] = .some(said(others, false))
      }
      let clears = tried.filter { i in
        (without[i] ?? nil)?.contains { key($0) == key(d) } != true
      }
      // Rather those whose removal brings no error of its own: without `--set
      // ~optimizer.momentum` an lbfgs spec is refused for its momentum, which hides the rule
      // that gave this error, not cures it (tester BA F-F).
      let clean = clears.filter { i in
        guard let others = without[i] ?? nil else { return false }
        return !others.contains { $0.severity == .error && !given.contains(key($0)) }
      }
      let blamed = clean.isEmpty ? clears : clean
      let named = (blamed.isEmpty ? Array(overrides.indices) : blamed).map {
        "--set \(overrides[$0])"
      }
      var noted = d
      noted.fixIt =
        d.fixIt.flatMap {
          $0.hasPrefix("--set ")
            ? $0 : Self.commandLineFixIt($0, at: d.location, map: map, tree: tree)
        }
        ?? removal(of: d, in: tree, keeping: overrides) { removed in
          said(overrides + [removed], false).map { $0.contains { key($0) == key(d) } } ?? true
        }
      let them = named.count == 1 ? "it" : "them"
      noted.addNote(
        "this comes from \(named.listed()): the file alone loads without this error; "
          + (noted.fixIt != nil
            ? "keep \(them) and add the --set of the fix-it, or drop \(them)"
            : "set this key with a --set too, or drop \(them)"))
      return noted
    }
  }

  /// For an error at a key of the file (`sweep.budget` refused under `--set
  /// sweep.method=bayes`, tester AX F13), the `--set '~key'` that removes it, when the spec
  /// with that removal too no longer gives the error (`stays` says whether it does); nil
  /// otherwise, and nil for a key one of `overrides` sets, or one around or inside it: that
  /// would undo the user's own `--set` (tester BA F-J).
  private static func removal(
    of d: Diagnostic, in tree: SpecNode, keeping overrides: [String], stays: (String) -> Bool
  ) -> String? {
    guard let location = d.location, let path = tree.keyPath(at: location),
      !overrides.compactMap({ try? Override(parsing: $0) }).contains(where: {
        !$0.removes && (path.isWithin($0.path) || $0.path.isWithin(path))
      })
    else { return nil }
    let removed = "~\(path)"
    return stays(removed) ? nil : "--set " + removed.singleQuoted
  }

  /// The diagnostics the spec `text` gives with `overrides` for those of `options` (not
  /// strict, not blaming overrides); nil when it cannot be read, or when it does not load and
  /// `loading` asks that it does.
  private static func said(
    text: String, file: String, options: SpecOptions, overrides: [String], loading: Bool = false
  ) -> [Diagnostic]? {
    var plain = options
    (plain.overrides, plain.strict, plain.blamesOverrides) = (overrides, false, false)
    do {
      return try load(text: text, file: file, options: plain).warnings
    } catch {
      guard case .invalid(let diagnostics) = error, !loading else { return nil }
      return diagnostics
    }
  }

  /// A file fix-it (`loss: mse`, `metrics: [mse]`) at `location` as the `--set` giving the same
  /// (`--set 'loss=mse'`): its keys are those of the mapping holding the value written there, or
  /// the key written there in `tree` (a section's error at its first key, `sweep.method` for a
  /// missing `budget`), or of one above it (`Diagnostic.commandLine`); nil for a fix-it of other
  /// keys or of several lines.
  static func commandLineFixIt(
    _ fixIt: String, at location: SourceLocation?, map: SourceMap, tree: SpecNode
  ) -> String? {
    guard let location else { return nil }
    let paths =
      map.origins.filter { $0.value.location == location }.keys.sorted()
      + [tree.keyPath(at: location)].compactMap { $0 }
    return paths.lazy.compactMap { Diagnostic.commandLine(fixIt, at: $0) }.first
  }
}
