import Foundation
import Testing

@testable import Reports

/// Tester AF's advice findings (session 35): a classifier network whose loss sits at its prior
/// (the loss of predicting the class frequencies) did not converge, the classifier twin of a
/// regression at its mean (AF11); and the advice that keeps a validation curve's value says
/// what comes first as it is, whatever `try next` shows (AF7).
@Suite("stalled classifiers and what comes first")
struct StalledClassifierAdviceTests {
  /// AF11's moons network (8 ReLU units, sgd at 1e-5 for 30 epochs, 140 balanced training
  /// rows): its loss at `end` from its start 0.75396, its prior ln 2.
  func moons(
    start: Double = 0.75396, end: Double, trainError: Double = 0.657, hiddenLayers: Int = 1,
    l2: Double? = nil, baseError: Double = 0, fixedInit: Bool = false
  ) -> BiasVarianceDiagnosis {
    var context = DiagnosisContext(
      task: .binary, l2: l2, hiddenLayers: hiddenLayers, trainingLengthKey: "optimizer.epochs",
      trainingLength: 30, training: .converged, optimizer: "sgd", inputFeatures: 2,
      learningRate: 1e-5)
    context.majorityClassError = 0.5
    context.priorLoss = log(2)
    context.trainRows = 140
    context.heldOutRows = 60
    context.layerUnits = hiddenLayers == 0 ? [] : [8, 1]
    context.fixedInit = fixedInit
    return BiasVarianceDiagnosis(
      baseError: baseError, trainError: trainError, devError: trainError + 0.01, context: context,
      progress: TrainingProgress(
        start: start, end: end, penalized: (l2 ?? 0) > 0, network: hiddenLayers > 0))
  }

  /// AF11: worse than the prior's loss, the network did not converge, and the advice is the
  /// learning rate (both ways: its loss fell 0.016% without rising), not a bigger network.
  @Test func aNetworkAtItsPriorLossDidNotConverge() {
    let stalled = moons(end: 0.75384)
    #expect(stalled.networkStalled)
    #expect(stalled.verdict == .notConverged)
    #expect(
      stalled.verdictText
        == "training did not converge: the training loss ended at 0.754, worse than predicting the training class frequencies for every row (0.693), which ignores the inputs"
    )
    #expect(stalled.gapsText == "")
    #expect(
      stalled.nextSteps() == [
        "another learning rate: the training loss fell by only 0.0159% of its start without ever rising, as a rate too small (slow steps) or too large for some weights (they swing back and forth) both make it, so try `optimizer.learning_rate` at 1e-06 and at 0.0001 instead of 1e-05"
      ])
    // Within 1% below the prior is at it; further below, the network learned something and is
    // judged as usual: high bias, a bigger network first.
    let within = moons(end: log(2) * 0.995, trainError: 0.3)
    #expect(within.verdict == .notConverged)
    #expect(
      within.verdictText
        == "training did not converge: the training loss ended at 0.69, within 1% of predicting the training class frequencies for every row (0.693), which ignores the inputs"
    )
    let learned = moons(end: log(2) * 0.985, trainError: 0.3)
    #expect(!learned.networkStalled)
    #expect(learned.verdict == .highBias)
    #expect(learned.recommendations.first?.hasPrefix("a bigger network: ") == true)
  }

  /// AJ3: the same network at seed 4 starts 7% below the prior (its random init) and does not
  /// move (0.647199 → 0.647137, accuracy unchanged): it did not converge either, and its verdict
  /// says what its curve shows, not that it is worse than the class frequencies.
  @Test func aNetworkThatBarelyMovedBelowItsPriorDidNotConverge() {
    let stalled = moons(start: 0.6471993498103846, end: 0.6471367859301873, trainError: 0.1357)
    #expect(!stalled.context.isAt(.prior, loss: 0.6471367859301873))
    #expect(stalled.networkStalled)
    #expect(stalled.verdict == .notConverged)
    #expect(
      stalled.verdictText
        == "training did not converge: the training loss fell by only 0.00967% of its start, from 0.6472 to 0.6471, so the network barely moved from its initial weights"
    )
    #expect(
      stalled.nextSteps() == [
        "another learning rate: the training loss fell by only 0.00967% of its start without ever rising, as a rate too small (slow steps) or too large for some weights (they swing back and forth) both make it, so try `optimizer.learning_rate` at 1e-06 and at 0.0001 instead of 1e-05"
      ])
    // Moving by 1% of its start or more is training, judged as usual: high bias, a bigger
    // network first.
    let moved = moons(start: 0.6472, end: 0.6472 * 0.989, trainError: 0.1357)
    #expect(!moved.networkStalled)
    #expect(moved.verdict == .highBias)
    #expect(moved.recommendations.first?.hasPrefix("a bigger network: ") == true)
    let trained = moons(start: 0.6472, end: 0.30, trainError: 0.12)
    #expect(trained.verdict == .highBias)
    #expect(trained.recommendations.first?.hasPrefix("a bigger network: ") == true)
    // Under a penalty (which can hold it there) or from given weights (an earlier run's, which
    // may have trained already), a loss that does not move is judged as usual.
    let penalized = moons(start: 0.6472, end: 0.6471, trainError: 0.1357, l2: 10)
    #expect(!penalized.networkStalled)
    #expect(penalized.verdict == .highBias)
    #expect(
      penalized.recommendations.contains {
        $0.hasPrefix(
          "weaken regularization: compare in one run: `validation_curve: {parameter: regularization.l2, values: [1.0, 3.0, 10.0]}`"
        )
      })
    let given = moons(start: 0.6472, end: 0.6471, trainError: 0.1357, fixedInit: true)
    #expect(!given.networkStalled)
    #expect(given.recommendations.first?.hasPrefix("a bigger network: ") == true)
  }

  /// The other side: a logistic regression at its prior (XOR, ln 2) is at its convex optimum,
  /// and is judged as usual: high bias, a network first.
  @Test func aLogisticRegressionAtItsPriorIsHighBias() {
    let xor = moons(end: log(2), trainError: 0.5, hiddenLayers: 0)
    #expect(!xor.networkStalled)
    #expect(xor.verdict == .highBias)
    #expect(
      xor.recommendations.first
        == "a bigger model, a network with a hidden layer: `model: {type: mlp, layers: [{units: 16, activation: relu}, {units: 1, activation: sigmoid}]}`"
    )
  }

  /// A penalty can be what holds a network at its prior (the cat's at `l2` 1): weakened first,
  /// not called a stalled optimization; and a network at its prior whose training error is
  /// within the threshold of the base error has nothing to fix.
  @Test func aPenaltyOrAHighBaseErrorIsNotAStall() {
    let penalized = moons(end: log(2), trainError: 0.5, l2: 1)
    #expect(!penalized.networkStalled)
    #expect(penalized.verdict == .highBias)
    #expect(
      penalized.recommendations.first?.hasPrefix(
        "weaken regularization: compare in one run: `validation_curve: {parameter: regularization.l2, values: [0.1, 0.3, 1.0]}`"
      ) == true)
    let noisy = moons(end: log(2), trainError: 0.5, baseError: 0.48)
    #expect(!noisy.networkStalled)
    #expect(noisy.verdict != .notConverged)
  }

  /// A high-variance linear model whose spec's curve keeps its `l2`.
  func kept(generated: Bool = false, polynomial: Int? = nil, hiddenLayers: Int = 0)
    -> BiasVarianceDiagnosis
  {
    var context = DiagnosisContext(
      l2: 1, hiddenLayers: hiddenLayers, training: .converged, polynomialDegree: polynomial)
    if generated { context.generatedSamples = 200 }
    context.validationCurveParameter = "regularization.l2"
    context.validationCurve = ValidationCurve(
      parameter: "regularization.l2",
      points: [(0.1, 0.3), (1, 0.2), (10, 0.25)].map {
        ValidationCurve.Point(value: $0.0, trainError: 0, heldOutError: $0.1)
      })
    return BiasVarianceDiagnosis(baseError: 0, trainError: 0, devError: 0.2, context: context)
  }

  /// AF7: the value the curve keeps names the remedy that comes first when it is the only one
  /// (more data, which `try next` leaves off), both when there are two, and says "the other
  /// remedies" only when two or more of them are changes shown above it.
  @Test func whatComesFirstIsNamedAsItIs() {
    let keep =
      "regularization by the validation curve: keep `regularization.l2` at 1.0, the lowest dev error on the validation curve (0.2)"
    let alone = kept()
    #expect(
      alone.recommendations == [
        "more data: more training examples (or data augmentation)",
        keep + ", so the other remedy (more data) comes first",
      ])
    #expect(alone.nextSteps() == [keep + ", so the other remedy (more data) comes first"])
    let two = kept(polynomial: 3)
    #expect(
      two.recommendations.last
        == keep + ", so the other two remedies (more data and fewer polynomial features) come first"
    )
    let three = kept(polynomial: 3, hiddenLayers: 1)
    #expect(three.recommendations.count == 4)
    #expect(three.recommendations.last == keep + ", so the other remedies come first")
    #expect(three.nextSteps().count == 3)
    // Nothing before it: no clause; a note is no remedy to name.
    let kept = Remedy(name: "regularization", text: keep, role: .keepsCurveValue(after: "."))
    #expect(BiasVarianceDiagnosis.keptLast([kept]) == [keep + "."])
    #expect(
      BiasVarianceDiagnosis.keptLast([BiasVarianceDiagnosis.varianceAfterBiasNote, kept])
        == [BiasVarianceDiagnosis.varianceAfterBias, keep + "."])
  }

  /// The names the clause gives are the remedies' own, each the start of its sentence (the
  /// advice before its colon, an aside or a condition), whatever the sentence goes on to say.
  @Test func remediesAreNamedShort() {
    var context = DiagnosisContext(
      l2: 1, hiddenLayers: 0, trainingLengthKey: "optimizer.epochs", trainingLength: 30,
      training: .unknown, optimizer: "sgd", inputFeatures: 2, polynomialDegree: 2,
      learningRate: 0.1)
    context.unusedColumns = ["x3"]
    context.fixedInit = true
    context.earlyStoppedPatience = 3
    context.dropout = [0: 0.5]
    let bias = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.4, devError: 0.42, context: context)
    let names = bias.biasRemedies.map(\.name)
    #expect(
      names == [
        "wait longer before stopping", "weaken regularization", "weaken dropout",
        "more input features", "a bigger model", "more polynomial features", "train longer",
        "a faster optimizer", "check the base error",
      ])
    for remedy in bias.biasRemedies {
      #expect(
        remedy.text.hasPrefix(remedy.name + ":") || remedy.text.hasPrefix(remedy.name + " ")
          || remedy.text.hasPrefix(remedy.name + ","), "\(remedy)")
    }
    let overfit = kept(generated: true, polynomial: 3, hiddenLayers: 1)
    #expect(
      overfit.varianceRemedies.map(\.name) == [
        "more data", "regularization", "a smaller model", "fewer polynomial features",
      ])
  }

  /// Only the part with too few rows is called fewer than a verdict of fine needs: 100
  /// training rows are not.
  @Test func onlyThePartWithTooFewRowsIsCalledFewer() {
    var context = DiagnosisContext(training: .converged)
    (context.trainRows, context.heldOutRows) = (100, 1)
    let one = BiasVarianceDiagnosis(baseError: 0, trainError: 0, devError: 0, context: context)
    #expect(
      one.verdictText
        == "not judged (1 dev row, fewer than the 10 a verdict of fine needs in each of training and dev)"
    )
    #expect(
      one.nextSteps() == [
        "judge on more rows: 1 dev row is fewer than the 10 a verdict of fine needs in each of training and dev (a gap of 0 on so few rows is luck): give the data more rows, or the smaller part a bigger share of `dataset.split`"
      ])
    (context.trainRows, context.heldOutRows) = (3, 5)
    #expect(
      BiasVarianceDiagnosis(baseError: 0, trainError: 0, devError: 0, context: context)
        .nextSteps().first?.hasPrefix(
          "judge on more rows: 3 training rows and 5 dev rows are fewer than the 10 of each a verdict of fine needs"
        ) == true)
  }

  /// Counts of one read in the singular.
  @Test func aCountOfOneIsSingular() {
    #expect(BiasVarianceDiagnosis.samples(1, "dev") == "1 dev sample")
    #expect(BiasVarianceDiagnosis.samples(12) == "12 samples")
    #expect(
      BiasVarianceDiagnosis.tooFewToHoldOut(1)
        == "variance is not measured: 1 row is too few to hold some out")
    #expect(
      BiasVarianceDiagnosis.tooFewToHoldOut(4)
        == "variance is not measured: 4 rows are too few to hold some out")
  }
}
