import Foundation
import Reports
import Testing
import Vocabulary

/// A schedule that lowered the rate so far that no longer run moves the weights (tester BR-4):
/// its sums of rates, the freeze they tell, and the advice that names it before training longer
/// or a bigger model.
@Suite struct ScheduleFreezeAdviceTests {
  /// The rates of steps `range` (`perEpoch` an epoch) summed one by one.
  static func summed(
    _ schedule: LearningRateSchedule, base: Double, _ range: Range<Int>, perEpoch: Int
  ) -> Double {
    range.reduce(0) { $0 + schedule.rate(base: base, epoch: $1 / perEpoch) }
  }

  /// StepLR with `size` and `gamma`.
  static func stepped(_ size: Int, _ gamma: Double) -> LearningRateSchedule {
    LearningRateSchedule(.step) {
      $0.stepSize = size
      $0.gamma = gamma
    }
  }

  static let halving = stepped(1, 0.5)

  @Test(arguments: [
    (stepped(1, 0.5), 25, 4), (stepped(3, 0.5), 25, 4), (stepped(10, 0.1), 1000, 7),
    (stepped(2, 0), 9, 2), (LearningRateSchedule(.exponential) { $0.gamma = 0.95 }, 100, 1),
  ])
  func theClosedFormSumsAreTheStepsRates(
    _ schedule: LearningRateSchedule, steps: Int, perEpoch: Int
  ) throws {
    let sums = try #require(schedule.rateSums(base: 0.2, steps: steps, stepsPerEpoch: perEpoch))
    let spent = Self.summed(schedule, base: 0.2, 0..<steps, perEpoch: perEpoch)
    // The tail, far enough for γ^blocks to be below 1e-15 of the rate.
    let left = Self.summed(schedule, base: 0.2, steps..<(steps + 20_000), perEpoch: perEpoch)
    #expect(abs(sums.spent - spent) <= 1e-12 * spent)
    #expect(abs(sums.left - left) <= 1e-12 * spent)
  }

  @Test func schedulesWhoseRatesNeverSumToAnEndNeverFreeze() {
    let never: [LearningRateSchedule] = [
      .constant, LearningRateSchedule(.cosine) { $0.tMax = 5 },
      LearningRateSchedule(.inverseTime) { $0.decayRate = 100 },
      LearningRateSchedule(.exponential) { $0.gamma = 1 },
      LearningRateSchedule(.step) { $0.gamma = 1 },
    ]
    for schedule in never {
      #expect(schedule.rateSums(base: 0.1, steps: 10_000, stepsPerEpoch: 4) == nil)
      #expect(ScheduleFreeze(schedule, base: 0.1, steps: 10_000, stepsPerEpoch: 4) == nil)
    }
  }

  @Test func tester4sScheduleFroze() throws {
    // 25 steps of 4 an epoch: the tail adds 0.0109375 to the 0.7890625 spent, 1.39%.
    let freeze = try #require(
      ScheduleFreeze(Self.halving, base: 0.1, steps: 25, stepsPerEpoch: 4))
    #expect(abs(freeze.leftOverSpent - 0.0109375 / 0.7890625) < 1e-12)
    #expect(freeze.endRate == 0.1 / 64)
    // Its first epoch lost half the rate, and 3 of its 4 steps are still to come: not frozen.
    #expect(ScheduleFreeze(Self.halving, base: 0.1, steps: 5, stepsPerEpoch: 4) == nil)
  }

  /// BR-4's run as the diagnosis sees it (`linear` generator, noise 0.1, step_size 1, gamma
  /// 0.5, 25 steps of 4 an epoch), with its least squares on the training rows when computed.
  static func frozenLine(leastSquares: Double?) -> BiasVarianceDiagnosis {
    var context = DiagnosisContext(
      task: .regression(outputs: 1), trainingLength: 25, training: .stillImproving,
      optimizer: "sgd", inputFeatures: 1, learningRate: 0.1, meanPredictionError: 4)
    context.miniBatches = true
    context.steps = 25
    context.scheduleFreeze = ScheduleFreeze(Self.halving, base: 0.1, steps: 25, stepsPerEpoch: 4)
    context.leastSquares = leastSquares.map { .init(reached: 0.2083, optimum: $0) }
    return BiasVarianceDiagnosis(
      baseError: 0.01, trainError: 0.2083, testError: 0.1547, thresholds: .regressionDefault,
      context: context)
  }

  static let frozenAdvice =
    "a schedule that lets it train: the step schedule (step_size 1, gamma 0.5) lowered the "
    + "learning rate from 0.1 to 0.00156 at the run's last step, and the steps of any longer run "
    + "would add only 1.39% to the rates its 25 steps took, so training longer would not move "
    + "the weights: raise `optimizer.schedule.step_size` from 1 to 2 (the last step then trains "
    + "at 0.0125), or remove `optimizer.schedule`"

  @Test func highBiasUnderAFrozenScheduleNamesItFirst() {
    // Without a least-squares figure (a network would have none): high bias, the schedule
    // first, and no training longer.
    let diagnosis = Self.frozenLine(leastSquares: nil)
    #expect(diagnosis.verdict == .highBias)
    #expect(diagnosis.nextSteps().first == Self.frozenAdvice, "\(diagnosis.nextSteps())")
    #expect(!diagnosis.recommendations.contains { $0.hasPrefix("train longer") })
    #expect(!diagnosis.recommendations.contains { $0.hasPrefix("a faster optimizer") })
  }

  @Test func aLineFarAboveLeastSquaresDidNotConvergeByItsSchedule() {
    let diagnosis = Self.frozenLine(leastSquares: 0.0103)
    #expect(diagnosis.verdict == .notConverged)
    #expect(
      diagnosis.verdictText
        == "training did not converge: the training loss is 0.208, least squares reaches 0.0103 on these rows"
    )
    #expect(
      diagnosis.recommendations == [
        Self.frozenAdvice,
        "the exact solver: `model.solver: exact`, with `optimizer` and `record_every` removed, solves least squares directly (no learning rate, no steps)",
      ])
  }

  @Test func aLineAtLeastSquaresIsJudgedAsUsual() {
    // At its optimum the schedule did no harm: the model is what to change.
    let diagnosis = Self.frozenLine(leastSquares: 0.2082)
    #expect(diagnosis.verdict == .highBias)
    #expect(!diagnosis.recommendations.contains { $0.hasPrefix("a schedule") })
    #expect(diagnosis.nextSteps().first?.hasPrefix("a bigger model") == true)
  }

  @Test func theAdvisedSettingEndsTheRunAtATenthOfItsRate() throws {
    // torch's default StepLR over 100 epochs: 9 decays by 0.1; one is allowed.
    let torch = try #require(
      ScheduleFreeze(LearningRateSchedule(.step), base: 1, steps: 100, stepsPerEpoch: 1))
    var context = DiagnosisContext(trainingLength: 100, training: .converged, learningRate: 1)
    context.scheduleFreeze = torch
    let diagnosis = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.3, devError: 0.3, context: context)
    #expect(
      diagnosis.nextSteps().first?.hasSuffix(
        "raise `optimizer.schedule.step_size` from 10 to 50 (the last step then trains at 0.1), or remove `optimizer.schedule`"
      ) == true, "\(diagnosis.nextSteps())")
    // Exponential: 0.8 over 100 full-batch steps ends at 2e-10 of the rate; 1 − 0.1^(1/99) is
    // 0.02299, rounded down to 0.022: 0.978^99 = 0.111.
    let exponential = try #require(
      ScheduleFreeze(
        LearningRateSchedule(.exponential) { $0.gamma = 0.8 }, base: 1, steps: 100,
        stepsPerEpoch: 1))
    context.scheduleFreeze = exponential
    let advice = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.3, devError: 0.3, context: context
    )
    .nextSteps().first
    #expect(
      advice?.hasSuffix(
        "raise `optimizer.schedule.gamma` from 0.8 to 0.978 (the last step then trains at 0.111), or remove `optimizer.schedule`"
      ) == true, "\(advice ?? "")")
  }
}
