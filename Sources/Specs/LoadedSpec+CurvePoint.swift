/// A validation-curve point: the spec with the curve's value set, and its problems said of the
/// value where the user wrote it.
extension LoadedSpec {
  /// The spec with `report.validation_curve`'s value `index` set, as `--set parameter=value` on
  /// the resolved spec sets it (its locations are in that canonical text, not the user's file).
  public func curvePoint(_ index: Int) throws(SpecError) -> LoadedSpec {
    guard let curve = spec.report.validationCurve, curve.values.indices.contains(index) else {
      return self
    }
    let options = SpecOptions(
      overrides: ["\(curve.parameter)=\(curve.values[index])"], allowOutsideResults: true
    ).asVariant
    return try SpecLoader.load(text: SpecWriter.canonical(spec), file: file, options: options)
  }

  /// The `diagnostics` of curve point `index` (located in its canonical text), said of the value
  /// in the user's file: `with parameter = value, …` at `values[index]`.
  public func atCurvePoint(_ index: Int, _ diagnostics: [Diagnostic]) -> [Diagnostic] {
    guard let curve = spec.report.validationCurve, curve.values.indices.contains(index) else {
      return diagnostics
    }
    let at = sourceMap.location(
      of: SpecPath("report.validation_curve.values").appending(index: index))
    return diagnostics.map { $0.atCurveValue(curve.parameter, curve.values[index], at) }
  }
}
