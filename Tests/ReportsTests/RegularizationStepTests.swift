import Foundation
import Testing

@testable import Reports

/// A single run has no memory, so two runs' single steps on a strength, one up and one down,
/// could point at each other: the cat's `l2` 0.1 (high variance) was told 0.3, and 0.3 (high
/// bias and high variance) told 0.1; `l1` 0.003 and 0.001 the same (AO7). With a held-out split
/// a single step goes up only (high variance), so the advice of one run, followed, never sends
/// the next run back, whatever that run's verdict.
@Suite struct RegularizationStepTests {
  /// (training, test) errors against a base error of 0 giving each verdict a held-out split can.
  static let verdicts: [(verdict: BiasVarianceVerdict, train: Double, test: Double)] = [
    (.highVariance, 0.005, 0.28), (.both, 0.1, 0.26), (.highBias, 0.3, 0.31),
  ]

  /// The diagnosis of a converged run whose only regularization is `key` at `value`, with the
  /// verdict's errors.
  static func diagnosis(
    _ key: String, _ value: Double, _ verdict: (BiasVarianceVerdict, train: Double, test: Double)
  ) -> BiasVarianceDiagnosis {
    var context = DiagnosisContext(hiddenLayers: 1, training: .converged)
    switch key {
    case "regularization.l2": context.l2 = value
    case "regularization.l1": context.l1 = value
    case "optimizer.weight_decay": context.weightDecay = value
    default: context.dropout = [0: value]
    }
    context.penaltyShare = 0.2
    return BiasVarianceDiagnosis(
      baseError: 0, trainError: verdict.train, testError: verdict.test, context: context)
  }

  /// The value a single step of `advice` sets `key` to: after "raise `key` from X to " or
  /// "lower `key` from X to ".
  static func step(on key: String, in advice: [String]) -> Double? {
    for text in advice {
      for verb in ["raise", "lower"] {
        guard let range = text.range(of: "\(verb) `\(key)` from ") else { continue }
        let words = text[range.upperBound...].split(separator: " ")
        guard words.count > 2, words[1] == "to" else { continue }
        return Double(words[2].trimmingCharacters(in: CharacterSet(charactersIn: ",()")))
      }
    }
    return nil
  }

  @Test(
    "a step followed is not sent back by the next run, whatever its verdict",
    arguments: [
      "regularization.l2", "regularization.l1", "optimizer.weight_decay",
      "model.layers[0].dropout",
    ])
  func aStepFollowedIsNotSentBack(_ key: String) throws {
    let values =
      key.hasSuffix("dropout") ? [0.05, 0.1, 0.14, 0.2, 0.3] : [0.0003, 0.001, 0.003, 0.1, 0.3, 1]
    var steps = 0
    for value in values {
      for first in Self.verdicts {
        let run = Self.diagnosis(key, value, first)
        #expect(run.verdict == first.verdict)
        guard let next = Self.step(on: key, in: run.recommendations) else { continue }
        steps += 1
        for second in Self.verdicts {
          let back = Self.step(on: key, in: Self.diagnosis(key, next, second).recommendations)
          // Nothing, or on past `next`, away from `value`.
          #expect(
            back.map { ($0 - next) * (next - value) > 0 } ?? true,
            "\(key) \(value) (\(first.verdict)) → \(next) (\(second.verdict)) → \(back ?? .nan)")
        }
      }
    }
    #expect(steps > 0)  // the high-variance step is still offered
  }

  /// AO7's runs: the cat at `l2` 0.3 and `l1` 0.003, high bias and high variance, is given the
  /// curve over the values either side of a step down, not the step back to 0.1 or 0.001.
  @Test func highBiasAndHighVarianceGetsTheCurveAlone() throws {
    let both = Self.verdicts[1]
    let l2 = try #require(
      Self.diagnosis("regularization.l2", 0.3, both).recommendations.first {
        $0.hasPrefix("weaken regularization")
      })
    #expect(
      l2
        == "weaken regularization: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.03, 0.1, 0.3]}` under `report` (high variance too: the curve decides, not a single step down, which could trade one problem for the other)"
    )
    let l1 = Self.diagnosis("regularization.l1", 0.003, both).recommendations
    #expect(Self.step(on: "regularization.l1", in: l1) == nil, "\(l1)")
  }

  /// One rounding rule for the value between: the roundest in the middle third on a log scale,
  /// so dropout 0.5's curve down is [0.25, 0.35, 0.5], not 0.3 beside 0.25 (AO7).
  @Test(
    "the value between is the roundest in the middle third",
    arguments: [
      (0.5, 0.25, 0.35), (0.9, 0.45, 0.6), (0.1, 0.2, 0.14), (0.1, 1, 0.3), (0.3, 0.03, 0.1),
      (0.2, 0.4, 0.3), (0.14, 0.28, 0.2), (0.8, 0.4, 0.6), (0.5, 0.05, 0.2), (2, 20, 6),
      (0.0033333333333333335, 0.00033333333333333335, 0.001),
    ])
  func valueBetween(_ a: Double, _ b: Double, _ expected: Double) {
    let between = BiasVarianceDiagnosis.roundBetween(a, b)
    #expect(BiasVarianceDiagnosis.advised(between) == BiasVarianceDiagnosis.advised(expected))
    // In the middle third of the pair on a log scale: never next to either end.
    let (low, high) = (log10(min(a, b)), log10(max(a, b)))
    #expect(abs(log10(between) - (low + high) / 2) <= (high - low) / 6 + 1e-12)
  }
}
