import Foundation

/// Regularization advice that converges: a step of ×10 or ÷10 per run bounces past a strength
/// that lies between (the cat went 0.03 → 0.3 → 0.03), so each step also offers the validation
/// curve over the values it spans, which trains them all in one run; once the spec has a
/// validation curve over the key, the advice is its value with the lowest held-out error.
extension BiasVarianceDiagnosis {
  /// Weaker `regularization.l2` and `regularization.l1` when set: a tenth of each.
  var weakerRegularization: [String] {
    [("regularization.l2", context.l2), ("regularization.l1", context.l1)].compactMap {
      key, value in
      guard let value, value > 0 else { return nil }
      return regularizationStep("weaken regularization", "lower", key, from: value, to: value / 10)
    }
  }

  /// Stronger `regularization.l2` when set (tenfold), else added at 0.1.
  var strongerRegularization: String {
    let key = "regularization.l2"
    if let l2 = context.l2, l2 > 0 {
      return regularizationStep("stronger regularization", "raise", key, from: l2, to: l2 * 10)
    }
    if context.validationCurveParameter == key { return Self.curvePick("add regularization", key) }
    return
      "add regularization: `regularization: {l2: 0.1}`, or compare strengths in one run: `validation_curve: {parameter: \(key), values: [0, 0.001, 0.01, 0.1, 1]}` under `report`"
  }

  /// `remedy: set key (now …) to the value with the lowest held-out error in
  /// validation_curve.csv`, for a spec whose validation curve is over `key`.
  static func curvePick(_ remedy: String, _ key: String, now: String? = nil) -> String {
    "\(remedy): set `\(key)`\(now.map { " (now \($0))" } ?? "") to the value with the lowest "
      + "held-out error in `validation_curve.csv` (if that is an end value above 0, add values "
      + "beyond it)"
  }

  /// `remedy`: `verb` `key` from `value` to `target`, or compare the values between in one run
  /// (both ends and a round value halfway on a log scale) with a validation curve; when the
  /// spec already has a validation curve over `key`, its value with the lowest held-out error.
  private func regularizationStep(
    _ remedy: String, _ verb: String, _ key: String, from value: Double, to target: Double
  ) -> String {
    let lower = target < value
    if context.validationCurveParameter == key {
      return Self.curvePick(remedy, key, now: Self.spec(value))
    }
    let middle = Self.advised(Self.roundBetween(value, target))
    let values =
      lower
      ? [Self.advised(target), middle, Self.spec(value)]
      : [Self.spec(value), middle, Self.advised(target)]
    return
      "\(remedy): \(verb) `\(key)` from \(Self.spec(value)) to \(Self.advised(target)), or compare in one run: `validation_curve: {parameter: \(key), values: [\(values.joined(separator: ", "))]}` under `report`"
  }

  /// The round value (1 or 3 times a power of ten: 0.01, 0.03, 0.1, 0.3, …) nearest, on a log
  /// scale, to the geometric mean of `a` and `b`, a tenfold step apart: strictly between them
  /// (0.1 between 0.03 and 0.3, 0.3 between 0.1 and 1).
  static func roundBetween(_ a: Double, _ b: Double) -> Double {
    let middle = (log10(a) + log10(b)) / 2
    let decade = floor(middle)
    let candidates = [decade, decade + log10(3), decade + 1]
    let nearest = candidates.min { abs($0 - middle) < abs($1 - middle) } ?? middle
    return pow(10, nearest)
  }
}
