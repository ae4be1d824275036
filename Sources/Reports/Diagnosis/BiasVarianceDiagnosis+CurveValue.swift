import Foundation

/// A validation curve over a key no other remedy reads (the learning rate, the batch size, the
/// epochs) is read too: its value with the lowest held-out error, when that is clearly below the
/// spec's own, comes first. The sine network at Adam's 0.0003, high bias, was told to train
/// longer and to grow, though its own curve put 0.03 at dev error 0.0228 against 0.237 (tester
/// AV F9).
extension BiasVarianceDiagnosis {
  /// True for a key whose curve another remedy reads (a penalty, a layer's dropout or units, the
  /// polynomial degree), or which no curve should choose: a seed (the luckiest draw), and the
  /// data itself (the generator's noise or samples, the split's fractions: a curve over them
  /// studies the data, and a held-out set chosen by its own error means nothing).
  static func curveReadElsewhere(_ key: String) -> Bool {
    let layer = key.hasPrefix("model.layers[")
    let preprocessing = key.hasPrefix("dataset.preprocessing[")
    return DiagnosisContext.penaltyKeys.contains(key)
      || layer && (key.hasSuffix("].dropout") || key.hasSuffix("].units"))
      || preprocessing && key.hasSuffix("].polynomial")
      || key.hasPrefix("dataset.") && !preprocessing
      || key == "seed" || key.hasSuffix(".seed")
  }

  /// "the learning rate by the validation curve: set `optimizer.learning_rate` from 0.0003 to
  /// 0.03, the lowest dev error on the validation curve (0.0228)": the curve's lowest held-out
  /// error, when it lies more than one standard error below the spec's value's (its point on
  /// the curve, else this run's); nil otherwise, and for the keys `curveReadElsewhere`. Set,
  /// the spec's value is the lowest, so the advice does not come again.
  var curveValueAdvice: Remedy? {
    guard let key = context.validationCurveParameter, !Self.curveReadElsewhere(key),
      let curve = context.validationCurve, curve.parameter == key
    else { return nil }
    let telling = curve.points.filter {
      !$0.heldOutError.isNaN && !context.isNoBetterThanMajority($0.trainError)
    }
    guard let best = telling.min(by: { $0.heldOutError < $1.heldOutError }) else { return nil }
    let now = context.validationCurveValue
    let ownPoint = now.flatMap { value in curve.points.first { $0.value == value } }
    let runs = curve.heldOutSplit == .test ? testError : devError
    guard best.value != now, let own = ownPoint?.heldOutError ?? runs, !own.isNaN else {
      return nil
    }
    let tolerance = best.facts.heldOutSampling?.heldOutError?.standardError ?? 0
    guard best.heldOutError + tolerance < own else { return nil }
    let spec = { (value: Double) in
      curve.integerValues && value.rounded() == value && abs(value) < 1e15
        ? String(Int(value)) : Self.spec(value)
    }
    let name = key.split(separator: ".").last.map { $0.replacingOccurrences(of: "_", with: " ") }
    let subject = "the \(name ?? key)"
    let split = curve.heldOutSplit.rawValue
    let values = curve.points.map(\.value)
    let end =
      best.value == values.max() ? "largest" : best.value == values.min() ? "smallest" : nil
    var text =
      "\(subject) by the validation curve: set `\(key)`"
      + (now.map { " from \(spec($0))" } ?? "") + " to \(spec(best.value)), the lowest \(split) "
      + "error on the validation curve (\(Self.short(best.heldOutError)))"
    if let end {
      text += ", the \(end) value tried: a curve past it may find a better one"
    }
    if curve.heldOutSplit == .test {
      text +=
        " (chosen on the test set: a `dev` split would keep the test error for the final figure)"
    }
    return Remedy(name: subject, text: text, role: .setsCurveValue)
  }
}
