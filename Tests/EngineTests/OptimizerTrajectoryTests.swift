import Testing

@testable import Engine

/// Each optimizer's and schedule's first 20 steps against the committed reference
/// (`scripts/reference/engine/optimizer_trajectories.py`: torch.optim's update rules, float64).
@Suite struct OptimizerTrajectoryTests {
  static let cases: [(String, Optimizer, Double, LearningRateSchedule)] = [
    ("sgd", .sgd, 0.5, .constant),
    ("momentum", .momentum(0.9), 0.1, .constant),
    ("nesterov", .nesterov(0.9), 0.1, .constant),
    ("rmsprop", .rmsprop(), 0.01, .constant),
    ("adam", .adam(), 0.05, .constant),
    ("adamw", .adamw(weightDecay: 0.1), 0.05, .constant),
    ("sgd_step", .sgd, 0.5, .step(every: 5, gamma: 0.5)),
    ("sgd_exponential", .sgd, 0.5, .exponential(gamma: 0.9)),
    ("sgd_cosine", .sgd, 0.5, .cosine(period: 10, minimum: 0.001)),
  ]

  @Test(arguments: cases.map(\.0))
  func matchesReference(_ name: String) throws {
    let (_, optimizer, lr, schedule) = Self.cases.first { $0.0 == name }!
    let reference = try #require(OptimizerTrajectories.cases[name])
    try TrajectoryCheck.compare(
      name, optimizer: optimizer, learningRate: lr, schedule: schedule,
      losses: reference.losses, parameters: reference.parameters)
  }

  @Test func schedulesInClosedForm() {
    #expect(LearningRateSchedule.constant.rate(base: 0.1, epoch: 7) == 0.1)
    #expect(LearningRateSchedule.step(every: 3, gamma: 0.1).rate(base: 1, epoch: 2) == 1)
    #expect(
      abs(LearningRateSchedule.step(every: 3, gamma: 0.1).rate(base: 1, epoch: 3) - 0.1) < 1e-15)
    #expect(
      abs(LearningRateSchedule.exponential(gamma: 0.5).rate(base: 2, epoch: 3) - 0.25) < 1e-15)
    let cosine = LearningRateSchedule.cosine(period: 10, minimum: 0.1)
    #expect(abs(cosine.rate(base: 1, epoch: 0) - 1) < 1e-15)
    #expect(abs(cosine.rate(base: 1, epoch: 5) - 0.55) < 1e-15)
    #expect(abs(cosine.rate(base: 1, epoch: 10) - 0.1) < 1e-15)
  }

  @Test("firstChange is the first epoch whose rate differs from the start (nil: none)")
  func scheduleFirstChange() {
    let schedules: [LearningRateSchedule] = [
      .constant, .step(every: 4, gamma: 0.1), .step(every: 4, gamma: 1), .exponential(gamma: 1),
      .exponential(gamma: 0.9), .cosine(period: 6), LearningRateSchedule(.inverseTime),
      LearningRateSchedule(.inverseTime) { $0.decayRate = 0 },
      LearningRateSchedule(.inverseTime) { $0.stepSize = 3 },
      .cosine(period: 6, minimum: 0.5), .cosine(period: 6, minimum: 0.25),
    ]
    for schedule in schedules {
      let first = (1..<20).first { schedule.rate(base: 0.5, epoch: $0) != 0.5 }
      #expect(schedule.firstChange(base: 0.5) == first, "\(schedule)")
    }
  }
}
