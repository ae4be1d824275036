/// A validation-curve point: the spec with the curve's value set, and its problems said of the
/// value where the user wrote it.
extension LoadedSpec {
  /// The spec with `report.validation_curve`'s value `index` set, as `--set parameter=value` on
  /// the resolved spec sets it (its locations are in that canonical text, not the user's file),
  /// as the point trains (`ExperimentSpec.curvePointTraining`) and marked as a point.
  public func curvePoint(_ index: Int) throws(SpecError) -> LoadedSpec {
    guard let curve = spec.report.validationCurve, curve.values.indices.contains(index) else {
      return self
    }
    let options = SpecOptions(
      overrides: ["\(curve.parameter)=\(curve.values[index])"], allowOutsideResults: true
    ).asVariant
    var point = try SpecLoader.load(
      text: SpecWriter.canonical(spec), file: file, options: options)
    // Left out after loading: the canonical text keeps the seed the analyses read.
    point.spec = point.spec.curvePointTraining
    point.isCurvePoint = true
    return point
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

extension ExperimentSpec {
  /// What a validation-curve point trains: the spec once more at its value, without the run's
  /// bootstrap and learning curve, which are drawn at the spec's own value only.
  public var curvePointTraining: ExperimentSpec {
    var point = self
    (point.report.bootstrap, point.report.learningCurve) = (nil, nil)
    return point
  }
}

extension Diagnostic {
  /// How the reasons of an exact solve without L2 that fails advise L2 (tester BD F-b).
  public static let addL2Advice = "add l2"

  /// `reason` (of an exact solve without L2 that fails) with its "add l2" said as dropping the
  /// 0 that `setter` (a validation curve's values, a sweep axis) gives l2 where the spec has l2
  /// of its own: any l2 above 0 makes the exact solver ridge regression, which solves any rows.
  public static func droppingZeroL2(_ reason: String, setBy setter: SpecPath) -> String {
    reason.replacingOccurrences(
      of: addL2Advice, with: "drop the 0 from \(setter): any l2 above 0 solves it")
  }

  /// The message and note of a curve's point (`point`, of a validation curve by default; `curve`
  /// names scikit-learn's function) the run will record as failed, `reason` saying why it
  /// cannot be trained: kept with nan errors, as scikit-learn's `error_score=nan`.
  public static func failedCurvePoint(
    _ reason: String, point: String = "the validation curve's point",
    curve: String = "validation_curve"
  ) -> (message: String, note: String) {
    (
      "\(point) would be recorded as failed (nan errors): \(reason)",
      "the rest of the curve and the run's results are written, as scikit-learn's "
        + "\(curve) keeps a failed fit (error_score=nan)"
    )
  }
}
