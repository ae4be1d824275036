/// A spec's document with its overrides applied and without `sweep`: what each sweep trial
/// resolves.
public struct TrialTree: Sendable {
  let node: SpecNode
}

extension SpecLoader {
  /// The trial tree of spec `text`, read from `file` (named in diagnostics).
  public static func trialTree(text: String, file: String, options: SpecOptions)
    throws(SpecError) -> TrialTree
  {
    // The replacements' warnings are said by `load` of the spec.
    var replacements: [Diagnostic] = []
    return TrialTree(
      node: try parseTree(text: text, file: file, options: options, replacements: &replacements)
        .withoutSweep)
  }

  /// Resolves `tree` once per combination (nil where it does not resolve), each axis's value
  /// set as if written at the axis; throws every trial's errors (warnings too under `strict`,
  /// as errors), each noted with its setting. `warnings` gathers the trials' other warnings,
  /// each once, noted with the first trial that gives it.
  public static func resolve(
    _ tree: TrialTree, combos: [[(SweepAxis, SpecValue)]], file: String, options: SpecOptions,
    warnings: inout [Diagnostic]
  ) throws(SpecError) -> [(spec: ExperimentSpec, map: SourceMap)?] {
    var diagnostics: [Diagnostic] = []
    // A warning is the same when its location and message are.
    func key(_ d: Diagnostic) -> String { "\(d.location.map { "\($0)" } ?? "") \(d.message)" }
    var seen = Set(warnings.map(key))
    // The distinct origins read so far (a swept `type` gives a few): each trial's map shares one.
    var readOrigins: [SourceMap] = []
    let resolved = combos.map { combo -> (spec: ExperimentSpec, map: SourceMap)? in
      var variant = tree.node
      diagnostics += combo.compactMap { axis, value in
        let location = axis.location ?? SourceLocation(source: .file(file), line: 1, column: 1)
        return variant.set(axis.path, to: SpecNode(value, at: location), at: location)
      }
      var outcome = resolve(tree: variant, file: file, options: options.asVariant)
      // A warning at a swept value is what the sweep sets out to compare (`init: zeros` in a
      // study of initializations): a note, which `--strict` lets pass.
      let swept = Set(combo.compactMap(\.0.location))
      for (i, d) in outcome.diagnostics.enumerated()
      where d.severity == .warning && d.location.map(swept.contains) == true {
        outcome.diagnostics[i].severity = .note
      }
      let errors = outcome.diagnostics.filter {
        $0.severity == .error || (options.strict && $0.severity == .warning)
      }
      // Written only for a trial's new diagnostics.
      let setting = { combo.map { "\($0.0.path)=\(YAMLText.flow($0.1))" }.joined(separator: ", ") }
      guard let spec = outcome.spec, errors.isEmpty else {
        diagnostics += errors.map { $0.strict.noting("in the trial \(setting())") }
        return nil
      }
      warnings += outcome.diagnostics.filter {
        seen.insert(key($0)).inserted
      }.map { $0.noting("in the trial \(setting())") }
      var map = outcome.map
      if !map.shareOrigins(with: readOrigins), readOrigins.count < 8 { readOrigins.append(map) }
      for (axis, value) in combo { map.swept[axis.path] = value }
      return (spec, map)
    }
    if !diagnostics.isEmpty { throw .invalid(Diagnostic.sortedByLocation(diagnostics)) }
    return resolved
  }
}
