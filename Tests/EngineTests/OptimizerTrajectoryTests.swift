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
    BLASSetup.once()
    let (_, optimizer, lr, schedule) = Self.cases.first { $0.0 == name }!
    let reference = try #require(OptimizerTrajectories.cases[name])
    let data = Examples(x: Matrix(OptimizerTrajectories.x), labels: OptimizerTrajectories.y)
    let c = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, optimizer: optimizer,
      learningRate: lr,
      schedule: schedule, regularization: Regularization(l2: OptimizerTrajectories.l2),
      budget: .iterations(20),
      recordEvery: 1,
      initializer: .explicit([
        .init(
          weights: Matrix(rows: 3, cols: 1, storage: OptimizerTrajectories.w0),
          bias: [OptimizerTrajectories.b0])
      ]), metrics: [])
    let r = try Trainer.train(c, train: data)
    #expect(r.records.count == 20)
    for (record, expected) in zip(r.records, reference.losses) {
      #expect(abs(record.train.loss - expected) < 1e-10, "\(name) iteration \(record.iteration)")
    }
    let layer = r.model.network!.layers[0]
    let parameters = layer.weights.storage + layer.bias
    for (p, e) in zip(parameters, reference.parameters) {
      #expect(abs(p - e) < 1e-10, "\(name): \(parameters) vs \(reference.parameters)")
    }
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
}
