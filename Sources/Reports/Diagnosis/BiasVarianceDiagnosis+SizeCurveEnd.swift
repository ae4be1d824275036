import Vocabulary

/// A validation curve over a model's size (a polynomial degree, a layer's units) that stops at
/// its pick, or short of a size without high bias, claims no best and no limit: a curve over
/// degrees [1, 2], lowest at 1 with high bias, said that no degree fixed the bias, though 3 did
/// (tester AV F7). The advice is the curve extended past that end, within the key's declared
/// range; at the range's end the curve's reading stands.
extension BiasVarianceDiagnosis {
  /// The advice to extend the spec's curve over the size `key`: up past the largest value tried
  /// when the pick is there, or when the pick still has high bias and no larger size tried trades
  /// it for variance (`underfits`); down past the smallest when the pick is there without high
  /// bias. The new curve keeps every value tried and adds sizes up to three times (or down to a
  /// third of) that end, so its pick is a value tried or one beyond, never back at the end it
  /// left. Nil when the pick is inside the values tried, or the end is `limits`' bound.
  func sizeBeyondEnd(
    _ key: String, subject: String, curve: ValidationCurve, pick: ValidationCurve.Point,
    now: Double, why: String, underfits: Bool, limits: NumberCheck
  ) -> Remedy? {
    let tried = Set(curve.points.map(\.value))
    guard let largest = tried.max(), let smallest = tried.min() else { return nil }
    let (low, high) = limits.bounds
    let beyond = { (factors: [Double]) in
      Set(
        factors.map { factor in
          min(
            max((factor * (factor > 1 ? largest : smallest)).rounded(), low ?? 1), high ?? .infinity
          )
        }
      ).subtracting(tried).sorted()
    }
    let up = underfits || pick.value == largest ? beyond([1.5, 2, 3]).filter { $0 > largest } : []
    let down =
      !underfits && pick.value == smallest
      ? beyond([1.0 / 3, 0.5, 2.0 / 3]).filter { $0 < smallest } : []
    let added = up.isEmpty ? down : up
    guard !added.isEmpty else { return nil }
    let text = { (value: Double) in NumberCheck.text(value) }
    let own = pick.value == now ? ", the spec's value," : ""
    let end = up.isEmpty ? "smallest" : "largest"
    let reason =
      !up.isEmpty && underfits
      ? "but the model has high bias there (its row of `validation_curve.csv`) and "
        + (pick.value == largest
          ? "it is the largest value tried"
          : "the curve stops at \(text(largest)), the largest value tried")
        + ", so a larger `\(key)` may fix it"
      : "but it is the \(end) value tried, so the best `\(key)` may lie beyond it"
    let values = (tried.union(added)).sorted().map(text)
    var advice =
      "\(subject) by the validation curve: \(text(pick.value))\(own) has \(why), \(reason): "
      + "compare in one run: " + Self.curveToTry(key, values: values)
    if curve.heldOutSplit == .test {
      advice +=
        " (chosen on the test set: a `dev` split would keep the test error for the final figure)"
    }
    return Remedy(name: subject, text: advice, role: .setsCurveValue)
  }
}
