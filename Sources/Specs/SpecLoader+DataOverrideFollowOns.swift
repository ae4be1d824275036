/// An error on the data that only a `--set` brings about (tester BA F-F: `--set
/// model.multiclass=softmax` makes the file's `loss: binary_cross_entropy` wrong for three
/// classes) names that `--set`, and its fix-it is a `--set`, as the spec's own rules' are.
extension SpecLoader {
  /// `diagnostics` (the rules on the data `facts` for `loaded`) as `followingOverrides` notes
  /// them, the spec loaded again without each override and checked against the same facts; as
  /// they are when an override changes `dataset` (the facts are then of other data).
  static func followingOverrides(_ diagnostics: [Diagnostic], loaded: LoadedSpec, facts: DataFacts)
    -> [Diagnostic]
  {
    let options = loaded.options
    var replaced: [Diagnostic] = []
    let data: SpecPath = "dataset"
    guard let text = loaded.text, !options.overrides.isEmpty,
      !options.overrides.contains(where: {
        (try? Override(parsing: $0)).map { data.isWithin($0.path) || $0.path.isWithin(data) }
          ?? true
      }),
      let tree = try? parseTree(
        text: text, file: loaded.file, options: options, replacements: &replaced)
    else { return diagnostics }
    return followingOverrides(diagnostics, options: options, map: loaded.sourceMap, tree: tree) {
      overrides, loading in
      var plain = options
      (plain.overrides, plain.strict, plain.blamesOverrides) = (overrides, false, false)
      do throws(SpecError) {
        return checked(try load(text: text, file: loaded.file, options: plain), against: facts)
      } catch {
        guard case .invalid(let diagnostics) = error, !loading else { return nil }
        return diagnostics
      }
    }
  }
}
