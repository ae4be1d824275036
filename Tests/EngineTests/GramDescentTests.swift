import Testing

@testable import Engine

/// The Gram-matrix fast path of full-batch gradient descent gives the plain path's iterates.
@Suite struct GramDescentTests {
  @discardableResult
  func compare(_ c: TrainingConfiguration, _ train: Examples<Double>, dev: Examples<Double>? = nil)
    throws -> StopReason
  {
    let plan = try TrainingPlan(c, train: train)
    #expect(GramDescentSession<Double>.applies(c, plan.layout, rows: train.count))
    let fast = try Trainer.run(
      c, train: train, dev: dev, test: nil, fastPath: true, events: { _ in })
    let plain = try Trainer.run(
      c, train: train, dev: dev, test: nil, fastPath: false, events: { _ in })
    #expect(fast.records.count == plain.records.count)
    #expect(fast.stopReason == plain.stopReason)
    for (a, b) in zip(fast.records, plain.records) {
      #expect(abs(a.train.loss - b.train.loss) < 1e-11, "iteration \(a.iteration)")
      #expect(abs(a.cost - b.cost) < 1e-11)
    }
    let pa = fast.model.network!.layers.flatMap { $0.weights.storage + $0.bias }
    let pb = plain.model.network!.layers.flatMap { $0.weights.storage + $0.bias }
    #expect(zip(pa, pb).allSatisfy { abs($0 - $1) < 1e-10 })
    return fast.stopReason
  }

  @Test func logisticWithL2AndSchedule() throws {
    BLASSetup.once()
    let train = Examples(
      x: Synthetic.features(30, 100, seed: 31), labels: Synthetic.labels(30, classes: 2, seed: 32))
    let c = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, optimizer: .gd,
      learningRate: 0.05,
      schedule: .exponential(gamma: 0.999), regularization: Regularization(l2: 0.1),
      budget: .iterations(300),
      recordEvery: 25, initializer: .normal(std: 0.1), metrics: [.accuracy], seed: 4)
    try compare(c, train)
  }

  @Test func linearRegressionWithL2() throws {
    BLASSetup.once()
    let train = Examples(
      x: Synthetic.features(20, 64, seed: 33), y: Synthetic.targets(20, 1, seed: 34))
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .gd, learningRate: 0.002,
      regularization: Regularization(l2: 0.5), budget: .iterations(200), recordEvery: 20,
      metrics: [.mse])
    try compare(c, train)
  }

  @Test func earlyStoppingRestoresOnTheFastPath() throws {
    BLASSetup.once()
    let train = Examples(
      x: Synthetic.features(20, 60, seed: 35), y: Synthetic.targets(20, 1, seed: 36))
    let dev = Examples(
      x: Synthetic.features(40, 60, seed: 37), y: Synthetic.targets(40, 1, seed: 38))
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .gd, learningRate: 0.01,
      budget: .iterations(3000), recordEvery: 10, earlyStopping: EarlyStopping(patience: 3),
      metrics: [])
    let stop = try compare(c, train, dev: dev)
    guard case .earlyStopped = stop else {
      Issue.record("expected early stopping, got \(stop)")
      return
    }
  }
}
