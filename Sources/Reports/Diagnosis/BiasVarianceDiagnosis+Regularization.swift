import Conventions
import Foundation
import Vocabulary

/// Regularization advice that converges: a step of ×10 or ÷10 per run bounces past a strength
/// that lies between (the cat went 0.03 → 0.3 → 0.03, and 0.1 → 1 → 0.1), and a single run
/// cannot know the value it came from, so a step that a held-out verdict could send back leads
/// with the validation curve over the values it spans, which trains them all in one run
/// (`bracketedStep`); once the spec has a validation curve over the key, the advice is its value
/// with the lowest held-out error, kept when it is the spec's (the verdict's other remedies come
/// first, `keptLast`), with a curve around it when it is at an end of the values tried.
/// With a held-out split a single step only ever goes up (stronger, on high variance): steps
/// both ways, each without memory, can always point at each other (the halfway step still went
/// 0.1 → 0.3 → 0.1, AO7), and steps one way cannot go back.
extension BiasVarianceDiagnosis {
  /// Weaker `regularization.l2`, `regularization.l1` and `optimizer.weight_decay` when set: a
  /// tenth of each; half the dropout of each layer that drops.
  var weakerRegularization: [Remedy] {
    let penalties = context.penalties.map { key, value in
      regularizationStep("weaken regularization", "lower", key, from: value, to: value / 10)
    }
    let dropout = dropoutStep("weaken dropout", "lower", raising: false) { $0 / 2 }
    return penalties + (dropout.map { [$0] } ?? [])
  }

  /// The penalty the spec has made stronger (tenfold): the one its validation curve varies,
  /// else (a curve over a penalty the spec does not set: the curve's value to add) the first of
  /// `regularization.l2`, `regularization.l1` and `optimizer.weight_decay` set (a Lasso is told
  /// to raise its `l1`, not to add an `l2`); else twice the dropout of the layers that drop under
  /// 0.5 (the most dropout usually takes; a layer at or above it is left as it is), else L2
  /// added at 0.1.
  var strongerRegularization: Remedy {
    let key = "regularization.l2"
    let curve = context.validationCurveParameter
    let penalties = context.penalties
    let stronger = { (penalty: (key: String, value: Double)) in
      self.regularizationStep(
        "stronger regularization", "raise", penalty.key, from: penalty.value,
        to: penalty.value * 10)
    }
    if let varied = penalties.first(where: { $0.key == curve }) { return stronger(varied) }
    if let curve, DiagnosisContext.penaltyKeys.contains(curve),
      let pick = curvePick("add regularization", curve, now: nil)
    {
      return pick
    }
    if let first = penalties.first { return stronger(first) }
    if curve != key,
      let step = dropoutStep("stronger dropout", "raise", raising: true, to: { min($0 * 2, 0.5) })
    {
      return step.appending(", or add `regularization: {l2: 0.1}`")
    }
    return Remedy(
      name: "add regularization",
      text:
        "add regularization: `regularization: {l2: 0.1}`, or compare strengths in one run: "
        + Self.curveToTry(key, values: ["0", "0.001", "0.01", "0.1", "1"])
    )
  }

  /// `remedy`: `verb` followed by each dropping layer's key, from its rate to `target` of it:
  /// "weaken dropout: lower `model.layers[0].dropout` from 0.5 to 0.25". Only layers whose
  /// step goes the remedy's way (up when `raising`, else down) are named: a layer at 0.8 is not
  /// told to "raise" to 0.5; nil when no layer's does. Down with a held-out split, one layer's
  /// curve at a time: from the layer the spec's curve varies (else the first) to the last.
  private func dropoutStep(
    _ remedy: String, _ verb: String, raising: Bool, to target: (Double) -> Double
  ) -> Remedy? {
    let moves = context.dropout.sorted { $0.key < $1.key }.compactMap {
      index, rate -> (key: String, from: Double, to: Double)? in
      let next = target(rate)
      guard raising ? next > rate : next < rate else { return nil }
      return ("model.layers[\(index)].dropout", rate, next)
    }
    // One layer's step is a penalty's (a curve varies one key); several step each halfway, or,
    // down with a held-out split (no step down then), by the curve over one layer at a time.
    if moves.count == 1, let move = moves.first {
      return regularizationStep(remedy, verb, move.key, from: move.from, to: move.to)
    }
    guard !moves.isEmpty else { return nil }
    if !raising, variance != nil {
      // One pass in the layers' order: the layer the spec's curve varies is read first (the
      // advice named the layers before it first, so they are done), then the layers after it.
      // Always starting at the first layer never read the later layer's curve the advice asked
      // for, and sent the learner back to the first layer's curve as long as high bias held.
      let start = moves.firstIndex { $0.key == context.validationCurveParameter } ?? 0
      let first = moves[start]
      let rest = moves[(start + 1)...].map { "`\($0.key)`" }.listed()
      return regularizationStep(remedy, verb, first.key, from: first.from, to: first.to)
        .appending(
          rest.isEmpty ? "" : ", then the same for \(rest) (a curve varies one layer at a time)")
    }
    let steps = moves.map { move in
      let next = variance == nil ? move.to : Self.roundBetween(move.from, move.to)
      return "`\(move.key)` from \(Self.spec(move.from)) to \(Self.advised(next))"
    }
    return Remedy(name: remedy, text: "\(remedy): \(verb) " + steps.joined(separator: ", "))
  }

  /// `advice`'s sentences, the advice that keeps a value the validation curve chose moved after
  /// the rest, each saying what comes first as it is (`Remedy.sentence(after:)`): the names of
  /// the others, notes that are no remedy (`varianceAfterBias`) not counted.
  static func keptLast(_ advice: [Remedy]) -> [String] {
    let others = advice.filter { !$0.keepsValue }
    let first = others.filter { $0.role != .note }.map(\.name)
    return others.map(\.text) + advice.filter(\.keepsValue).map { $0.sentence(after: first) }
  }

  /// Which way along a validation curve's key the model gets simpler: a stronger penalty
  /// (larger), or fewer units or a lower degree (smaller).
  enum Simpler { case larger, smaller }

  /// The advice on `key`, whose validation curve the spec asks for and whose value is `value`
  /// (nil: not set, so 0): the curve's value with the lowest held-out error once it is known
  /// (`context.validationCurve`), else to set the key to that value; nil when no point of the
  /// curve tells (every one failed, or a classifier's answered its most common class: a penalty
  /// that pulls every weight to 0 ties every value strong enough to), for the step's advice.
  /// The advice starts `<subject> by the validation curve:`; among values within one standard
  /// error of the lowest the simplest (`simpler`) is chosen.
  /// A model size's curve whose pick lies at an end of the values tried, or still has high bias
  /// below the largest, is extended within `limits`, the key's declared range (`sizeBeyondEnd`).
  func curvePick(
    _ remedy: String, _ key: String, now value: Double?, subject: String = "regularization",
    simpler: Simpler = .larger, limits: NumberCheck = .any, keptSubject: String? = nil
  ) -> Remedy? {
    // A model size is a whole number of units or a degree: `3`, not `3.0`.
    let spec = { (value: Double) in
      simpler == .smaller && value.rounded() == value && abs(value) < 1e15
        ? String(Int(value)) : Self.spec(value)
    }
    guard let curve = context.validationCurve, curve.parameter == key else {
      let now = value.map { " (now \(spec($0)))" } ?? ""
      return Remedy(
        name: remedy,
        text: "\(remedy): set `\(key)`\(now) to the value with the lowest held-out error in "
          + "`validation_curve.csv` (if that is an end value above 0, add values beyond it)")
    }
    let telling = curve.points.filter {
      !$0.heldOutError.isNaN && !context.isNoBetterThanMajority($0.trainError)
    }
    guard let best = telling.min(by: { $0.heldOutError < $1.heldOutError }) else { return nil }
    let now = value ?? 0
    // Within one standard error of the lowest error is the luck of the draw: the spec's value
    // is kept when it is there (the cat tied at 0.28 on l2 0.03 and 0.1 and was sent from 0.1 to
    // 0.03, then to 0.01), else the strongest such value is advised, the simplest model the data
    // cannot tell from the best (Breiman's one-standard-error rule). Kept first, the advice
    // cannot drift along a flat curve. The standard error is the best held-out error's own
    // (`SamplingError.heldOutError`), not its gap's with the training error (12 training rows
    // made it ±438 against ±75, an overfit point's training losses 2.7 times too small).
    let tolerance = best.facts.heldOutSampling?.heldOutError?.standardError ?? 0
    let near = telling.filter { $0.heldOutError <= best.heldOutError + tolerance }
    // The best value of this key can still underfit: then the model or its training is what
    // to change, not the key (the curve's l2 0.1 was high bias; its run was sent back to 0.01).
    let biased = { (point: ValidationCurve.Point) in
      let verdict = curve.diagnosis?.diagnosis(
        train: point.trainError, heldOut: point.heldOutError, heldOutSplit: curve.heldOutSplit,
        facts: point.facts
      ).verdict
      return verdict == .highBias || verdict == .both
    }
    // The simplest model as good as the best is one the curve does not call high bias, when the
    // band holds one (0.3 was advised over the curve's best 0.1 though its own row said high bias).
    let fair = near.filter { !biased($0) }
    let simplest = { (points: [ValidationCurve.Point]) in
      simpler == .larger
        ? points.max { $0.value < $1.value } : points.min { $0.value < $1.value }
    }
    // A penalty's curve keeps the spec's value within the band (the advice cannot drift); a
    // model size's takes the smallest model in it, Breiman's rule as it is (a network of 256
    // units within one standard error of 2 units' lowest error is told 2).
    // The spec's value is also kept when it is the lowest itself, even with high bias: a fair
    // value within the band does worse (the cat at `l2` 0.3, lowest at 0.26 and high bias and
    // high variance, was sent to 0.1 at 0.28, where it had been high variance: AR5).
    let kept =
      simpler == .smaller
      ? nil
      : fair.first { $0.value == now }
        ?? near.first { $0.value == now && (fair.isEmpty || $0.heldOutError == best.heldOutError) }
    let pick = kept ?? simplest(fair) ?? simplest(near) ?? best
    let split = curve.heldOutSplit.rawValue
    let lowest =
      "the lowest \(split) error on the validation curve (\(Self.short(best.heldOutError)))"
    let within =
      "within one standard error (±\(Self.short(tolerance))) of the lowest on the validation curve "
      + "(\(Self.short(best.heldOutError)) at \(spec(best.value)))"
    // Values without high bias that fit better but do worse held out: the trade-off.
    let fitter = { (pick: ValidationCurve.Point) in
      curve.points.filter {
        $0.trainError < pick.trainError && $0.heldOutError > pick.heldOutError && !biased($0)
      }.map(\.value)
    }
    let why = pick.heldOutError == best.heldOutError ? lowest : "a \(split) error \(within)"
    if simpler == .larger,
      let beyond = beyondEnd(key, subject: subject, curve: curve, pick: pick, now: now, why: why)
    {
      return beyond
    }
    if simpler == .smaller,
      let beyond = sizeBeyondEnd(
        key, subject: subject, curve: curve, pick: pick, now: now, why: why,
        underfits: biased(pick) && fitter(pick).isEmpty, limits: limits)
    {
      return beyond
    }
    var text = "\(subject) by the validation curve: "
    // A kept value's sentence goes on after the clause naming what comes first; its subject
    // names what is kept, not a change ("the polynomial degree", not "fewer polynomial features").
    var keeping: String?
    if pick.value == now {
      text =
        "\(keptSubject ?? subject) by the validation curve: keep `\(key)` at \(spec(now))"
        + (pick.heldOutError == best.heldOutError
          ? ", \(lowest)" : ": its \(split) error (\(Self.short(pick.heldOutError))) is \(within)")
      keeping = text
      text = ""
    } else {
      text +=
        "set `\(key)`\(now == 0 ? "" : " from \(spec(now))") to \(spec(pick.value)), "
        + (pick.heldOutError == best.heldOutError
          ? lowest
          : "the \(simpler == .larger ? "strongest" : "smallest") value whose \(split) error is \(within)")
    }
    // A value the spec's is moved to that does worse on held-out data than the spec's own is
    // said to (the learner was there, or is: the band cannot tell them apart).
    if pick.value != now, let own = curve.points.first(where: { $0.value == now }),
      own.heldOutError < pick.heldOutError
    {
      text +=
        ", though its \(split) error (\(Self.short(pick.heldOutError))) is above that of the "
        + "spec's \(spec(now)) (\(Self.short(own.heldOutError))), within one standard error"
    }
    if biased(pick) {
      let fitter = fitter(pick)
      text +=
        ", and the model has high bias there (its row of `validation_curve.csv`)"
        + (fitter.isEmpty
          ? ", which no value of `\(key)` fixes: that takes the bias remedies (a bigger model, "
            + "training longer)"
          : ": \(fitter.map(Self.advised).joined(separator: ", ")) "
            + (fitter.count == 1
              ? "fits the training set better but does" : "fit the training set better but do")
            + " worse on \(curve.heldOutSplit.rawValue), so the bias is the price of less variance here")
    }
    if curve.heldOutSplit == .test {
      text +=
        " (chosen on the test set: a `dev` split would keep the test error for the final figure)"
    }
    if let keeping {
      return Remedy(
        name: keptSubject ?? subject, text: keeping, role: .keepsCurveValue(after: text))
    }
    return Remedy(name: subject, text: text, role: .setsCurveValue)
  }

  /// `remedy`: `verb` `key` from `value` toward `target` (a penalty's tenfold step, dropout's
  /// twofold one) by `bracketedStep`; when the spec already has a validation curve over `key`,
  /// its value with the lowest held-out error.
  private func regularizationStep(
    _ remedy: String, _ verb: String, _ key: String, from value: Double, to target: Double
  ) -> Remedy {
    if context.validationCurveParameter == key, let pick = curvePick(remedy, key, now: value) {
      return pick
    }
    return bracketedStep(remedy, verb, key, from: value, to: target)
  }

  /// The one rule of a regularization strength's step (every penalty and a layer's dropout):
  /// with a held-out split, whose verdict may call `target` the opposite problem and send the
  /// learner back (the cat at `l2` 0.1 was high variance and told 1, at 1 high bias and told
  /// 0.1), the advice leads with the validation curve over `target`, the round value between
  /// and `value`, which trains them all in one run (and whose pick, once the spec has it, stops
  /// the search: `curvePick`). Only a stronger strength (high variance) is offered a single step
  /// too, to the value between (0.3, not 1), which a tenfold step jumps past: a weaker one (high
  /// bias, or high bias and high variance, which pull it both ways) is the curve alone, so no
  /// two runs' steps can point at each other (at 0.1 told 0.3, at 0.3 told 0.1: AO7). Without a
  /// held-out split no verdict can say the other problem, and the step goes to `target`.
  private func bracketedStep(
    _ remedy: String, _ verb: String, _ key: String, from value: Double, to target: Double
  ) -> Remedy {
    // A validation curve needs a held-out split (the validator refuses one without).
    guard variance != nil else {
      return Remedy(
        name: remedy,
        text: "\(remedy): \(verb) `\(key)` from \(Self.spec(value)) to \(Self.advised(target))")
    }
    let middle = Self.roundBetween(value, target)
    let values =
      target < value
      ? [Self.advised(target), Self.advised(middle), Self.spec(value)]
      : [Self.spec(value), Self.advised(middle), Self.advised(target)]
    let curve =
      "\(remedy): compare in one run: " + Self.curveToTry(key, values: values)
    guard target > value else {
      let why =
        hasHighVariance
        ? "high variance too: the curve decides, not a single step down, which could trade one "
          + "problem for the other"
        : "the curve decides, not a single step down, which the next run's verdict could send "
          + "back up"
      return Remedy(name: remedy, text: curve + " (\(why))")
    }
    return Remedy(
      name: remedy,
      text: curve + ", or \(verb) `\(key)` from \(Self.spec(value)) to \(Self.advised(middle)) "
        + "(a step to \(Self.advised(target)) can jump past the best strength; should "
        + "\(Self.advised(middle)) be high bias, its advice is a curve, never a step back)")
  }

  /// The roundest value in the middle third (on a log scale) of `a` and `b`, nearest their
  /// geometric mean: 1 or 3 times a power of ten (0.1 between 0.03 and 0.3, 0.3 between 0.1
  /// and 1), else one significant digit (0.6 between 0.45 and 0.9), else two (0.35 between
  /// 0.25 and 0.5, 0.14 between 0.1 and 0.2), so never a value next to either end.
  static func roundBetween(_ a: Double, _ b: Double) -> Double {
    let (low, high) = (log10(min(a, b)), log10(max(a, b)))
    let mean = (low + high) / 2
    let third = (high - low) / 6
    let inMiddle = { (value: Double) in abs(log10(value) - mean) <= third }
    let nearest = { (candidates: [Double]) in
      candidates.min { abs(log10($0) - mean) < abs(log10($1) - mean) }
    }
    let round = roundNear(pow(10, mean))
    if inMiddle(round) { return round }
    for digits in 1...6 {
      let scale = floor(mean) - Double(digits - 1)
      let mantissa = pow(10, mean - scale)
      let candidates = [floor(mantissa), ceil(mantissa)].map {
        Double("\(Int($0))e\(Int(scale))") ?? $0 * pow(10, scale)
      }
      if let value = nearest(candidates), inMiddle(value) { return value }
    }
    return pow(10, mean)
  }

  /// The round value (1 or 3 times a power of ten) nearest to `value` on a log scale.
  static func roundNear(_ value: Double) -> Double {
    let exponent = log10(value)
    let decade = floor(exponent)
    let candidates = [decade, decade + log10(3), decade + 1]
    return pow(10, candidates.min { abs($0 - exponent) < abs($1 - exponent) } ?? exponent)
  }
}
