import Conventions
import Testing

@testable import Reports

/// What a teacher reproducing the primers found misleading (user-view tester, session 20).
@Suite struct TeacherFindingsAdviceTests {
  /// High bias measured against a base error of 0 says that 0 is too low when the classes
  /// overlap, on the line `runner` prints (primer 004's blobs overlap: about 7% is Bayes error),
  /// and the advice asks to check it. The text depends on the value alone, not on whether the
  /// spec writes it, so a run's `spec.resolved.yaml` (which writes every key) reproduces it.
  @Test func aBaseErrorOfZeroWithHighBiasIsQuestioned() {
    let zero = BiasVarianceDiagnosis(baseError: 0, trainError: 0.08, testError: 0.09)
    #expect(
      zero.gapsText.hasPrefix(
        "avoidable bias 0.08 (train − base error 0, too low if the classes overlap: see "
          + "report.bias_variance.base_error)"))
    #expect(zero.recommendations.contains { $0.hasPrefix("check the base error") })
    // No high bias: the gap is stated as before (the cat's line in the README).
    let low = BiasVarianceDiagnosis(baseError: 0, trainError: 0.00957, testError: 0.3)
    #expect(low.gapsText.hasPrefix("avoidable bias 0.00957 (train − base error 0), variance"))
    #expect(!low.recommendations.contains { $0.hasPrefix("check the base error") })
  }

  /// A training error below the base error by more than the threshold is said to be so (a
  /// learner's base_error 0.3 against a training error of 0.078 read "fine: avoidable bias
  /// -0.222"); within the threshold it is stated as before.
  @Test func aTrainingErrorBelowTheBaseErrorIsSaidToBe() {
    let below = BiasVarianceDiagnosis(baseError: 0.3, trainError: 0.078, testError: 0.09)
    #expect(
      below.gapsText.hasPrefix(
        "avoidable bias -0.222 (train − base error 0.3, below base_error: the model beat it, or "
          + "it is set too high), variance"), "\(below.gapsText)")
    // The table and report say so too: no "nothing stands out: train error is near the base".
    #expect(
      below.recommendations == [
        "check `report.bias_variance.base_error` (0.3): the training error (0.078) is below it, "
          + "so either base_error is set too high (it is the lowest error any model can reach) or "
          + "the model fits its training rows closer than that, which the held-out error then shows"
      ])
    let near = BiasVarianceDiagnosis(baseError: 0.1, trainError: 0.078, testError: 0.09)
    #expect(near.gapsText.hasPrefix("avoidable bias -0.022 (train − base error 0.1), variance"))
    #expect(near.recommendations.first?.hasPrefix("nothing stands out") == true)
    // A note, not a change to try: a `fine` verdict prints nothing under `try next` (the
    // console's verdict line carries the gap's remark), as docs/results.md says.
    #expect(below.verdictText == "fine" && below.nextSteps().isEmpty)
    // With high variance too: the table and report keep the note, `try next` leaves it out.
    let overfit = BiasVarianceDiagnosis(baseError: 0.3, trainError: 0.078, testError: 0.6)
    #expect(overfit.verdictText.hasPrefix("high variance"))
    #expect(
      overfit.recommendations.last?.hasPrefix("check `report.bias_variance.base_error`") == true)
    #expect(!overfit.nextSteps().contains { $0.hasPrefix("check `report.bias_variance") })
  }

  /// A network whose loss never moved (a dead ReLU output: 29262 at every step) is not told to
  /// lower its rate again and again: no rate moves it, the output activation does.
  @Test func aLossThatNeverMovedIsNotARateProblem() {
    var context = DiagnosisContext(
      task: .regression(outputs: 1), hiddenLayers: 1, training: .converged, optimizer: "sgd",
      learningRate: 1e-7, meanPredictionError: 5940)
    context.outputActivation = "relu"
    let flat = TrainingProgress(start: 29262, end: 29262, network: true)
    let dead = BiasVarianceDiagnosis(
      baseError: 0, trainError: 29262, devError: 29000, thresholds: .regressionDefault,
      context: context, progress: flat)
    #expect(
      dead.recommendations == [
        "units that pass a gradient: the training loss never moved from its start, which no "
          + "learning rate changes, as the ReLU output gives 0 for every row (its inputs are all "
          + "negative) and passes no gradient: give the output layer `activation: identity` (a "
          + "regression) or `sigmoid` (two classes)"
      ])
  }

  /// High bias without a held-out split says variance was not measured, and how to measure it.
  @Test func highBiasWithoutAHeldOutSplitSaysVarianceWasNotMeasured() {
    var context = DiagnosisContext(training: .converged)
    context.trainRows = 200
    let d = BiasVarianceDiagnosis(baseError: 0, trainError: 0.08, context: context)
    #expect(d.verdict == .highBias)
    #expect(d.verdictText == "high bias (no held-out split to measure variance)")
    #expect(d.recommendations.contains { $0.hasPrefix("add a `dev` or `test` split") })
    // Nor is a validation curve advised: it needs a held-out split.
    var penalized = context
    penalized.l2 = 1
    penalized.penaltyShare = 0.5
    #expect(
      BiasVarianceDiagnosis(baseError: 0, trainError: 0.08, context: penalized).recommendations
        .first == "weaken regularization: lower `regularization.l2` from 1.0 to 0.1")
    // With a split, neither.
    let split = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.08, testError: 0.09, context: context)
    #expect(split.verdictText == "high bias")
    #expect(!split.recommendations.contains { $0.hasPrefix("add a `dev` or `test` split") })
  }

  /// Adam's rate fits the batches: 0.01 in full batches, torch's 0.001 in mini-batches (primer
  /// 004's Fashion-MNIST network, batch 64, 3 epochs: training loss 0.302 at 0.001, 0.387 at
  /// 0.01, 0.373 with its SGD).
  @Test func adamsAdvisedRateFollowsTheBatches() {
    func advice(miniBatches: Bool) -> String? {
      var context = DiagnosisContext(training: .stillImproving, optimizer: "sgd")
      context.miniBatches = miniBatches
      return BiasVarianceDiagnosis(
        baseError: 0, trainError: 0.12, testError: 0.14, context: context
      ).recommendations.first { $0.hasPrefix("a faster optimizer") }
    }
    #expect(advice(miniBatches: true)?.contains("`optimizer.learning_rate: 0.001`") == true)
    #expect(advice(miniBatches: false)?.contains("`optimizer.learning_rate: 0.01`") == true)
  }

  /// Adam moves a parameter about its rate per step: the advised rate lets the run's steps reach
  /// three times its largest parameter (blobs' SGD, 300 steps, reached 1.39: 0.1, not 0.001).
  @Test func adamsAdvisedRateReachesTheParameters() {
    func rate(steps: Int, largest: Double, miniBatches: Bool = true, limit: Double? = nil)
      -> String?
    {
      var context = DiagnosisContext(training: .stillImproving, optimizer: "sgd")
      (context.miniBatches, context.steps, context.largestParameter) = (miniBatches, steps, largest)
      context.adamRateLimit = limit
      let advice = BiasVarianceDiagnosis(
        baseError: 0, trainError: 0.15, testError: 0.16, context: context
      ).recommendations.first { $0.hasPrefix("a faster optimizer") }
      return advice?.components(separatedBy: "`optimizer.learning_rate: ").last?
        .components(separatedBy: "`").first
    }
    #expect(rate(steps: 300, largest: 1.39) == "0.1")
    #expect(rate(steps: 2814, largest: 0.58) == "0.001")
    #expect(rate(steps: 1000, largest: 2) == "0.01")
    #expect(rate(steps: 10, largest: 50) == "0.1")
    #expect(rate(steps: 3000, largest: 5, miniBatches: false) == "0.01")
    // The course's 2-layer cat network (12288 inputs, 100 full-batch steps, largest weight
    // 0.87): 0.1 would reach it but kills the ReLU layer; its limit 0.0011 gives 0.001.
    #expect(rate(steps: 100, largest: 0.87, miniBatches: false, limit: 0.0011) == "0.001")
    #expect(rate(steps: 100, largest: 0.87, miniBatches: false, limit: 7) == "0.1")
    #expect(rate(steps: 100, largest: 0.87, miniBatches: false, limit: 0.00002) == "0.0001")
  }

  /// A model trained for 0 iterations (the given weights, a forward pass) did not fail to
  /// converge: it is judged as it is.
  @Test func aModelTrainedForNoStepsIsNotSaidToHaveFailed() {
    var context = DiagnosisContext(task: .regression(outputs: 1), training: .unknown)
    context.meanPredictionError = 0.75
    context.trainingLength = 0
    let given = BiasVarianceDiagnosis(baseError: 0, trainError: 1.31, context: context)
    #expect(!given.trainingFailed)
    #expect(!given.verdictText.hasPrefix("training did not converge"))
    context.trainingLength = 10
    #expect(BiasVarianceDiagnosis(baseError: 0, trainError: 1.31, context: context).trainingFailed)
    // A classifier of no steps judged as high bias is told to train, not to grow.
    var gate = DiagnosisContext(trainingLength: 0, training: .unknown, optimizer: "gd")
    gate.trainRows = 200
    #expect(
      BiasVarianceDiagnosis(baseError: 0, trainError: 0.5, testError: 0.5, context: gate)
        .recommendations.first
        == "train it: raise `optimizer.iterations` from 0 (this run only evaluated its initial weights)"
    )
  }

  /// A regression's base error of 0 leaves bias unjudged, saying so, and the advice asks for a
  /// base error above 0 (relative thresholds measure nothing above 0).
  @Test func aZeroBaseErrorOfARegressionLeavesBiasUnjudged() {
    let zero = BiasVarianceDiagnosis(
      baseError: 0, trainError: 3.5, testError: 3.6, thresholds: .regressionDefault,
      context: DiagnosisContext(task: .regression(outputs: 1)))
    #expect(zero.verdictText == "low variance (bias not judged: base_error 0)")
    #expect(
      zero.recommendations.contains { $0.hasSuffix("above 0: the thresholds are relative to it") })
  }
}

/// A regression's report without a base error shows no avoidable bias: train − 0 (diabetes:
/// 2850) read as a diagnosis under the verdict "bias not judged".
@Suite struct ReportBiasNotJudgedTests {
  @Test func aRegressionWithoutABaseErrorShowsNoAvoidableBias() throws {
    func rows(base: String) throws -> [[String]] {
      let table = try CSVTable(
        header: [
          "base_error", "train_error", "test_error", "avoidable_bias", "relative_avoidable_bias",
          "variance", "variance_split", "threshold_scale", "avoidable_bias_threshold",
        ],
        rows: [[base, "2850.26", "2929.9", "2850.26", "", "79.6", "test", "relative", "0.1"]])
      for case .table(_, let rows) in ResultsReport.biasVarianceBlocks(table) { return rows }
      return []
    }
    let notJudged = try rows(base: "0.0")
    #expect(
      notJudged.first == [
        "base error (human-level ≈ Bayes)",
        "0: bias not judged (the thresholds are relative to it)", "",
      ])
    #expect(!notJudged.contains { $0[0].hasPrefix("avoidable bias") })
    let judged = try rows(base: "2500.0")
    #expect(judged.contains { $0[0] == "avoidable bias (train − base)" })
  }
}

/// `bias_variance.csv` joins the recommendations with "; " and `report.md` splits them there:
/// no recommendation may hold it (three did, and each showed as two bullets).
@Suite struct RecommendationSeparatorTests {
  @Test func noRecommendationHoldsTheSeparator() {
    let separator = BiasVarianceDiagnosis.recommendationSeparator
    var checked = 0
    let progresses: [TrainingProgress?] = [
      nil, TrainingProgress(start: 0.69, end: 0.69), TrainingProgress(start: 0.69, end: 40),
    ]
    for task in [DiagnosisContext.Task.binary, .multiclass(classes: 3), .regression(outputs: 1)] {
      for training in [DiagnosisContext.Training.unknown, .stillImproving, .converged] {
        for (base, train, held) in [
          (0.0, 0.0, 0.3), (0, 0.2, 0.21), (0, 0.2, 0.5), (0.05, 0.06, nil),
        ] {
          for progress in progresses {
            var context = DiagnosisContext(
              task: task, l2: 0.5, hiddenLayers: 1, trainingLength: 100, training: training,
              optimizer: "gd", polynomialDegree: 2, learningRate: 0.1, featureScale: 300,
              meanPredictionError: 0.25)
            context.earlyStoppedPatience = 3
            context.trainRows = 80
            context.penaltyShare = 0.3
            context.majorityClassError = 0.2
            context.generatedSamples = 100
            context.validationCurveParameter = "regularization.l2"
            for sampling in [nil, SamplingError(standardError: 0.5, count: 80)] {
              let d = BiasVarianceDiagnosis(
                baseError: base, trainError: train, trainDevError: held.map { $0 - 0.01 },
                devError: held,
                thresholds: task == .regression(outputs: 1)
                  ? .regressionDefault : .classificationDefault,
                context: context, progress: progress, heldOutSampling: sampling,
                trainSampling: sampling)
              for advice in d.recommendations {
                checked += 1
                #expect(!advice.contains(separator), "\(advice)")
              }
            }
          }
        }
      }
    }
    #expect(checked > 400)
  }
}

/// A run where nothing stands out reads so in report.md, not as a "What to try next" list of
/// one item that is no change to try; a run with advice keeps the heading.
@Suite struct ReportNothingStandsOutTests {
  static func paragraphs(_ recommendations: [String]) throws -> [String] {
    let table = try CSVTable(
      header: ["train_error", "test_error", "recommendations"],
      rows: [
        [
          "0.078", "0.09",
          recommendations.joined(separator: BiasVarianceDiagnosis.recommendationSeparator),
        ]
      ])
    return ResultsReport.biasVarianceBlocks(table).compactMap {
      if case .paragraph(let text) = $0 { text } else { nil }
    }
  }

  @Test func nothingStandsOutIsAFindingNotAListOfChanges() throws {
    let fine = try Self.paragraphs([BiasVarianceDiagnosis.nothingStandsOut])
    #expect(fine.count == 1 && fine[0].hasPrefix("Nothing stands out: train error is near"))
    #expect(!fine.contains("What to try next:"))
    let advised = try Self.paragraphs(["add regularization", "train longer"])
    #expect(advised == ["What to try next:"])
  }
}
