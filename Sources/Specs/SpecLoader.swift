import Conventions
import Foundation

/// Options for loading a spec.
public struct SpecOptions: Sendable {
  /// `--set key.path=value` arguments, applied in order after the file.
  public var overrides: [String] = []
  /// Treat warnings as errors.
  public var strict = false
  /// Allow `name`/`output` to point outside the results directory.
  public var allowOutsideResults = false
  /// Caps on the spec's size and nesting, so a huge or hostile file fails cleanly.
  public var limits = ReadLimits()
  /// A variant of a valid spec (a sweep trial, a curve point): a key its values make change
  /// nothing or not apply is a warning and left out of its canonical spec, not an error.
  public var variant = false
  /// In a variant, where the key it varies is written (a validation curve's `parameter`): that
  /// key not applying is refused as if written directly, since every point sets it.
  var variedKey: SourceLocation?

  /// These options for a variant of the spec (a sweep trial, a curve point).
  var asVariant: SpecOptions {
    var options = self
    options.variant = true
    return options
  }

  /// Options with `overrides` applied in order, strictness and results-directory permission.
  public init(overrides: [String] = [], strict: Bool = false, allowOutsideResults: Bool = false) {
    self.overrides = overrides
    self.strict = strict
    self.allowOutsideResults = allowOutsideResults
  }
}

/// A spec that loaded: the typed spec, where each value came from, and any warnings.
public struct LoadedSpec: Sendable {
  /// The typed, validated experiment with every default filled in.
  public var spec: ExperimentSpec
  /// Where each resolved value came from, to locate later diagnostics.
  public var sourceMap: SourceMap
  /// Warnings (never errors: a spec with errors does not load).
  public var warnings: [Diagnostic]
  /// The spec file as given.
  public var file: String
  /// The spec's text as read (nil for one made otherwise): `folderOverrides` reads the spec
  /// without its overrides from it.
  public var text: String?
  /// The limits the text was read under: `folderOverrides` reads it again under the same ones.
  var limits = ReadLimits()
  /// Whether the spec's `output` is its name (no `output` written or set): a `--set name=`
  /// then names the results folder itself (`RunFolderName`).
  public var outputFromName: Bool { sourceMap.origin(of: "output")?.location == nil }

  /// A loaded `spec` from `file` with its source map and warnings.
  public init(spec: ExperimentSpec, sourceMap: SourceMap, warnings: [Diagnostic] = [], file: String)
  {
    self.spec = spec
    self.sourceMap = sourceMap
    self.warnings = warnings
    self.file = file
  }
}

/// Why a spec did not load; `exitCode` follows the runner's conventions.
public enum SpecError: Error, Sendable, CustomStringConvertible {
  /// The spec file (or the project configuration) does not exist or cannot be read (exit 66).
  case missingFile(path: String, reason: String, document: SpecDocument = .spec)
  /// A malformed command-line override (exit 64).
  case usage(String)
  /// Errors in the spec or its overrides, with any warnings, sorted by location (exit 65).
  case invalid([Diagnostic])

  /// The process exit status: 66 missing file, 64 usage error, 65 invalid spec.
  public var exitCode: ExitStatus {
    switch self {
    case .missingFile: .noInput
    case .usage: .usage
    case .invalid: .dataError
    }
  }

  /// The diagnostics to show (one for a missing file or usage error).
  public var diagnostics: [Diagnostic] {
    switch self {
    case .missingFile(let path, let reason, let document):
      [Diagnostic(.error, at: nil, "cannot read \(document.object) '\(path)': \(reason)")]
    case .usage(let message): [Diagnostic(.error, at: nil, message)]
    case .invalid(let list): list
    }
  }

  /// The rendered diagnostics, one per line, without colour.
  public var description: String { DiagnosticRenderer().render(diagnostics) }
}

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
      diagnostics += checkVariations(
        tree: tree, spec: spec, map: outcome.map, file: file, options: options,
        warnings: diagnostics)
      diagnostics += sweptOverrides(spec, options: options) + replacements
    }
    diagnostics = Diagnostic.sortedByLocation(
      options.strict ? diagnostics.map(\.strict) : diagnostics)
    guard let spec = outcome.spec, !diagnostics.contains(where: { $0.severity == .error }) else {
      throw .invalid(diagnostics)
    }
    var loaded = LoadedSpec(spec: spec, sourceMap: outcome.map, warnings: diagnostics, file: file)
    loaded.text = text
    loaded.limits = options.limits
    return loaded
  }

  /// The UTF-8 text of the spec file (or other `document`) at `path`; a missing, directory or
  /// non-UTF-8 file throws, naming the document.
  public static func readText(_ path: String, document: SpecDocument = .spec) throws(SpecError)
    -> String
  {
    let entry = PathEntry.of(path)
    if path == "-", entry == .missing {
      throw .missingFile(
        path: path,
        reason: "a spec is read from a file, not from standard input: save it to a file",
        document: document)
    }
    if entry == .missing, let target = PathEntry.linkTarget(path) {
      throw .missingFile(
        path: path, reason: "is a symbolic link to \(target), which does not exist",
        document: document)
    }
    if entry == .missing {
      let nearby = nearbySpec(for: path).map { "; did you mean '\($0)'?" } ?? ""
      throw .missingFile(path: path, reason: "no such file" + nearby, document: document)
    }
    // Only a regular file is read: a pipe or device may block or never end.
    if let refusal = entry.refusal {
      throw .missingFile(path: path, reason: refusal, document: document)
    }
    let folder = PathText.folder(of: path)
    if PathEntry.isPastPathLimit(folder.isEmpty ? "." : folder) {
      throw .missingFile(
        path: path,
        reason: "its folder's absolute path is longer than the system allows (\(PATH_MAX) "
          + "bytes), so neither its data nor runner.yaml nor the results folder can be found; "
          + "move it to a shorter path", document: document)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      // Why, in the system's words: a full table of open files is no permission problem.
      let reason = OSErrorText.openingCode(path).map(OSErrorText.of) ?? "unreadable"
      throw .missingFile(path: path, reason: reason, document: document)
    }
    // A data file given as the spec: by its extension, or (not named .yaml/.yml/.json) CSV rows
    // that do not read as a YAML mapping.
    let text = String(data: data, encoding: .utf8)
    let rows = text?.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") } ?? []
    let type = (path as NSString).pathExtension.lowercased()
    var isRows =
      !["yaml", "yml", "json"].contains(type) && !rows.isEmpty
      && rows.allSatisfy { $0.contains(",") } && !"{[".contains(rows[0].first ?? "{")
    if isRows, case .success(.mapping) = YAMLReader(file: path, text: text ?? "").read() {
      isRows = false
    }
    if ["csv", "npy", "npz", "h5", "hdf5", "idx", "gz"].contains(type) || isRows {
      throw .invalid([
        Diagnostic(
          .error, at: SourceLocation(source: .file(path), line: 1, column: 1),
          "'\(path)' looks like a data file, not a spec",
          note: "a spec is a YAML file that names it under dataset.file, e.g. "
            + "`dataset: {file: \((path as NSString).lastPathComponent)}`")
      ])
    }
    guard let text else {
      let name = (path as NSString).lastPathComponent
      let stem = (name as NSString).deletingPathExtension
      let converted =
        "\(stem)-utf8.\((name as NSString).pathExtension.isEmpty ? "yaml" : (name as NSString).pathExtension)"
      if let encoding = UnicodeMark.encoding(of: Array(data.prefix(4))) {
        throw .invalid([
          Diagnostic(
            .error, at: SourceLocation(source: .file(path), line: 1, column: 1),
            "\(document.subject) is \(encoding) text (it starts with a \(encoding) byte-order "
              + "mark; Windows Notepad's \"Unicode\" writes it), not UTF-8",
            note: "convert it with `iconv -f \(encoding.lowercased()) -t utf-8 \(name) > "
              + "\(converted)`")
        ])
      }
      // The offset of the first byte that does not start a valid UTF-8 sequence.
      var bytes = data.makeIterator()
      var parser = Unicode.UTF8.ForwardParser()
      var offset = 0
      while case .valid(let scalar) = parser.parseScalar(from: &bytes) { offset += scalar.count }
      let before = data.prefix(offset)
      let line = before.count { $0 == UInt8(ascii: "\n") } + 1
      // Columns count characters, as every other location in the spec does.
      let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? before.startIndex
      let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
      let location = SourceLocation(source: .file(path), line: line, column: column)
      throw .invalid([
        Diagnostic(
          .error, at: location, "\(document.subject) is not valid UTF-8 (byte \(offset))",
          note: "a latin-1 or Windows file converts with `iconv -f cp1252 -t utf-8 \(name) > "
            + "\(converted)`")
      ])
    }
    return text
  }

  /// A spec file near the missing `path`: with `.yaml` added or `.yml`/`.yaml` swapped, under
  /// `experiments/`, or a spec in its folder a typo away; nil when there is none.
  static func nearbySpec(for path: String) -> String? {
    let name = path as NSString
    let stem = name.pathExtension.isEmpty ? path : name.deletingPathExtension
    let forms = [stem + ".yaml", stem + ".yml"]
    let candidates = forms + (path.hasPrefix("/") ? [] : forms.map { "experiments/" + $0 })
    let found = candidates.first { $0 != path && FileManager.default.fileExists(atPath: $0) }
    if let found { return found }
    let folder = PathText.folder(of: path)
    let specs =
      (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder))?
      .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && $0 != ProjectConfig.fileName }
    // Stems are compared: the shared `.yaml` made 'nope.yaml' near enough to 'long.yaml'.
    let stems = (specs ?? []).sorted().map { ($0, ($0 as NSString).deletingPathExtension) }
    let typed = (name.lastPathComponent as NSString).deletingPathExtension
    return typed.closest(among: stems.map(\.1)).flatMap { stem in
      stems.first { $0.1 == stem }.map { (folder as NSString).appendingPathComponent($0.0) }
    }
  }

  /// Parses the YAML and applies the overrides; `replacements` gets the warnings of those
  /// whose value replaces a whole mapping and leaves keys of it out (`Override.replacement`).
  static func parseTree(
    text: String, file: String, options: SpecOptions, replacements: inout [Diagnostic]
  ) throws(SpecError) -> SpecNode {
    var tree = try YAMLReader(file: file, text: text, limits: options.limits).read()
      .mapError { SpecError.invalid([$0.diagnostic]) }.get()
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
    // The decoder gives no spec when it found errors: only an error-free one is validated.
    guard let spec = decoder.decodeExperiment(tree) else {
      return (nil, decoder.sourceMap, decoder.diagnostics)
    }
    var validator = SpecValidator(spec: spec, map: decoder.sourceMap, inTrial: decoder.variant)
    let diagnostics = decoder.diagnostics + validator.run()
    var resolved = spec
    resolved.resetSeedsWhereNothingIsRandom()
    return (resolved, decoder.sourceMap, diagnostics)
  }

  /// A `--set` of a key the sweep varies (every trial sets it from its axis) is refused at the
  /// override: no trial would take its value, yet the sweep folder would be named by it. One of
  /// a key a later `--set` replaces (`seed=1 … seed=2`) has no effect: a warning there.
  static func sweptOverrides(_ spec: ExperimentSpec, options: SpecOptions) -> [Diagnostic] {
    let swept = Set((spec.sweep?.axes ?? []).map(\.path))
    let overrides = options.overrides.compactMap { try? Override(parsing: $0) }
    return overrides.enumerated().compactMap { i, o in
      if swept.contains(o.path) {
        return Diagnostic(
          .error, at: o.keyLocation,
          "--set \(o.path) cannot take effect: the sweep sets it in every trial, so no trial "
            + "would train with it (and the folder would be named by it)",
          note: o.removes
            ? "remove the axis too: --set '~sweep.parameters.\(o.path)'"
            : "set the axis to that value: --set 'sweep.parameters.\(o.path)=[\(o.valueText)]', "
              + "or remove the axis: --set '~sweep.parameters.\(o.path)' --set '\(o.text)'")
      }
      return overrides[(i + 1)...].first { o.path.isWithin($0.path) }.map {
        Diagnostic(
          .warning, at: o.keyLocation,
          "--set \(o.path) has no effect: the later --set \($0.text) replaces it")
      }
    }
  }

  /// The run name a spec file gets when it has no `name`: its base name, with characters a
  /// name may not hold replaced by `_` (`my spec.yaml` -> `my_spec`), without leading dots or dashes.
  /// A name that lost letters outside ASCII ends in a hash of the base name (`中文.yaml` ->
  /// `__-1c3ac7f5`), so that `中文.yaml` and `日本.yaml` keep results folders of their own.
  public static func defaultName(forFile file: String) -> String {
    let base = file.split(separator: "/").last.map(String.init) ?? file
    // Composed (NFC): `é` typed or from a macOS file system (NFD) names one folder.
    let named = base.precomposedStringWithCanonicalMapping
    let stem =
      named.lastIndex(of: ".").map { $0 == named.startIndex ? named : String(named[..<$0]) }
      ?? named
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

  /// `text` with every character a run name may not hold (all but ASCII letters, digits, `.`,
  /// `_` and `-`) replaced by `_`.
  static func cleanedName(_ text: String) -> String {
    String(
      text.unicodeScalars.map { s in
        let c = Character(s)
        return c.isASCII && (c.isLetter || c.isNumber || "._-".contains(c)) ? c : "_"
      })
  }

  /// Validation-curve values and sweep values are checked as if each were set in the file:
  /// the trial's own problems are reported at the value, and a curve point's warnings too, but
  /// those the spec (read as `spec` with `map`) gives itself (`warnings`).
  static func checkVariations(
    tree: SpecNode, spec: ExperimentSpec, map: SourceMap, file: String, options: SpecOptions,
    warnings: [Diagnostic]
  ) -> [Diagnostic] {
    var out: [Diagnostic] = []
    let curveValues = tree.child("report", "validation_curve", "values")?.items ?? []
    let variations =
      spec.report.validationCurve.map { curve in curveValues.map { [(curve.parameter, $0)] } }
      ?? []
    let curveKey = tree.child("report", "validation_curve", "parameter")?.location
    let sweepVariations: [[(SpecPath, SpecNode)]] =
      spec.sweep.map { sweep in
        // Each value of an axis is checked with the first value of every other axis, since axes
        // may depend on each other (a swept optimizer type and its batch size).
        let probes: [[SpecNode]] = sweep.axes.map { axis in
          writtenAxisValues(axis.path, in: tree)?.items
            ?? axis.probeValues(every: sweep.method == .bayes).map {
              SpecNode(
                $0, at: axis.location ?? SourceLocation(source: .file(file), line: 1, column: 1))
            }
        }
        let firsts = zip(sweep.axes, probes).map { axis, values in
          values.first.map { (axis.path, $0) }
        }
        return sweep.axes.enumerated().flatMap { i, axis in
          let others = firsts.enumerated().compactMap { j, first in j == i ? nil : first }
          return probes[i].map { others + [(axis.path, $0)] }
        }
      } ?? []
    var seen = Set<String>()
    var firstValues: Set<String> = []  // errors elsewhere with every axis at its first value
    let spoken = Set(warnings)
    var pointsDraw = false  // whether a curve point draws from its seed
    for (index, combo) in (variations + sweepVariations).enumerated() {
      var variant = tree.withoutSweep  // key paths never lead into `sweep`
      guard case (let path, let value)? = combo.last else { continue }
      let location = value.location
      // A curve's key is set where `parameter` names it: a problem of the key is located there.
      let key = index < variations.count ? curveKey ?? location : location
      let problems =
        combo.dropLast().compactMap { variant.set($0, to: $1, at: $1.location) }
        + [variant.set(path, to: value, at: key)].compactMap { $0 }
      for d in problems where d.location == key && seen.insert(d.message + "\(key)").inserted {
        out.append(d)
      }
      if !problems.isEmpty { continue }
      var variantOptions = options.asVariant
      variantOptions.variedKey = index < variations.count ? key : nil
      let outcome = resolve(tree: variant, file: file, options: variantOptions)
      let point = index < variations.count
      if point, let drawn = outcome.spec?.curvePointSeedReaders(outcome.map), !drawn.isEmpty {
        pointsDraw = true
      }
      // A sweep trial's warnings are said as the sweep resolves it (`SpecLoader.resolve`). A
      // point's warning at the key the curve varies, or at the step or layer holding it, is what
      // the curve sets out to compare (degree 1 of a curve over a polynomial step's degree
      // "changes nothing"), as a swept value's is: not said.
      let items = path.components.indices.filter {
        if case .index = path.components[$0] { true } else { false }
      }
      let compared = Set(
        [key]
          + items.compactMap { outcome.map.location(of: SpecPath(Array(path.components[...$0]))) })
      for var d in outcome.diagnostics
      where d.severity == .error
        || (point && d.severity == .warning && !spoken.contains(d)
          && d.location.map(compared.contains) != true)
      {
        // A fix-it for the key is not what to write in the list that holds the value.
        if d.location == location, let fixIt = d.fixIt {
          d.fixIt =
            (index < variations.count
              ? listFixIt(fixIt, path: path, at: location, items: curveValues, key: "values")
              : sweepListFixIt(fixIt, path: path, at: location, tree: tree)) ?? fixIt
        }
        if d.location != location && d.location != key {
          // Another axis's value (reported with its own probes) is not this value's doing.
          if combo.dropLast().contains(where: { $0.1.location == d.location }) { continue }
          // Only the value differs from the valid spec: the error is its doing, unless every
          // axis at its first value gives it too (then it is so only in a one-axis sweep).
          let swept = index >= variations.count
          if index == variations.count { firstValues.insert(d.message) }
          if swept && firstValues.contains(d.message) && spec.sweep?.axes.count != 1 { continue }
          d = d.atCurveValue(
            path, value.value, location,
            ruleLine: d.location.flatMap { if case .file = $0.source { $0.line } else { nil } },
            by: swept ? "sweep.parameters" : "report.validation_curve")
        }
        if seen.insert(d.message + "\(d.location.map { "\($0)" } ?? "")").inserted { out.append(d) }
      }
    }
    if spec.report.validationCurve != nil && !pointsDraw {
      out += unusedSeedBesideCurve(spec, map: map)
    }
    guard let sweep = spec.sweep else { return out }
    return out.map { saidOfRounding($0, tree: tree, sweep: sweep) }
  }
}
