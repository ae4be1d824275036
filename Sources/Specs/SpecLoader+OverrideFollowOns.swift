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
    let overrides = options.overrides
    // (A rule that says the command line's part itself, in its note, is left as it is.)
    func inFile(_ d: Diagnostic) -> Bool {
      guard case .file? = d.location?.source, d.follows == nil,
        d.note?.contains("--set ") != true
      else { return false }
      return d.severity == .error || (options.strict && d.severity == .warning)
    }
    guard !overrides.isEmpty, options.blamesOverrides, diagnostics.contains(where: inFile),
      let alone = said(text: text, file: file, options: options, overrides: [], loading: true)
    else { return diagnostics }
    // Said with every override but the one at `i`.
    var without: [Int: Set<String>] = [:]
    func key(_ d: Diagnostic) -> String { "\(d.location.map { "\($0)" } ?? "") \(d.message)" }
    let known = Set(alone.map(key))
    return diagnostics.map { d in
      guard inFile(d), !known.contains(key(d)) else { return d }
      let tried = overrides.indices.prefix(blamedOverridesLimit)
      let blamed = tried.filter { i in
        if without[i] == nil {
          var others = overrides
          others.remove(at: i)
          without[i] = Set(
            (said(text: text, file: file, options: options, overrides: others) ?? []).map(key)
          )
        }
        return without[i]?.contains(key(d)) == false
      }
      let named = (blamed.isEmpty ? Array(overrides.indices) : blamed).map {
        "--set \(overrides[$0])"
      }
      var noted = d
      noted.fixIt =
        d.fixIt.flatMap { Self.commandLineFixIt($0, at: d.location, map: map) }
        ?? removal(of: d, in: tree) { removed in
          said(text: text, file: file, options: options, overrides: overrides + [removed])
            .map { $0.contains { key($0) == key(d) } } ?? true
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
  /// otherwise.
  private static func removal(
    of d: Diagnostic, in tree: SpecNode, stays: (String) -> Bool
  ) -> String? {
    guard let location = d.location, let path = tree.keyPath(at: location) else { return nil }
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
  /// (`--set 'loss=mse'`): its keys are those of the mapping holding the value written there (or
  /// of one above it: `Diagnostic.commandLine`); nil for a fix-it of other keys or of several
  /// lines.
  static func commandLineFixIt(_ fixIt: String, at location: SourceLocation?, map: SourceMap)
    -> String?
  {
    guard let location else { return nil }
    let paths = map.origins.filter { $0.value.location == location }.keys.sorted()
    return paths.lazy.compactMap { Diagnostic.commandLine(fixIt, at: $0) }.first
  }
}
