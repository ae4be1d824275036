import Foundation
import Pipeline
import Reports
import Testing

/// Following the regularization advice on real runs: the validation curve it offers is a spec
/// change that runs as written, and a spec that has it is pointed at its best value. A ×10 step
/// per run bounced these between two strengths (circles: l2 0.1 high bias, 0.01 high variance).
@Suite struct RegularizationAdviceRunTests {
  /// Noisy circles and a two-layer ReLU network that overfits 100 training points: 3 of them
  /// wrong against 15 of 100 dev points, Fisher's exact p = 0.0026. (Seed 8's 6 against 15 has
  /// p = 0.0315: within the sampling error.)
  static let circles = """
    name: circles-l2
    seed: 6
    dataset:
      generator: {type: circles, samples: 200, noise: 0.2, factor: 0.5}
      split: {train: 0.5, dev: 0.5}
    model:
      type: mlp
      layers:
        - {units: 64, activation: relu}
        - {units: 64, activation: relu}
        - {units: 1, activation: sigmoid}
    loss: binary_cross_entropy
    optimizer: {type: adam, learning_rate: 0.01, batch_size: 32, epochs: 300}
    record_every: 10
    metrics: [accuracy]
    report:
      bias_variance: {base_error: 0.05}

    """

  /// The run's recommendations, its verdict and `validation_curve.csv`'s best value, if any.
  func run(_ spec: String, _ overrides: [String], file: String? = nil) throws -> (
    [String], verdict: String, best: String?
  ) {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = try file ?? TestProject.writeSpec(spec, in: directory)
    let outcome = try TestProject.run(
      path, resultsRoot: directory.appendingPathComponent("results"), overrides: overrides)
    let row = try TestProject.table(outcome.directory, "bias_variance.csv")
    let table = Dictionary(uniqueKeysWithValues: zip(row.header, row.rows[0]))
    let advice = table["recommendations"]!.components(
      separatedBy: BiasVarianceDiagnosis.recommendationSeparator)
    var best: String?
    if let curve = try? TestProject.table(outcome.directory, "validation_curve.csv") {
      let errors = TestProject.numbers(curve, curve.header[2])
      best = errors.indices.min { errors[$0] < errors[$1] }.map { curve.rows[$0][0] }
    }
    return (advice, table["verdict"]!, best)
  }

  @Test func theOfferedCurveRunsAndItsBestValueIsTheAdvice() throws {
    let (offer, verdict, _) = try run(Self.circles, [])
    #expect(verdict == "high variance")
    // Generated data: more of it is one key, Andrew Ng's first remedy.
    #expect(
      offer.first
        == "more data: raise `dataset.generator.samples` from 200 to 800 (four times the rows, for every split)"
    )
    #expect(
      offer.dropFirst().first
        == "add regularization: `regularization: {l2: 0.1}`, or compare strengths in one run: `validation_curve: {parameter: regularization.l2, values: [0, 0.001, 0.01, 0.1, 1]}` under `report`"
    )
    // With the parts given as counts, more samples would not give training more rows.
    let (counted, _, _) = try run(Self.circles, ["dataset.split={train: 100, dev: 100}"])
    #expect(!counted.contains { $0.contains("dataset.generator.samples") }, "\(counted)")
    // The offer pasted under `report`: the advice is the curve's best value, not a blind step.
    let curve =
      "  validation_curve: {parameter: regularization.l2, values: [0, 0.001, 0.01, 0.1, 1]}\n"
    let (advice, _, best) = try run(Self.circles + curve, [])
    #expect(best == "0.001")
    // No remedy, so after the others (more data, a smaller network).
    #expect(
      advice.last
        == "regularization by the validation curve: keep `regularization.l2` at 0.0: its dev error (0.15) is within one standard error (±0.0336) of the lowest on the validation curve (0.13 at 0.001), so the other two remedies (more data and a smaller model) come first"
    )
    // Too strong a value next to the curve: pointed back at its best value.
    let (strong, strongVerdict, _) = try run(Self.circles + curve, ["regularization.l2=0.1"])
    // l2 0.1 pulled the network to one class for every point: the penalty goes first.
    #expect(
      strongVerdict
        == "high bias (the training error is no lower than always predicting the most common class, 0.5)"
    )
    #expect(strong.first?.hasPrefix("regularization by the validation curve") == true)
    #expect(
      strong.contains(
        "regularization by the validation curve: set `regularization.l2` from 0.1 to 0.01, the strongest value whose dev error is within one standard error (±0.0336) of the lowest on the validation curve (0.13 at 0.001)"
      ), "\(strong)")
  }

  @Test(.enabled(if: CourseData.cat, CourseData.missing("catvnoncat")))
  func theCatSettlesOnTheCurvesBestValue() throws {
    // Stepped ×10, the cat went l2 0.03 (high variance) → 0.3 (high bias and high variance) →
    // 0.03. The offered curve: test error 0.3 up to l2 0.01, 0.28 at 0.1, 0.18 at 1.
    let curve =
      "report.validation_curve={parameter: regularization.l2, values: [0, 0.001, 0.01, 0.1, 1]}"
    let cat = TestProject.experiment("cat.yaml")
    let (advice, verdict, best) = try run("", [curve], file: cat)
    #expect(verdict == "high variance")
    #expect(best == "1.0")
    // l2 1 underfits (its curve row says high bias): the advice says so.
    let underfits =
      ", and the model has high bias there (its row of `validation_curve.csv`), which no value of `regularization.l2` fixes: that takes the bias remedies (a bigger model, training longer)"
    let test =
      " (chosen on the test set: a `dev` split would keep the test error for the final figure)"
    let around =
      "regularization by the validation curve: 1.0, the spec's value, has the lowest test error on the validation curve (0.18), but it is the largest value tried, so the best `regularization.l2` may lie beyond it: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.3, 1.0, 3.0]}` under `report`"
      + test
    // At the largest value tried no best is claimed: the curve goes past it first.
    #expect(advice.first == around.replacingOccurrences(of: "1.0, the spec's value,", with: "1.0"))
    // At that value: regularization is not weakened (the tester went 0.1 → 1 → 0.1); the curve
    // past it is offered.
    let (settled, settledVerdict, _) = try run("", [curve, "regularization.l2=1"], file: cat)
    #expect(settledVerdict == "high bias")
    #expect(settled.contains(around), "\(settled)")
    #expect(!settled.contains { $0.hasPrefix("weaken regularization") })
    // The curve around it: 1 stays the best, inside the values tried, and is kept.
    let (kept, _, keptBest) = try run(
      "",
      [
        curve.replacingOccurrences(of: "0, 0.001, 0.01, 0.1, 1", with: "0.3, 1, 3"),
        "regularization.l2=1",
      ],
      file: cat)
    #expect(keptBest == "1.0")
    #expect(
      kept.contains(
        "regularization by the validation curve: keep `regularization.l2` at 1.0, the lowest test error on the validation curve (0.18), so the other two remedies (a bigger model and check the base error) come first"
          + underfits + test), "\(kept)")
  }

  /// Tester AA's overfitting lesson: degree-10 polynomial features of a noisy cubic, 24 training
  /// and 18 dev rows, an L2 curve. The band around the best dev error (0.662 at l2 0.1) is its
  /// 18 dev squared errors' own s/√18, which numpy gives as 0.23681 on the exported rows
  /// (`np.std(dev_losses, ddof=1)/np.sqrt(18)` of `Ridge(alpha=0.1·24/2)`), not the training
  /// losses' spread over √18 (0.0867) it was.
  @Test func aRegressionCurvesBandIsItsHeldOutLossesOwnSpread() throws {
    let spec = """
      name: pvc_l2
      seed: 4
      dataset:
        generator:
          type: polynomial
          samples: 60
          coefficients: [0, -3, 0, 1]
          noise: 0.5
          x_range: [-2, 2]
        split: {train: 0.4, dev: 0.3, test: 0.3}
        preprocessing:
          - polynomial: 10
          - standardize
      model:
        type: linreg
        solver: exact
      loss: mse
      metrics: [mse]
      report:
        validation_curve:
          parameter: regularization.l2
          values: [0, 0.001, 0.01, 0.1, 0.2, 0.3, 0.5]

      """
    let (advice, _, best) = try run(spec, [])
    #expect(best == "0.1")
    #expect(
      advice.last
        == "regularization by the validation curve: keep `regularization.l2` at 0.0: its dev error (0.8) is within one standard error (±0.237) of the lowest on the validation curve (0.662 at 0.1), so the other two remedies (more data and fewer polynomial features) come first"
    )
  }
}
