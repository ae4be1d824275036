import Specs

extension ExperimentRunner {
  /// Checks the data of each validation-curve point whose value changes `dataset` (its rows, its
  /// split, its preprocessing) as `checkData` checks the spec's: a rule the point's data breaks
  /// (batch norm left a 1-row mini-batch, a polynomial too wide) is refused at the value in the
  /// user's file, as the run would fail the point. (Points on the spec's own data are checked
  /// with it: `SpecLoader.check`.)
  static func checkCurveData(
    _ loaded: LoadedSpec, context: ProjectContext, checked: inout CheckedData
  ) throws(PipelineError) {
    guard let curve = loaded.spec.report.validationCurve else { return }
    for index in curve.values.indices {
      // A value the spec's rules refuse is reported by `SpecLoader.load` already.
      guard var point = try? loaded.curvePoint(index), point.spec.dataset != loaded.spec.dataset
      else { continue }
      point.spec.report.validationCurve = nil
      do {
        _ = try checkData(point, context: context, checked: &checked)
      } catch {
        // Data the point cannot prepare (polynomial degree 5 on 30 features) is refused as the
        // same value given with --set is; the run records a point failed later (diverged).
        let diagnostics: [Diagnostic]
        switch error {
        case .spec(.invalid(let found)), .data(_, let found): diagnostics = found
        default: continue
        }
        let errors = diagnostics.filter { $0.severity == .error }
        throw .spec(.invalid(loaded.atCurvePoint(index, errors)))
      }
    }
  }
}
