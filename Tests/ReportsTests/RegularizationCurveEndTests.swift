import Foundation
import Testing

@testable import Reports

/// A learner following the cat's `l2` advice either way it offers (the curve, or the step)
/// went 0.1 (high variance) → 0.3 (high bias and high variance) → the curve over
/// [0.03, 0.1, 0.3], lowest at 0.3, whose pick sent it back to 0.1 (AR5). A curve lowest at an
/// end of its values now claims no best and is extended past it; no path visits a value twice.
@Suite struct RegularizationCurveEndTests {
  /// The cat's logistic regression by `l2`: training and test error of `runner
  /// experiments/cat.yaml` with a validation curve over these values (50 test images).
  static let cat: [Double: (train: Double, test: Double)] = [
    0.01: (0.014354066985645933, 0.3), 0.03: (0.014354066985645933, 0.3),
    0.1: (0.019138755980861243, 0.28), 0.17: (0.028708133971291867, 0.26),
    0.3: (0.05263157894736842, 0.26), 1: (0.2535885167464115, 0.18),
    3: (0.41148325358851673, 0.2), 10: (0.5167464114832536, 0.26),
  ]

  /// The diagnosis of the cat at `l2`, with a validation curve over `curve` when given, its
  /// points judged against a base error of 0 with their test errors' sampling errors, as a run
  /// writes them.
  static func diagnosis(l2: Double, curve: [Double]?) throws -> BiasVarianceDiagnosis {
    var context = DiagnosisContext(l2: l2, training: .converged)
    context.penaltyShare = l2 >= 0.3 ? 0.2 : 0.01
    context.majorityClassError = 72.0 / 209  // 72 cats among 209 training images
    if let curve {
      context.validationCurveParameter = "regularization.l2"
      context.validationCurve = ValidationCurve(
        parameter: "regularization.l2",
        points: try curve.map { value in
          let errors = try #require(cat[value], "no cat run at l2 \(value)")
          return ValidationCurve.Point(
            at: value, trainError: errors.train, heldOutError: errors.test,
            facts: CurveDiagnosis.Facts(
              heldOutSampling: SamplingError.fraction(atRate: errors.test, count: 50)))
        }, heldOutSplit: .test, diagnosis: CurveDiagnosis(baseError: 0))
    }
    let errors = try #require(cat[l2])
    return BiasVarianceDiagnosis(
      baseError: 0, trainError: errors.train, testError: errors.test, context: context)
  }

  /// A learner's state: the spec's `l2` and its curve's values.
  struct State: Hashable {
    var l2: Double
    var curve: [Double]?
  }

  /// The states the first advice at `state` leads to, one per way it offers: its curve added
  /// under `report`, its step to another `l2`, the curve's value set; none when it no longer
  /// moves `l2` or its curve.
  static func next(_ state: State) throws -> [State] {
    let first = try #require(try diagnosis(l2: state.l2, curve: state.curve).nextSteps().first)
    var states: [State] = []
    let marker = "`validation_curve: {parameter: regularization.l2, values: ["
    if let values = RegularizationSearchTests.values(after: marker, in: first) {
      states.append(State(l2: state.l2, curve: values))
    }
    let moves =
      first.hasPrefix("regularization by the validation curve: set")
      || first.contains("raise `regularization.l2` from")
    if moves, let l2 = RegularizationSearchTests.target(first) {
      states.append(State(l2: l2, curve: state.curve))
    }
    return states
  }

  @Test func followingEitherWayFromATenthNeverGoesBackAndEnds() throws {
    var paths = [[State(l2: 0.1, curve: nil)]]
    var ended = 0
    while let path = paths.popLast() {
      let last = path[path.count - 1]
      let states = try Self.next(last)
      if states.isEmpty { ended += 1 }
      for state in states {
        let values = path.map(\.l2)
        // A value left is never set again, and no state comes back.
        #expect(
          state.l2 == last.l2 || !values.contains(state.l2),
          "\(path.map { "\($0.l2) \($0.curve ?? [])" }) then l2 \(state.l2)")
        #expect(!path.contains(state), "\(path) then \(state)")
        guard !path.contains(state), path.count < 12 else { continue }
        paths.append(path + [state])
      }
    }
    #expect(ended > 1)  // both ways end
  }

  /// The tester's path: the step to 0.3, its curve down lowest at 0.3 (an end) is extended up
  /// twice, then 1.0 inside the values tried is set, and kept.
  @Test func theStepToAThirdIsExtendedPastTheEndNotSentBack() throws {
    let down = try Self.diagnosis(l2: 0.3, curve: [0.03, 0.1, 0.3]).nextSteps().first
    #expect(
      down
        == "regularization by the validation curve: 0.3, the spec's value, has the lowest test error on the validation curve (0.26), but it is the largest value tried, so the best `regularization.l2` may lie beyond it: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.1, 0.3, 1.0]}` under `report` (chosen on the test set: a `dev` split would keep the test error for the final figure)"
    )
    let up = try Self.diagnosis(l2: 0.3, curve: [0.1, 0.3, 1]).nextSteps().first
    #expect(
      up?.contains(
        "1.0 has the lowest test error on the validation curve (0.18), but it is the largest value tried"
      ) == true, "\(up ?? "")")
    let inside = try Self.diagnosis(l2: 0.3, curve: [0.3, 1, 3]).nextSteps().first
    #expect(
      inside?.hasPrefix(
        "regularization by the validation curve: set `regularization.l2` from 0.3 to 1.0, the lowest test error on the validation curve (0.18)"
      ) == true, "\(inside ?? "")")
  }

  /// The spec's value with the lowest error is kept though its row says high bias: a value
  /// within one standard error without it does worse (0.1's 0.28 against 0.3's 0.26; 10 ties
  /// 0.3, so 0.3 is inside the values tried).
  @Test func theLowestSpecValueIsKeptInsideTheCurve() throws {
    let advice = try Self.diagnosis(l2: 0.3, curve: [0.03, 0.1, 0.3, 10]).recommendations
    #expect(!advice.contains { $0.contains("to 0.1") }, "\(advice)")
    #expect(
      advice.contains {
        $0.hasPrefix("regularization by the validation curve: keep `regularization.l2` at 0.3")
      }, "\(advice)")
  }

  /// A value the advice moves to that does worse than the spec's own says so: 1.0 (high bias)
  /// is left for 0.1, the strongest value without high bias within one standard error, whose
  /// dev error is above 1.0's.
  @Test func aMoveToAWorseValueSaysSo() throws {
    var context = DiagnosisContext(l2: 1, training: .converged)
    context.validationCurveParameter = "regularization.l2"
    context.validationCurve = ValidationCurve(
      parameter: "regularization.l2",
      points: [(0.01, 0.0, 0.2), (0.1, 0.02, 0.24), (1, 0.15, 0.22)].map {
        ValidationCurve.Point(
          at: $0.0, trainError: $0.1, heldOutError: $0.2,
          facts: CurveDiagnosis.Facts(
            heldOutSampling: SamplingError(standardError: 0.05, count: 100)))
      }, diagnosis: CurveDiagnosis(baseError: 0))
    let advice = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.15, devError: 0.22, context: context
    ).recommendations.first { $0.hasPrefix("regularization by") }
    #expect(
      advice
        == "regularization by the validation curve: set `regularization.l2` from 1.0 to 0.1, the strongest value whose dev error is within one standard error (±0.05) of the lowest on the validation curve (0.2 at 0.01), though its dev error (0.24) is above that of the spec's 1.0 (0.22), within one standard error"
    )
  }
}
