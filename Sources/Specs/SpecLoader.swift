import Conventions
import Foundation

/// Reads, decodes and validates specs.
public enum SpecLoader {
  /// Loads the spec file at `path` (as the user wrote it; used in diagnostics).
  public static func load(file path: String, options: SpecOptions = .init()) throws(SpecError)
    -> LoadedSpec
  {
    try load(text: readText(path), file: path, options: options)
  }

  /// Loads a spec from text; `file` names it in diagnostics and gives the default name.
  public static func load(text: String, file: String, options: SpecOptions = .init())
    throws(SpecError) -> LoadedSpec
  {
    var replacements: [Diagnostic] = []
    let tree = try parseTree(text: text, file: file, options: options, replacements: &replacements)
    let outcome = resolve(tree: tree, file: file, options: options)
    var diagnostics = outcome.diagnostics
    if let spec = outcome.spec, !diagnostics.contains(where: { $0.severity == .error }) {
      let varied = checkVariations(
        tree: tree, spec: spec, map: outcome.map, file: file, options: options,
        warnings: &diagnostics)
      diagnostics += varied
      diagnostics += sweptOverrides(spec, file: file, options: options) + replacements
    }
    diagnostics = followingOverrides(
      diagnostics, text: text, file: file, options: options, map: outcome.map, tree: tree
    ).map(SpecDecoder.multirunOverride)
    diagnostics = Diagnostic.sortedByLocation(
      (options.strict ? diagnostics.map(\.strict) : diagnostics).map { $0.advisingASCII() })
    guard let spec = outcome.spec, !diagnostics.contains(where: { $0.severity == .error }) else {
      throw .invalid(diagnostics)
    }
    if !options.variant, tree.child("name") == nil, let note = unreadableNameNote(file, spec.name) {
      diagnostics.insert(note, at: 0)
    }
    var loaded = LoadedSpec(spec: spec, sourceMap: outcome.map, warnings: diagnostics, file: file)
    loaded.text = text
    loaded.limits = options.limits
    loaded.options = options
    loaded.kindDecidedKeys = SpecDecoder.kindDecidedKeys(tree)
    return loaded
  }

  /// Parses the YAML and applies the overrides; `replacements` gets the warnings of those
  /// whose value replaces a whole mapping and leaves keys of it out (`Override.replacement`).
  static func parseTree(
    text: String, file: String, options: SpecOptions, replacements: inout [Diagnostic]
  ) throws(SpecError) -> SpecNode {
    var tree = try YAMLReader(file: file, text: text, limits: options.limits).read()
      .mapError { SpecError.invalid($0.diagnostics.map { $0.advisingASCII() }) }.get()
    let overrides = try Result { () throws(Override.SyntaxError) in
      try options.overrides.map(Override.init(parsing:))
    }.mapError { SpecError.usage($0.description) }.get()
    var diagnostics: [Diagnostic] = []
    for (i, override) in overrides.enumerated() {
      if let warning = override.replacement(in: tree, later: overrides[(i + 1)...]) {
        replacements.append(warning)
      }
      if let error = override.apply(to: &tree) { diagnostics.append(error) }
    }
    if !diagnostics.isEmpty { throw .invalid(diagnostics) }
    return tree
  }

  /// Decodes and validates a tree (a variant's when `options.variant`); `spec` is nil when a
  /// required part could not be read.
  static func resolve(tree: SpecNode, file: String, options: SpecOptions)
    -> (spec: ExperimentSpec?, map: SourceMap, diagnostics: [Diagnostic])
  {
    var decoder = SpecDecoder(
      file: file, fallbackName: defaultName(forFile: file),
      allowOutsideResults: options.allowOutsideResults)
    (decoder.variant, decoder.variedKey) = (options.variant, options.variedKey)
    // The decoder gives no spec when a value is wrong on its own: the others are validated.
    guard let spec = decoder.decodeExperiment(tree) else {
      return (nil, decoder.sourceMap, decoder.diagnostics)
    }
    var validator = SpecValidator(spec: spec, map: decoder.sourceMap, inTrial: decoder.variant)
    validator.curvePoint = options.isCurvePoint
    let diagnostics = decoder.diagnostics + validator.run()
    // Refused by the decoder's rules across keys: its errors and the validator's, no spec.
    if decoder.diagnostics.contains(where: { $0.severity == .error }) {
      return (nil, decoder.sourceMap, diagnostics)
    }
    var resolved = spec
    resolved.resetSeedsWhereNothingIsRandom()
    return (resolved, decoder.sourceMap, diagnostics)
  }

  /// The run name a spec file gets when it has no `name`: its base name, with characters a
  /// name may not hold replaced by `_` (`my spec.yaml` -> `my_spec`), without leading dots or dashes.
  /// A name that lost letters outside ASCII ends in a hash of the base name (`中文.yaml` ->
  /// `__-1c3ac7f5`), so that `中文.yaml` and `日本.yaml` keep results folders of their own.
  public static func defaultName(forFile file: String) -> String {
    let stem = fileStem(file)
    let hash =
      stem.unicodeScalars.allSatisfy(\.isASCII)
      ? "" : "-" + StableHash.hex(StableHash.fnv1a(stem)).prefix(8)
    // A leading '.' would hide the folder among the runner's own (`.history`), a leading '-'
    // would read as an option to `runner compare` and `runner ls`; a name is at
    // most 200 bytes (ASCII), as `name:` may be.
    let visible = String(
      cleanedName(stem).drop { $0 == "." || $0 == "-" }.prefix(
        ExperimentSpec.folderNameLimit - hash.count))
    return visible.isEmpty && hash.isEmpty ? "experiment" : visible + hash
  }

  /// The name of the file at path `file` without its extension, composed (NFC): `é` typed or
  /// from a macOS file system (NFD) names one folder.
  static func fileStem(_ file: String) -> String {
    let base = file.split(separator: "/").last.map(String.init) ?? file
    let named = base.precomposedStringWithCanonicalMapping
    return named.lastIndex(of: ".").map { $0 == named.startIndex ? named : String(named[..<$0]) }
      ?? named
  }

  /// `text` with every character a run name may not hold (all but ASCII letters, digits, `.`,
  /// `_` and `-`) replaced by `_`.
  static func cleanedName(_ text: String) -> String {
    String(
      text.unicodeScalars.map { s in
        let c = Character(s)
        return c.isASCII && (c.isLetter || c.isNumber || "._-".contains(c)) ? c : "_"
      })
  }
}
