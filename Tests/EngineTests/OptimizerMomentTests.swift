import Testing
import Vocabulary

@testable import Engine

/// The moment vectors a rule declares (`Optimizer.momentVectors`, which the memory estimate
/// counts and the engine allocates) are the per-parameter state torch.optim keeps for the rule,
/// and every one of them is written by the rule's step.
@Suite struct OptimizerMomentTests {
  static let rules: [Optimizer] =
    OptimizerKind.allCases.map { Optimizer($0) } + [Optimizer(.rmsprop) { $0.momentum = 0.9 }]

  /// The per-parameter tensors in torch.optim's `state_dict()["state"][i]` for the rule with
  /// these settings (scalars such as `step` and NAdam's `mu_product` left out), written from
  /// torch's source, not from `momentVectors`. L-BFGS keeps its own history instead.
  static func torchState(_ rule: Optimizer) -> [String] {
    switch rule.kind {
    case .gd, .sgd, .lbfgs: []
    case .momentum, .nesterov: ["momentum_buffer"]
    case .rmsprop: ["square_avg"] + (rule.settings.momentum > 0 ? ["momentum_buffer"] : [])
    case .adam, .adamw, .nadam: ["exp_avg", "exp_avg_sq"]
    case .adagrad: ["sum"]
    case .adamax: ["exp_avg", "exp_inf"]
    }
  }

  @Test(arguments: rules) func theDeclaredMomentsAreTorchsState(_ rule: Optimizer) {
    let torch = Self.torchState(rule)
    let message = "`Optimizer.momentVectors` is \(rule.momentVectors); torch keeps \(torch)"
    #expect(rule.momentVectors == torch.count, "\(rule.kind.rawValue): \(message)")
  }

  /// One step from a nonzero gradient changes every moment the state allocated and saves: a
  /// declared moment the rule's kernel never writes fails here (one too few stops the step at
  /// its precondition).
  @Test(arguments: rules) func everyDeclaredMomentIsWrittenByAStep(_ rule: Optimizer) {
    let count = 5
    var state = OptimizerState<Double>(rule, count: count)
    var before = TrainingCheckpoint.Session(steps: 0)
    state.save(into: &before)
    var theta = [Double](repeating: 0.5, count: count)
    let grad = (0..<count).map { 0.1 * Double($0 + 1) }
    theta.withUnsafeMutableBufferPointer { t in
      grad.withUnsafeBufferPointer { g in
        state.apply(
          theta: t.baseAddress!, grad: g.baseAddress!, count: count, lr: 0.1,
          weightRanges: [0..<count])
      }
    }
    var after = TrainingCheckpoint.Session(steps: 0)
    state.save(into: &after)
    let names = ["optimizer_first", "optimizer_second"].filter { before.reals[$0] != nil }
    #expect(names.count == rule.momentVectors)
    for name in names {
      #expect(after.reals[name]?.count == count, "\(rule.kind.rawValue): \(name)")
      #expect(after.reals[name] != before.reals[name], "\(rule.kind.rawValue): \(name) unwritten")
    }
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
