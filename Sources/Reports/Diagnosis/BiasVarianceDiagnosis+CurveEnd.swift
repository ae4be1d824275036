/// A validation curve whose pick is at an end of the values it tried claims no best: the best
/// strength may lie beyond, so the advice is the curve past that end. The cat's curve over
/// `l2` [0.03, 0.1, 0.3] was lowest at 0.3, and its learner was sent back to 0.1, where it had
/// been high variance (AR5); past 0.3 it is lowest at 1.0.
extension BiasVarianceDiagnosis {
  /// The advice to extend the spec's curve over `key` past the end where its pick lies (the
  /// largest value tried, or the smallest above 0; `why`: the clause saying why it was picked):
  /// a third of it, it and three times it, so that the pick is inside the next curve, whose
  /// pick is then it or a value that does as well or better, never back at the end it left.
  /// Nil when the pick is inside the values tried, or when a dropout rate would reach 1.
  func beyondEnd(
    _ key: String, subject: String, curve: ValidationCurve, pick: ValidationCurve.Point,
    now: Double, why: String
  ) -> Remedy? {
    let values = curve.points.map(\.value)
    let end =
      pick.value == values.max()
      ? "largest" : pick.value == values.min() && pick.value > 0 ? "smallest" : nil
    // A dropout rate stays below 1: no curve above a largest value tried of 0.5.
    let above = Self.roundNear(pick.value * 3)
    guard let end, !key.hasSuffix(".dropout") || above < 1 else { return nil }
    let around = [Self.roundNear(pick.value / 3), pick.value, above].map(Self.advised)
    let own = pick.value == now ? ", the spec's value," : ""
    var text =
      "\(subject) by the validation curve: \(Self.spec(pick.value))\(own) has \(why), but it "
      + "is the \(end) value tried, so the best `\(key)` may lie beyond it: compare in one run: "
      + Self.curveToTry(key, values: around)
    if curve.heldOutSplit == .test {
      text +=
        " (chosen on the test set: a `dev` split would keep the test error for the final figure)"
    }
    return Remedy(name: subject, text: text, role: .setsCurveValue)
  }
}
