import Testing

@testable import Reports

/// Regularization advice that converges: a ×10 or ÷10 step per run bounced the cat between l2
/// 0.03 and 0.3, so each step also offers the validation curve over the values it spans, and a
/// spec that has the curve is pointed at its best value instead of another blind step.
@Suite("regularization advice: a step and the validation curve over it")
struct RegularizationAdviceTests {
  /// The cat with l2 0.3 (high bias and high variance) and with l2 0.03 (high variance).
  func cat(l2: Double, curve: String? = nil) -> BiasVarianceDiagnosis {
    var context = DiagnosisContext(l2: l2, training: .converged)
    context.validationCurveParameter = curve
    let train = l2 == 0.3 ? 0.0526 : 0.0144
    let test = l2 == 0.3 ? 0.26 : 0.3
    return BiasVarianceDiagnosis(baseError: 0, trainError: train, testError: test, context: context)
  }

  @Test("each step offers the curve over the values it spans, the current value included")
  func stepsOfferTheCurve() {
    #expect(
      cat(l2: 0.3).nextSteps().last
        == "weaken regularization: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.03, 0.1, 0.3]}` under `report` (high variance too: the curve decides, not a single step down, which could trade one problem for the other)"
    )
    #expect(
      cat(l2: 0.03).nextSteps()
        == [
          "stronger regularization: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.03, 0.1, 0.3]}` under `report`, or raise `regularization.l2` from 0.03 to 0.1 (a step to 0.3 can jump past the best strength; should 0.1 be high bias, its advice is a curve, never a step back)"
        ])
    // Added from none: a range on a log scale, none included.
    let none = BiasVarianceDiagnosis(baseError: 0, trainError: 2.0 / 209, testError: 0.3)
    #expect(
      none.nextSteps()
        == [
          "add regularization: `regularization: {l2: 0.1}`, or compare strengths in one run: `validation_curve: {parameter: regularization.l2, values: [0, 0.001, 0.01, 0.1, 1]}` under `report`"
        ])
  }

  @Test("a spec with the curve over the key is pointed at its best value")
  func curveInTheSpec() {
    #expect(
      cat(l2: 0.3, curve: "regularization.l2").nextSteps().last
        == "weaken regularization: set `regularization.l2` (now 0.3) to the value with the lowest held-out error in `validation_curve.csv` (if that is an end value above 0, add values beyond it)"
    )
    #expect(
      cat(l2: 0.03, curve: "regularization.l2").nextSteps()
        == [
          "stronger regularization: set `regularization.l2` (now 0.03) to the value with the lowest held-out error in `validation_curve.csv` (if that is an end value above 0, add values beyond it)"
        ])
    var context = DiagnosisContext()
    context.validationCurveParameter = "regularization.l2"
    let none = BiasVarianceDiagnosis(
      baseError: 0, trainError: 2.0 / 209, testError: 0.3, context: context)
    #expect(
      none.nextSteps()
        == [
          "add regularization: set `regularization.l2` to the value with the lowest held-out error in `validation_curve.csv` (if that is an end value above 0, add values beyond it)"
        ])
    // A curve over another key leaves the step and its offer.
    #expect(
      cat(l2: 0.03, curve: "dataset.preprocessing[0].polynomial").nextSteps().first?.hasPrefix(
        "stronger regularization: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.03, 0.1, 0.3]}`"
      ) == true)
  }

  /// The curve once trained: its best value by name, kept when it is the spec's (the advice
  /// bounced l2 1 → 0.1 → 1 on the cat), a curve around it when it is at an end.
  @Test("a trained curve's best value is named, kept when it is the spec's")
  func trainedCurve() {
    /// The advice of a curve with `errors`, each held-out error's standard error `error`.
    func advice(
      l2: Double, _ errors: [(Double, Double)], split: Split = .dev, error: Double? = nil
    ) -> String? {
      var context = DiagnosisContext(l2: l2, training: .converged)
      context.validationCurveParameter = "regularization.l2"
      let sampling = error.map { SamplingError(standardError: $0, count: 50) }
      context.validationCurve = ValidationCurve(
        parameter: "regularization.l2",
        points: errors.map {
          ValidationCurve.Point(
            at: $0.0, trainError: 0, heldOutError: $0.1,
            facts: CurveDiagnosis.Facts(heldOutSampling: sampling))
        },
        heldOutSplit: split)
      return BiasVarianceDiagnosis(
        baseError: 0, trainError: 0.25, testError: 0.18, context: context
      ).recommendations.first { $0.hasPrefix("regularization by") }
    }
    #expect(
      advice(l2: 1, [(0.1, 0.28), (0.3, 0.26), (1, 0.18)], split: .test)
        == "regularization by the validation curve: 1.0, the spec's value, has the lowest test error on the validation curve (0.18), but it is the largest value tried, so the best `regularization.l2` may lie beyond it: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.3, 1.0, 3.0]}` under `report` (chosen on the test set: a `dev` split would keep the test error for the final figure)"
    )
    #expect(
      advice(l2: 1, [(0.3, 0.2), (1, 0.18), (3, 0.25)])
        == "regularization by the validation curve: keep `regularization.l2` at 1.0, the lowest dev error on the validation curve (0.18), so the other remedies come first"
    )
    #expect(
      advice(l2: 1, [(0, 0.3), (0.01, 0.17), (0.1, 0.2), (1, 0.18)])
        == "regularization by the validation curve: set `regularization.l2` from 1.0 to 0.01, the lowest dev error on the validation curve (0.17)"
    )
    // A tie keeps the spec's value (the cat at 0.1 tied 0.03 and was sent down, then again).
    #expect(
      advice(l2: 0.1, [(0.03, 0.28), (0.1, 0.28), (0.3, 0.36)])
        == "regularization by the validation curve: keep `regularization.l2` at 0.1, the lowest dev error on the validation curve (0.28), so the other remedies come first"
    )
    // Within one standard error of the lowest: kept, else the strongest such value.
    #expect(
      advice(l2: 0.1, [(0.01, 0.2), (0.1, 0.23), (1, 0.3)], error: 0.04)
        == "regularization by the validation curve: keep `regularization.l2` at 0.1: its dev error (0.23) is within one standard error (±0.04) of the lowest on the validation curve (0.2 at 0.01), so the other remedies come first"
    )
    #expect(
      advice(l2: 3, [(0.01, 0.2), (0.1, 0.23), (1, 0.3), (3, 0.4)], error: 0.04)
        == "regularization by the validation curve: set `regularization.l2` from 3.0 to 0.1, the strongest value whose dev error is within one standard error (±0.04) of the lowest on the validation curve (0.2 at 0.01)"
    )
    // A curve whose every point answered the most common class tells nothing: the step's
    // advice, weakening first (an MLP at l2 1, 3 and 10 scored 0.5 everywhere).
    var collapsed = DiagnosisContext(l2: 1, hiddenLayers: 1, training: .converged)
    collapsed.majorityClassError = 0.5
    collapsed.validationCurveParameter = "regularization.l2"
    collapsed.validationCurve = ValidationCurve(
      parameter: "regularization.l2",
      points: [1, 3, 10].map {
        ValidationCurve.Point(value: $0, trainError: 0.5, heldOutError: 0.5)
      })
    #expect(
      BiasVarianceDiagnosis(baseError: 0, trainError: 0.5, devError: 0.5, context: collapsed)
        .recommendations.first?.hasPrefix(
          "weaken regularization: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.1, 0.3, 1.0]}`"
        ) == true)
    // The smallest value above 0: values below it.
    #expect(
      advice(l2: 1, [(0.02, 0.1), (0.1, 0.2), (1, 0.18)])?.hasSuffix(
        "values: [0.01, 0.02, 0.1]}` under `report`") == true)
  }

  /// A regression's best point varies by its own held-out losses' spread, s/√n_held-out, not
  /// by the training losses' (tester AA's overfit polynomial: its 24 tight training losses made
  /// the band ±0.0867 where its 18 dev losses' own is ±0.237).
  @Test("a regression's one standard error is its held-out losses' own spread")
  func oneStandardErrorOfTheHeldOutError() throws {
    // Tight training losses; held-out losses 1, 3, 5, 7: s² = (9 + 1 + 1 + 9)/3, s/√4.
    let train = [0.5, 0.6, 0.5, 0.6, 0.5, 0.6, 0.5, 0.6]
    let heldOut = [1.0, 3, 5, 7]
    let own = (20.0 / 3).squareRoot() / 2
    let gap = try #require(SamplingError.meanLossGap(train, heldOut: heldOut))
    #expect(gap.heldOutError?.standardError == own)
    #expect(gap.heldOutError?.count == 4)
    // The training side's spread gives another, much smaller figure: it is not that one.
    #expect(gap.standardError * (8.0 / 12).squareRoot() < own / 10)
    #expect(SamplingError(standardError: 3, count: 20).heldOutError?.standardError == 3)
    // One held-out row has no spread of its own: no band (exact ties only).
    #expect(SamplingError.meanLossGap(train, heldOut: [2])?.heldOutError == nil)
    var context = DiagnosisContext(l2: 3, training: .converged)
    context.validationCurveParameter = "regularization.l2"
    context.validationCurve = ValidationCurve(
      parameter: "regularization.l2",
      points: [(0.01, 4.0), (1, 4.5), (3, 6)].map {
        ValidationCurve.Point(
          at: $0.0, trainError: 0.55, heldOutError: $0.1,
          facts: CurveDiagnosis.Facts(heldOutSampling: gap))
      })
    let advice = BiasVarianceDiagnosis(
      baseError: 0.5, trainError: 0.55, devError: 6, thresholds: .regressionDefault,
      context: context
    ).recommendations.first { $0.hasPrefix("regularization by") }
    #expect(
      advice
        == "regularization by the validation curve: set `regularization.l2` from 3.0 to 1.0, the strongest value whose dev error is within one standard error (±1.29) of the lowest on the validation curve (4 at 0.01)"
    )
  }

  @Test("a classifier's best point varies at its own rate, not the gap's pooled one")
  func oneStandardErrorOfAClassifiersHeldOutError() throws {
    // 10 000 training rows at 1% wrong against 100 dev rows at 30%: the gap's pooled rate
    // (1.3%) made the tolerance ±0.011; the dev error's own is √(0.3·0.7/100) = ±0.0458.
    let gap = try #require(
      SamplingError.fractionGap(train: 0.01, trainCount: 10_000, heldOut: 0.3, heldOutCount: 100))
    var context = DiagnosisContext(l2: 1, training: .converged)
    context.validationCurveParameter = "regularization.l2"
    context.validationCurve = ValidationCurve(
      parameter: "regularization.l2",
      points: [(0.01, 0.30), (0.1, 0.33), (1, 0.40)].map {
        var facts = CurveDiagnosis.Facts(heldOutSampling: gap)
        facts.majorityClassError = 0.5
        return ValidationCurve.Point(
          at: $0.0, trainError: 0.01, heldOutError: $0.1, facts: facts)
      })
    let advice = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.01, devError: 0.40, context: context
    ).recommendations.first { $0.hasPrefix("regularization by") }
    #expect(
      advice?.hasPrefix(
        "regularization by the validation curve: set `regularization.l2` from 1.0 to 0.1, the strongest value whose dev error is within one standard error (±0.0458)"
      ) == true, "\(advice ?? "none")")
  }

  @Test("a curve over l2 leaves l1's step; l1 gets its own offer")
  func l1BesideACurveOverL2() {
    var context = DiagnosisContext(l2: 0.3, l1: 0.5, training: .converged)
    context.validationCurveParameter = "regularization.l2"
    let underfit = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.3, testError: 0.31, context: context)
    #expect(
      underfit.recommendations.filter { !$0.hasPrefix("check the base error") }.suffix(2)
        == [
          "weaken regularization: set `regularization.l2` (now 0.3) to the value with the lowest held-out error in `validation_curve.csv` (if that is an end value above 0, add values beyond it)",
          "weaken regularization: compare in one run: `validation_curve: {parameter: regularization.l1, values: [0.05, 0.2, 0.5]}` under `report` (the curve decides, not a single step down, which the next run's verdict could send back up)",
        ])
  }

  @Test(
    "the value between is round, halfway on a log scale",
    arguments: [
      (0.3, 0.03, "0.1"), (0.1, 1.0, "0.3"), (1.0, 10.0, "3.0"), (0.5, 0.05, "0.2"),
      (0.0033333333333333335, 0.00033333333333333335, "0.001"), (2.0, 20.0, "6.0"),
    ])
  func roundBetween(_ value: Double, _ target: Double, _ expected: String) {
    let between = BiasVarianceDiagnosis.roundBetween(value, target)
    #expect(BiasVarianceDiagnosis.advised(between) == expected)
    #expect(between > min(value, target) && between < max(value, target))
  }
}

/// Dropout is regularization too: the course's high-bias remedy is less of it and its
/// high-variance remedy more; advice that named only L2 sent a dropout network to a bigger model.
@Suite("regularization advice: dropout")
struct DropoutAdviceTests {
  func network(dropout: [Int: Double], l2: Double? = nil, train: Double, test: Double)
    -> [String]
  {
    var context = DiagnosisContext(l2: l2, hiddenLayers: 2, training: .converged)
    context.dropout = dropout
    return BiasVarianceDiagnosis(baseError: 0, trainError: train, testError: test, context: context)
      .nextSteps()
  }

  /// Three layers after the first are listed as every message lists (`a, b and c`), not
  /// `a and b and c`.
  @Test func theLayersAfterTheFirstAreListed() {
    let steps = network(dropout: [0: 0.5, 1: 0.5, 2: 0.5, 3: 0.5], train: 0.3, test: 0.31)
    let layers = (1...3).map { "`model.layers[\($0)].dropout`" }
    #expect(
      steps.first?.hasSuffix(
        ", then the same for \(layers[0]), \(layers[1]) and \(layers[2]) (a curve varies one "
          + "layer at a time)") == true, "\(steps)")
  }

  @Test func highBiasWeakensDropoutFirst() {
    let steps = network(dropout: [0: 0.5, 1: 0.14], train: 0.3, test: 0.31)
    #expect(
      steps.first
        == "weaken dropout: compare in one run: `validation_curve: {parameter: 'model.layers[0].dropout', values: [0.25, 0.35, 0.5]}` under `report` (the curve decides, not a single step down, which the next run's verdict could send back up), then the same for `model.layers[1].dropout` (a curve varies one layer at a time)",
      "\(steps)")
    // Beside an L2 penalty, both are weakened.
    let both = network(dropout: [0: 0.5], l2: 0.005, train: 0.3, test: 0.31)
    #expect(
      both.contains {
        $0.hasPrefix(
          "weaken regularization: compare in one run: `validation_curve: {parameter: regularization.l2,"
        )
      })
    #expect(
      both.contains {
        $0.hasPrefix(
          "weaken dropout: compare in one run: `validation_curve: {parameter: 'model.layers[0].dropout',"
        )
      })
  }

  @Test func highVarianceRaisesDropoutUpToAHalf() {
    let steps = network(dropout: [0: 0.14, 1: 0.5], train: 0.01, test: 0.3)
    #expect(
      steps.contains(
        "stronger dropout: compare in one run: `validation_curve: {parameter: 'model.layers[0].dropout', values: [0.14, 0.2, 0.28]}` under `report`, or raise `model.layers[0].dropout` from 0.14 to 0.2 (a step to 0.28 can jump past the best strength; should 0.2 be high bias, its advice is a curve, never a step back), or add `regularization: {l2: 0.1}`"
      ), "\(steps)")
    // At 0.5 already, L2 is what is added.
    let half = network(dropout: [0: 0.5], train: 0.01, test: 0.3)
    #expect(half.contains { $0.hasPrefix("add regularization: `regularization: {l2: 0.1}`") })
  }

  /// A layer dropping more than 0.5 is not told to "raise" its dropout to 0.5 (review s27 item
  /// 1): only the layers the remedy moves its way are named, and with none the clause goes.
  @Test func highVarianceNamesOnlyLayersItRaises() {
    let steps = network(dropout: [0: 0.2, 1: 0.8], train: 0.01, test: 0.3)
    #expect(
      steps.contains(
        "stronger dropout: compare in one run: `validation_curve: {parameter: 'model.layers[0].dropout', values: [0.2, 0.3, 0.4]}` under `report`, or raise `model.layers[0].dropout` from 0.2 to 0.3 (a step to 0.4 can jump past the best strength; should 0.3 be high bias, its advice is a curve, never a step back), or add `regularization: {l2: 0.1}`"
      ), "\(steps)")
    let none = network(dropout: [0: 0.5, 1: 0.8], train: 0.01, test: 0.3)
    #expect(!none.contains { $0.contains("dropout") }, "\(none)")
    #expect(none.contains { $0.hasPrefix("add regularization: `regularization: {l2: 0.1}`") })
  }

  /// High bias lowers every dropping layer's rate, a layer at 0.8 too: by the curve over the
  /// first, then the next (with a held-out split there is no step down).
  @Test func highBiasLowersEveryDroppingLayer() {
    let steps = network(dropout: [0: 0.2, 1: 0.8], train: 0.3, test: 0.31)
    #expect(
      steps.first
        == "weaken dropout: compare in one run: `validation_curve: {parameter: 'model.layers[0].dropout', values: [0.1, 0.14, 0.2]}` under `report` (the curve decides, not a single step down, which the next run's verdict could send back up), then the same for `model.layers[1].dropout` (a curve varies one layer at a time)",
      "\(steps)")
  }
}
