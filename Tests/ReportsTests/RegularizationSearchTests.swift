import Foundation
import Testing

@testable import Reports

/// A single run cannot know the strength it came from, so a ×10 step each way sent tester AN
/// round the cat's `l2` 0.1 (high variance) and 1.0 (high bias) for ever (AN8). A step that a
/// held-out verdict can send back leads with the validation curve over what it spans, whose
/// pick then stops the search; the single step (up only) goes halfway.
@Suite struct RegularizationSearchTests {
  /// The cat's logistic regression by `l2` (training and test error, tester AN's runs: test
  /// 0.72 at 0.1, 0.74 at 0.3, 0.82 at 1.0; high variance, both, high bias).
  static let cat: [Double: (train: Double, test: Double)] = [
    0.01: (0, 0.30), 0.03: (0, 0.28), 0.1: (0.005, 0.28), 0.3: (0.1, 0.26), 1: (0.14, 0.18),
    3: (0.25, 0.3), 10: (0.34, 0.34),
  ]

  /// The diagnosis of the cat at `l2`, with a validation curve over `curve` when given.
  static func diagnosis(l2: Double, curve: [Double]?) -> BiasVarianceDiagnosis {
    var context = DiagnosisContext(l2: l2, training: .converged)
    // A heavy penalty holds a share of the objective; a light one does not.
    context.penaltyShare = l2 >= 0.3 ? 0.2 : 0.01
    if let curve {
      context.validationCurveParameter = "regularization.l2"
      context.validationCurve = ValidationCurve(
        parameter: "regularization.l2",
        points: curve.map {
          ValidationCurve.Point(value: $0, trainError: cat[$0]!.train, heldOutError: cat[$0]!.test)
        }, heldOutSplit: .test)
    }
    let errors = cat[l2]!
    return BiasVarianceDiagnosis(
      baseError: 0, trainError: errors.train, testError: errors.test, context: context)
  }

  /// The numbers between `[` and `]` after `marker` in `text`.
  static func values(after marker: String, in text: String) -> [Double]? {
    guard let start = text.range(of: marker) else { return nil }
    let rest = text[start.upperBound...]
    guard let end = rest.firstIndex(of: "]") else { return nil }
    return rest[..<end].split(separator: ",").compactMap {
      Double($0.trimmingCharacters(in: .whitespaces))
    }
  }

  /// The value the advice sets `regularization.l2` to, when its first change is to set it.
  static func target(_ advice: String) -> Double? {
    guard let range = advice.range(of: "`regularization.l2` from ") else { return nil }
    let words = advice[range.upperBound...].split(separator: " ")
    guard words.count > 2, words[1] == "to" else { return nil }
    return Double(words[2].trimmingCharacters(in: CharacterSet(charactersIn: ",()")))
  }

  @Test func followingTheFirstAdviceFromTheCatsL2OfATenthVisitsNoValueTwice() throws {
    var (l2, curve): (Double, [Double]?) = (0.1, nil)
    var visited = [l2]
    var stopped = false
    for _ in 0..<8 {
      let first = try #require(Self.diagnosis(l2: l2, curve: curve).nextSteps().first)
      let curveMarker =
        "compare in one run: `validation_curve: {parameter: regularization.l2, values: ["
      if first.contains(curveMarker), let values = Self.values(after: curveMarker, in: first),
        first.range(of: curveMarker)!.lowerBound
          < (first.range(of: " or ")?.lowerBound ?? first.endIndex)
      {
        curve = values  // the curve leads: the learner adds it under `report`
        continue
      }
      guard
        first.hasPrefix("regularization by the validation curve: set")
          || first.hasPrefix("stronger regularization: raise")
          || first.hasPrefix("weaken regularization: lower"),
        let next = Self.target(first)
      else {
        stopped = true  // the advice is no longer to move l2
        break
      }
      #expect(!visited.contains(next), "\(visited) then \(next): \(first)")
      visited.append(next)
      l2 = next
    }
    #expect(stopped)
    #expect(visited == [0.1, 1])
  }

  /// The run at 1.0 on its own (no curve) is not sent back to 0.1, the value tenfold below, nor
  /// to 0.3: weakening is the curve alone; the step up from 0.1 goes halfway, after the curve.
  @Test func theStepUpGoesHalfwayAndTheStepDownIsTheCurve() throws {
    let first = try #require(Self.diagnosis(l2: 1, curve: nil).nextSteps().first)
    #expect(
      first
        == "weaken regularization: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.1, 0.3, 1.0]}` under `report` (the curve decides, not a single step down, which the next run's verdict could send back up)"
    )
    let variance = try #require(Self.diagnosis(l2: 0.1, curve: nil).nextSteps().first)
    #expect(
      variance
        == "stronger regularization: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.1, 0.3, 1.0]}` under `report`, or raise `regularization.l2` from 0.1 to 0.3 (a step to 1.0 can jump past the best strength; should 0.3 be high bias, its advice is a curve, never a step back)"
    )
  }

  /// Without a held-out split no verdict says variance, so nothing sends the step back: it
  /// goes the whole way (and no curve, which needs a held-out split, is offered).
  @Test func withoutAHeldOutSplitTheStepIsTenfold() {
    var context = DiagnosisContext(l2: 1, training: .converged)
    context.penaltyShare = 0.2
    let d = BiasVarianceDiagnosis(baseError: 0, trainError: 0.2, context: context)
    #expect(
      d.nextSteps().first == "weaken regularization: lower `regularization.l2` from 1.0 to 0.1")
  }

  /// Dropout takes the same rule: one layer's weakening is its curve alone.
  @Test func dropoutStepsByTheSameRule() throws {
    var context = DiagnosisContext(hiddenLayers: 1, training: .converged)
    context.dropout = [0: 0.5]
    let bias = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.2, testError: 0.22, context: context)
    #expect(
      bias.nextSteps().first
        == "weaken dropout: compare in one run: `validation_curve: {parameter: 'model.layers[0].dropout', values: [0.25, 0.35, 0.5]}` under `report` (the curve decides, not a single step down, which the next run's verdict could send back up)"
    )
    // Twofold apart with no round value in the middle third: the geometric mean to two digits.
    #expect(BiasVarianceDiagnosis.roundBetween(0.1, 0.2) == 0.14)
    #expect(BiasVarianceDiagnosis.advised(BiasVarianceDiagnosis.roundBetween(1, 0.1)) == "0.3")
  }
}
