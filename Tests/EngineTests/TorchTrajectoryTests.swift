import Testing
import Vocabulary

@testable import Engine

/// Optimizers against torch.optim itself: 20 full-batch steps on the problem of
/// `OptimizerTrajectories`, compared with the committed output of
/// `scripts/reference/engine/optimizer_trajectories_torch.py` (float64).
@Suite struct TorchTrajectoryTests {
  static let cases: [(name: String, optimizer: Optimizer, learningRate: Double)] = [
    ("rmsprop", .rmsprop(), 0.01),
    ("rmsprop_momentum", .rmsprop(momentum: 0.9), 0.01),
    ("rmsprop_momentum_alpha", .rmsprop(alpha: 0.9, momentum: 0.5), 0.005),
    ("adam", .adam(), 0.05),
    ("adagrad", Optimizer(.adagrad), 0.1),
    (
      "adagrad_decay",
      Optimizer(.adagrad) {
        $0.learningRateDecay = 0.05
        $0.initialAccumulator = 0.1
        $0.eps = 1e-6
      }, 0.1
    ),
    ("nadam", Optimizer(.nadam), 0.05),
    (
      "nadam_decay",
      Optimizer(.nadam) {
        $0.beta1 = 0.8
        $0.beta2 = 0.99
        $0.eps = 1e-6
        $0.momentumDecay = 0.01
      }, 0.05
    ),
    ("adamax", .adamax(), 0.05),
    ("adamax_betas", .adamax(beta1: 0.8, beta2: 0.99, epsilon: 1e-3), 0.05),
    // torch's own weight_decay, on the weights only (the bias's parameter group has none).
    ("sgd_wd", Optimizer(.sgd) { $0.weightDecay = 0.1 }, 0.5),
    ("momentum_wd", Optimizer(.momentum) { $0.weightDecay = 0.1 }, 0.1),
    ("nesterov_wd", Optimizer(.nesterov) { $0.weightDecay = 0.1 }, 0.1),
    (
      "rmsprop_wd",
      Optimizer(.rmsprop) {
        $0.momentum = 0.5
        $0.weightDecay = 0.1
      }, 0.01
    ),
    ("adam_wd", Optimizer(.adam) { $0.weightDecay = 0.1 }, 0.05),
    ("adamw", Optimizer(.adamw), 0.05),
    ("adamw_wd", Optimizer(.adamw) { $0.weightDecay = 0.5 }, 0.05),
    ("adagrad_wd", Optimizer(.adagrad) { $0.weightDecay = 0.1 }, 0.1),
    ("nadam_wd", Optimizer(.nadam) { $0.weightDecay = 0.1 }, 0.05),
    ("adamax_wd", Optimizer(.adamax) { $0.weightDecay = 0.1 }, 0.05),
  ]

  /// The optimizers with state, with `l1 * w.abs().sum()` added to torch's objective: each takes
  /// L1 by its subgradient, as autograd does (gd and sgd take a proximal step instead).
  static let l1Cases: [(name: String, optimizer: Optimizer, learningRate: Double)] = [
    ("momentum_l1", .momentum(0.9), 0.1),
    ("nesterov_l1", .nesterov(0.9), 0.1),
    ("rmsprop_l1", .rmsprop(), 0.01),
    ("adam_l1", .adam(), 0.05),
    ("adamw_l1", .adamw(), 0.05),
    ("adagrad_l1", Optimizer(.adagrad), 0.1),
    ("nadam_l1", Optimizer(.nadam), 0.05),
    ("adamax_l1", .adamax(), 0.05),
  ]

  @Test(arguments: cases.map(\.name))
  func matchesTorch(_ name: String) throws {
    let (_, optimizer, lr) = Self.cases.first { $0.name == name }!
    let reference = try #require(TorchOptimizerTrajectories.cases[name])
    try TrajectoryCheck.compare(
      name, optimizer: optimizer, learningRate: lr, losses: reference.losses,
      parameters: reference.parameters)
  }

  @Test(arguments: l1Cases.map(\.name))
  func matchesTorchWithL1(_ name: String) throws {
    let (_, optimizer, lr) = Self.l1Cases.first { $0.name == name }!
    #expect(optimizer.kind.l1Step == .subgradient)
    let reference = try #require(TorchOptimizerTrajectories.cases[name])
    try TrajectoryCheck.compare(
      name, optimizer: optimizer, learningRate: lr, l1: 0.05, tolerance: 1e-12,
      losses: reference.losses, parameters: reference.parameters)
  }

  /// Every case of the fixture is checked (a reference case without a test is a mistake), and
  /// every rule is: one that declares `weight_decay` has a `<rule>_wd` case with a nonzero
  /// decay, one that takes L1 by its subgradient (as torch's autograd does) a `<rule>_l1` case.
  /// (gd and sgd's proximal L1 step is not torch's: `LassoZeroWeightsTests` checks it.)
  @Test func everyTorchCaseIsTested() {
    let tested = Set((Self.cases + Self.l1Cases).map(\.name))
    #expect(Set(TorchOptimizerTrajectories.cases.keys).subtracting(tested) == [])
    for kind in OptimizerKind.allCases {
      if kind.parameters.contains(where: { $0.key == "weight_decay" }) {
        let name = "\(kind.rawValue)_wd"
        let decays = Self.cases.contains {
          $0.name == name && $0.optimizer.kind == kind && $0.optimizer.settings.weightDecay != 0
        }
        #expect(decays, "\(kind.rawValue) declares weight_decay: add a torch case \(name)")
      }
      if kind.l1Step == .subgradient {
        let name = "\(kind.rawValue)_l1"
        let taken = Self.l1Cases.contains { $0.name == name && $0.optimizer.kind == kind }
        #expect(taken, "\(kind.rawValue) takes L1 by its subgradient: add a torch case \(name)")
      }
    }
  }
}
