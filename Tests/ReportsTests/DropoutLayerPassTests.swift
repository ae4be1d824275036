import Foundation
import Testing

@testable import Reports

/// Weakening the dropout of several layers, with a held-out split, is the validation curve over
/// one layer at a time: the first, "then the same for" the next. The advice always led with the
/// first layer, so once the learner had moved the curve to the next layer as told, the run never
/// read that curve and sent the learner back to the first layer's (review s39 item 1).
@Suite struct DropoutLayerPassTests {
  /// Each layer's rate with the lowest held-out error: the middle of the curve each layer's
  /// first curve down spans (0.5: [0.25, 0.35, 0.5]; 0.2: [0.1, 0.14, 0.2]).
  static let best = [0.35, 0.14]

  /// Errors that underfit everywhere (training error near the held-out one, far above a base
  /// error of 0), the held-out error growing with each layer's distance from its best rate.
  static func errors(_ rates: [Double]) -> (train: Double, test: Double) {
    let distance = zip(rates, best).map { abs(log2($0 / $1)) }.reduce(0, +)
    let test = 0.25 + 0.1 * distance
    return (test - 0.01, test)
  }

  /// The diagnosis of a network whose layers drop at `rates`, with the spec's validation curve
  /// over layer `curve.layer` at `curve.values` when given (each point's errors by `errors`).
  static func diagnosis(_ rates: [Double], curve: (layer: Int, values: [Double])?)
    -> BiasVarianceDiagnosis
  {
    var context = DiagnosisContext(hiddenLayers: rates.count, training: .converged)
    context.dropout = Dictionary(uniqueKeysWithValues: rates.enumerated().map { ($0, $1) })
    if let curve {
      let key = "model.layers[\(curve.layer)].dropout"
      context.validationCurveParameter = key
      context.validationCurve = ValidationCurve(
        parameter: key,
        points: curve.values.map { value in
          var varied = rates
          varied[curve.layer] = value
          let errors = Self.errors(varied)
          return ValidationCurve.Point(
            value: value, trainError: errors.train, heldOutError: errors.test)
        }, heldOutSplit: .test)
    }
    let errors = Self.errors(rates)
    return BiasVarianceDiagnosis(
      baseError: 0, trainError: errors.train, testError: errors.test, context: context)
  }

  /// The layer index written after `marker` + "model.layers[" in `text`, and the rest of the
  /// text after its "].dropout`".
  static func layer(after marker: String, in text: String) -> (Int, Substring)? {
    guard let start = text.range(of: marker + "model.layers[") else { return nil }
    let rest = text[start.upperBound...]
    guard let end = rest.range(of: "].dropout") else { return nil }
    return Int(rest[..<end.lowerBound]).map { ($0, rest[end.upperBound...]) }
  }

  /// The numbers between `[` and `]` at the start of `text` (after `, values: `).
  static func values(in text: Substring) -> [Double] {
    guard let open = text.firstIndex(of: "["), let close = text.firstIndex(of: "]") else {
      return []
    }
    return text[text.index(after: open)..<close].split(separator: ",").compactMap {
      Double($0.trimmingCharacters(in: .whitespaces))
    }
  }

  @Test func followingTheAdviceCurvesEachLayerOnceInOrder() throws {
    var rates = [0.5, 0.2]
    var curve: (layer: Int, values: [Double])?
    var curved: [Int] = []
    var stopped = false
    for _ in 0..<10 {
      let advice = Self.diagnosis(rates, curve: curve).recommendations
      #expect(Self.diagnosis(rates, curve: curve).verdict == .highBias)
      let dropout = try #require(advice.first { $0.contains(".dropout") }, "\(advice)")
      // Once the curve is over a layer, no earlier layer is named again.
      if let curve {
        for earlier in 0..<curve.layer {
          #expect(!dropout.contains("model.layers[\(earlier)]"), "\(rates): \(dropout)")
        }
      }
      if let (layer, rest) = Self.layer(
        after: "compare in one run: `validation_curve: {parameter: '", in: dropout)
      {
        // A curve the learner adds under `report`.
        #expect(curve?.layer != layer, "the spec has this curve already: \(dropout)")
        curve = (layer, Self.values(in: rest))
        curved.append(layer)
      } else if let (layer, rest) = Self.layer(after: "set `", in: dropout) {
        let words = rest.dropFirst().split(separator: " ")  // after the closing "`"
        let next = try #require(
          words.count > 3 && words[0] == "from" && words[2] == "to"
            ? Double(words[3].trimmingCharacters(in: CharacterSet(charactersIn: ","))) : nil,
          "\(dropout)")
        #expect(next < rates[layer], "only down: \(dropout)")
        rates[layer] = next
      } else if let (kept, _) = Self.layer(after: "keep `", in: dropout) {
        #expect(curve?.layer == kept)
        guard let (layer, _) = Self.layer(after: "then the same for `", in: dropout) else {
          stopped = true
          break
        }
        // "The same": the curve over the next layer's rate, its half and the value between.
        #expect(layer > kept, "\(dropout)")
        let rate = rates[layer]
        curve = (layer, [rate / 2, BiasVarianceDiagnosis.roundBetween(rate, rate / 2), rate])
        curved.append(layer)
      } else {
        Issue.record("no dropout advice the learner can follow: \(dropout)")
        break
      }
    }
    #expect(stopped)
    #expect(curved == [0, 1])
    #expect(rates == Self.best)
  }

  /// With three dropping layers and the curve over the middle one, the advice reads that curve
  /// and goes on to the last layer only.
  @Test func theCurvesLayerFirstThenTheLayersAfterIt() throws {
    var context = DiagnosisContext(hiddenLayers: 3, training: .converged)
    context.dropout = [0: 0.2, 1: 0.5, 2: 0.3]
    context.validationCurveParameter = "model.layers[1].dropout"
    let advice = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.3, testError: 0.31, context: context
    ).recommendations
    let dropout = try #require(advice.first { $0.contains(".dropout") }, "\(advice)")
    #expect(dropout.hasPrefix("weaken dropout: set `model.layers[1].dropout` (now 0.5)"))
    #expect(
      dropout.hasSuffix(
        ", then the same for `model.layers[2].dropout` (a curve varies one layer at a time)"))
    #expect(!dropout.contains("model.layers[0]"), "\(dropout)")
  }
}
