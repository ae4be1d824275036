import Engine
import Specs

/// The remedy of an exact solve without L2 that fails (a singular design, too few rows), fitted
/// to where the spec's `l2: 0` comes from (tester BD F-b): "add l2" is the spec's fix, but where
/// a validation curve's value or a sweep axis sets l2 to 0 and the spec has l2 of its own, the
/// fix is that 0.
extension TrainingError {
  /// The key whose value 0 sets `regularization.l2` in `loaded`: the validation curve's values
  /// for one of its points, a sweep axis for a trial; nil when the spec's own l2 is 0 (or not).
  static func zeroL2Setter(in loaded: LoadedSpec) -> SpecPath? {
    let l2 = SpecPath("regularization.l2")
    guard loaded.spec.regularization.l2 == 0 else { return nil }
    if loaded.sourceMap.swept[l2] != nil { return SpecPath("sweep.parameters.regularization.l2") }
    if loaded.isCurvePoint, loaded.sourceMap.recorded(l2)?.isOverride == true {
      return SpecPath("report.validation_curve.values")
    }
    return nil
  }

  /// `described(featureNames:)`, its "add l2" said as dropping the 0 `setter` gives l2 (any l2
  /// above 0 makes the exact solver ridge regression, which solves any design and rows).
  func described(featureNames: [String]?, zeroL2By setter: SpecPath?) -> String {
    let text = described(featureNames: featureNames)
    guard let setter, isUnsolvable else { return text }
    return Diagnostic.droppingZeroL2(text, setBy: setter)
  }
}

extension Diagnostic {
  /// This problem of a sweep trial whose axis sets `regularization.l2` to 0, said of that value
  /// at the axis (`with regularization.l2 = 0, …`), which names the trial.
  func atSweptZeroL2(_ loaded: LoadedSpec) -> Diagnostic {
    let l2 = SpecPath("regularization.l2")
    guard let value = loaded.sourceMap.swept[l2] else { return self }
    return atCurveValue(l2, value, loaded.sourceMap.location(of: l2), by: "sweep.parameters")
  }
}
