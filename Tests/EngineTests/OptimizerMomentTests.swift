import Testing
import Vocabulary

@testable import Engine

/// The moment vectors a rule declares (`Optimizer.momentVectors`, which the memory estimate
/// counts) are the ones its engine state allocates and a checkpoint saves.
@Suite struct OptimizerMomentTests {
  static let rules: [Optimizer] =
    OptimizerKind.allCases.map { Optimizer($0) } + [Optimizer(.rmsprop) { $0.momentum = 0.9 }]

  @Test(arguments: rules) func theDeclaredMomentsAreTheSavedOnes(_ rule: Optimizer) {
    let count = 5
    var saved = TrainingCheckpoint.Session(steps: 0)
    OptimizerState<Double>(rule, count: count).save(into: &saved)
    let moments = ["optimizer_first", "optimizer_second"].compactMap { saved.reals[$0] }
    #expect(moments.count == rule.momentVectors)
    #expect(moments.allSatisfy { $0.count == count })
  }

  @Test func rmspropKeepsAVelocityOnlyWithMomentum() {
    #expect(Optimizer(.rmsprop).momentVectors == 1)
    #expect(Optimizer(.rmsprop) { $0.momentum = 0.5 }.momentVectors == 2)
  }

  @Test func adagradsSumStartsAtItsInitialAccumulator() {
    var saved = TrainingCheckpoint.Session(steps: 0)
    let rule = Optimizer(.adagrad) { $0.initialAccumulator = 0.25 }
    OptimizerState<Double>(rule, count: 3).save(into: &saved)
    #expect(saved.reals["optimizer_first"] == [0.25, 0.25, 0.25])
  }
}
