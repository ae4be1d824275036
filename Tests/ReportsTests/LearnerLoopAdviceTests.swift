import Testing
import Vocabulary

@testable import Reports

/// Advice a learner followed in circles (user-view tester, session 17): each case now names what
/// really held the model back.
@Suite struct LearnerLoopAdviceTests {
  @Test func earlyStoppingThatEndedAnUnderfitRunIsToldFirst() {
    var context = DiagnosisContext(hiddenLayers: 2, training: .converged, optimizer: "adam")
    context.earlyStoppedPatience = 3
    let d = BiasVarianceDiagnosis(baseError: 0, trainError: 0.117, devError: 0.15, context: context)
    #expect(d.verdict == .highBias)
    #expect(
      d.nextSteps().first
        == "wait longer before stopping: early stopping ended training with the training error still high, so raise `optimizer.early_stopping.patience` from 3 to 10 (a small dev set's error is noisy and stops it early)"
    )
    // Once it waits the default 10 records, a bigger model comes first: no doubling every run.
    context.earlyStoppedPatience = 10
    let patient = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.117, devError: 0.15, context: context)
    #expect(!patient.recommendations.contains { $0.contains("early_stopping.patience") })
    context.earlyStoppedPatience = nil
    let notStopped = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.117, devError: 0.15, context: context)
    #expect(notStopped.nextSteps().first?.hasPrefix("a bigger network") == true)
  }

  @Test func aTruthTableIsNotToldToHoldRowsOut() {
    var context = DiagnosisContext()
    context.trainRows = 4
    let xor = BiasVarianceDiagnosis(baseError: 0, trainError: 0, context: context)
    #expect(
      xor.recommendations == ["variance is not measured: 4 rows are too few to hold some out"])
    // No change to the spec, so not under `try next`.
    #expect(xor.nextSteps().isEmpty)
    context.trainRows = 200
    let many = BiasVarianceDiagnosis(baseError: 0, trainError: 0, context: context)
    #expect(many.recommendations.first?.hasPrefix("add a `dev` or `test` split") == true)
  }

  /// Every rule of the vocabulary is sorted (the list was once hand-copied strings, which a new
  /// adaptive rule would have missed and been told to switch to Adam).
  @Test func anAdaptiveOptimizerIsNotToldToSwitchToAdam() {
    for kind in OptimizerKind.allCases {
      let d = BiasVarianceDiagnosis(
        baseError: 0, trainError: 0.3, testError: 0.3,
        context: DiagnosisContext(training: .stillImproving, optimizer: kind.rawValue))
      let told = d.recommendations.contains { $0.hasPrefix("a faster optimizer") }
      #expect(told == !kind.adaptsItsSteps, "\(kind)")
    }
    let told = OptimizerKind.allCases.filter { !$0.adaptsItsSteps }
    #expect(told == [.gd, .sgd, .momentum, .nesterov])
  }

  /// The switch to Adam names keys, not a whole `optimizer:` mapping, which pasted over the
  /// spec's would drop its iterations or epochs; momentum, which Adam does not take, goes.
  @Test func theSwitchToAdamKeepsTheRestOfTheOptimizer() {
    func advice(_ optimizer: String) -> String? {
      BiasVarianceDiagnosis(
        baseError: 0, trainError: 0.3, testError: 0.3,
        context: DiagnosisContext(training: .stillImproving, optimizer: optimizer)
      ).recommendations.first { $0.hasPrefix("a faster optimizer") }
    }
    #expect(
      advice("sgd")
        == "a faster optimizer, Adam: set `optimizer.type: adam` and `optimizer.learning_rate: 0.01`, keeping the rest of `optimizer`"
    )
    #expect(
      advice("nesterov")?.hasSuffix("keeping the rest of `optimizer` but its `momentum`") == true)
    // gd takes every row at each step; Adam's default batch is 32 rows, so the advice keeps it.
    var gd = DiagnosisContext(training: .stillImproving, optimizer: "gd")
    gd.trainRows = 209
    #expect(
      BiasVarianceDiagnosis(baseError: 0, trainError: 0.3, testError: 0.3, context: gd)
        .recommendations.contains(
          "a faster optimizer, Adam: set `optimizer.type: adam`, `optimizer.learning_rate: 0.01` and `optimizer.batch_size: 209` (the full batch gd takes), keeping the rest of `optimizer`"
        ))
  }

  @Test func aClassifierMeasuredAgainstBaseErrorZeroIsToldToCheckIt() {
    let blobs = BiasVarianceDiagnosis(baseError: 0, trainError: 0.156, testError: 0.17)
    #expect(blobs.gapsText.hasPrefix("avoidable bias 0.156 (train − base error 0, too low if"))
    #expect(blobs.recommendations.contains { $0.hasPrefix("check the base error") })
    let given = BiasVarianceDiagnosis(baseError: 0.15, trainError: 0.3, testError: 0.31)
    #expect(!given.recommendations.contains { $0.hasPrefix("check the base error") })
  }
}

/// A classifier no better than always answering its most common class says so, and under a
/// penalty is told to weaken it first: an MLP at l2 1 answered "non-cat" for every image
/// (train accuracy 0.656, the non-cat share) and was told to grow.
@Suite struct MajorityClassAdviceTests {
  @Test func aPenalizedClassifierThatAnswersOneClassIsToldToWeakenThePenaltyFirst() {
    var context = DiagnosisContext(l2: 1, hiddenLayers: 1, training: .converged)
    context.majorityClassError = 72.0 / 209
    let collapsed = BiasVarianceDiagnosis(
      baseError: 0, trainError: 72.0 / 209, testError: 0.66, context: context)
    #expect(
      collapsed.verdictText
        == "high bias and high variance (the training error is no lower than always predicting the most common class, 0.344)"
    )
    #expect(
      collapsed.recommendations.first?.hasPrefix("weaken regularization: compare in one run")
        == true)
    // One example better than the baseline: no remark.
    let learned = BiasVarianceDiagnosis(
      baseError: 0, trainError: 71.0 / 209, testError: 0.66, context: context)
    #expect(learned.verdictText == "high bias and high variance")
    // A penalty that holds a tenth of the objective is weakened first, a lighter one last.
    context.penaltyShare = 0.2
    #expect(learned.recommendations.first?.hasPrefix("a bigger network") == true)
    #expect(
      BiasVarianceDiagnosis(baseError: 0, trainError: 71.0 / 209, testError: 0.66, context: context)
        .recommendations.first?.hasPrefix("weaken regularization") == true)
    // Without a penalty, growing comes first.
    context.l2 = nil
    #expect(
      BiasVarianceDiagnosis(baseError: 0, trainError: 72.0 / 209, testError: 0.66, context: context)
        .recommendations.first?.hasPrefix("a bigger network") == true)
  }
}

/// A spec that gives its weights (`model.init` values or an earlier run's parameters) is told
/// that a bigger model or more features replace them: blobs' explicit init refused the
/// advised `polynomial: 2` ("the explicit weights have 2 rows but the data has 5 features").
@Suite struct FixedInitAdviceTests {
  @Test func growingAModelWithGivenWeightsSaysToReplaceThem() {
    var context = DiagnosisContext(training: .converged, inputFeatures: 2)
    context.fixedInit = true
    let advice = BiasVarianceDiagnosis(baseError: 0, trainError: 0.08, context: context)
      .recommendations.filter { $0.hasPrefix("a bigger model") || $0.hasPrefix("polynomial") }
    #expect(advice.count == 2)
    #expect(
      advice.allSatisfy {
        $0.hasSuffix(", replacing `model.init` (its given weights fit only the present shapes)")
      })
    context.fixedInit = false
    #expect(
      !BiasVarianceDiagnosis(baseError: 0, trainError: 0.08, context: context).recommendations
        .contains { $0.contains("replacing `model.init`") })
  }
}
