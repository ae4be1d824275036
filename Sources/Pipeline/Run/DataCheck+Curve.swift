import Specs

extension ExperimentRunner {
  /// Checks the data of each validation-curve point whose value changes `dataset` (its rows, its
  /// split, its preprocessing) as `checkData` checks the spec's: a rule the point's data breaks
  /// (batch norm left a 1-row mini-batch, a polynomial too wide) is refused at the value in the
  /// user's file, as the run would fail the point. A point the exact solver cannot solve (too
  /// few rows, a singular design) is recorded as failed by the run: returned as a warning at
  /// the value; so is a point that solves the spec's own data without penalty (`l2 = 0`), which a
  /// singular design refuses where the spec's penalty solved it (tester BD F-h). (Other points
  /// on the spec's own data are checked with it: `SpecLoader.check`.)
  static func checkCurveData(
    _ loaded: LoadedSpec, context: ProjectContext, checked: inout CheckedData
  ) throws(PipelineError) -> [Diagnostic] {
    guard let curve = loaded.spec.report.validationCurve else { return [] }
    var warnings: [Diagnostic] = []
    for index in curve.values.indices {
      // A value the spec's rules refuse is reported by `SpecLoader.load` already.
      guard var point = try? loaded.curvePoint(index) else { continue }
      let sameData = point.spec.dataset == loaded.spec.dataset
      guard !sameData || solvesUnpenalized(point, unlike: loaded) else { continue }
      point.spec.report.validationCurve = nil
      do {
        _ = try checkData(point, context: context, checked: &checked)
      } catch {
        // Data the point cannot prepare (polynomial degree 5 on 30 features) is refused as the
        // same value given with --set is; the run records a point failed later (diverged).
        let diagnostics: [Diagnostic]
        switch error {
        case .spec(.invalid(let found)), .data(_, let found): diagnostics = found
        case .training(let failure, let refusal) where failure.isUnsolvable:
          // The refusal's message names a collinear feature and fits its remedy to the point.
          let failed = Diagnostic.failedCurvePoint(refusal.message)
          let said = Diagnostic(.warning, at: nil, failed.message, note: failed.note)
          // On the spec's own rows, too few rows for the unknowns is said of the value by the
          // spec's rules (`SpecLoader.check`) already.
          if sameData, case .tooFewRows = failure { continue }
          warnings += loaded.atCurvePoint(index, [said])
          continue
        default: continue
        }
        let errors = diagnostics.filter { $0.severity == .error }
        throw .spec(.invalid(loaded.atCurvePoint(index, errors)))
      }
    }
    return warnings
  }

  /// Whether curve point `point` solves exactly with no L2 penalty where the spec `loaded` it
  /// comes from has one: a design the penalty made solvable may be singular without it.
  private static func solvesUnpenalized(_ point: LoadedSpec, unlike loaded: LoadedSpec) -> Bool {
    exactSolve(point.spec) != nil && point.spec.regularization.l2 == 0
      && loaded.spec.regularization.l2 > 0
  }
}
