import Testing

@testable import Engine

/// The loop and the close judge a run against one starting loss, the divergence watch's (the
/// first step's loss), even when it differs from the first record's (the whole training set).
@Suite struct DivergenceReferenceTests {
  /// Ten rows at target 0 but the first, an outlier at 100: visited one row per step in stored
  /// order, the first step's loss (the outlier's) is ten times the first record's.
  let data = Examples(
    x: Matrix(rows: 10, cols: 1, storage: [1] + (1..<10).map { 0.1 * Double($0) }),
    y: Matrix(rows: 10, cols: 1, storage: [100] + [Double](repeating: 0, count: 9)))

  func configuration(iterations: Int, factor: Double) -> TrainingConfiguration {
    TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse,
      optimizer: Optimizer(.sgd) { $0.divergenceFactor = factor }, learningRate: 1,
      batchSize: 1, shuffle: false, budget: .iterations(iterations), recordEvery: 1,
      metrics: [])
  }

  /// The losses of the first two steps, as the loop sees them.
  func stepLosses() throws -> (Double, Double) {
    let c = configuration(iterations: 2, factor: 0)
    let session = try Trainer.makeSession(
      c, plan: TrainingPlan(c, train: data), data: data, index: 0, fastPath: true)
    return (session.step(learningRate: 1), session.step(learningRate: 1))
  }

  @Test func theCloseJudgesAgainstTheFirstStepsLoss() throws {
    BLASSetup.once()
    let (firstStep, secondStep) = try stepLosses()
    let free = try Trainer.train(configuration(iterations: 1, factor: 0), train: data)
    let firstRecord = try #require(free.records.first?.train.loss)
    let final = try #require(free.final?.train.loss)
    try #require(firstRecord * 2 < firstStep && firstStep * 2 < final, "the references differ")

    // A factor whose limit the final loss exceeds over the first record's loss but not over the
    // first step's: the loop's rule finds no divergence, so neither does the close.
    let between = ((final / firstRecord) * (final / firstStep)).squareRoot()
    let judged = try Trainer.train(configuration(iterations: 1, factor: between), train: data)
    #expect(judged.divergence == nil, "\(judged.stopReason)")
    #expect(judged.stopReason == .completed)
    #expect(judged.final?.train.loss == final)

    // A factor both the final loss and the second step's loss exceed: the close (one step)
    // and the loop (two steps) stop the run against the same limit, the first step's.
    let low = min(final, secondStep) / firstStep / 2
    try #require(low >= 1)
    let atClose = try #require(
      try Trainer.train(configuration(iterations: 1, factor: low), train: data).divergence)
    let inLoop = try #require(
      try Trainer.train(configuration(iterations: 2, factor: low), train: data).divergence)
    #expect(atClose == Divergence(iteration: 1, loss: final, limit: low * firstStep))
    #expect(inLoop == Divergence(iteration: 1, loss: secondStep, limit: low * firstStep))
    #expect(atClose.description.contains("optimizer.divergence_factor times its starting value"))
  }

  @Test func theCloseJudgesEachComponentAgainstItsOwnStart() {
    var watch = DivergenceWatch(factor: 10, components: 3)
    #expect(watch.check(1, component: 0, iteration: 0) == nil)
    #expect(watch.check(5, component: 1, iteration: 0) == nil)
    // Component 1 may reach 50, component 0 only 10; component 2 has no start (only non-finite
    // losses count) and a component not evaluated is skipped.
    #expect(watch.checkFinal([9, 49, 1e9], steps: [4, 6, 6]) == nil)
    #expect(
      watch.checkFinal([nil, 51, 1], steps: [4, 6, 6])
        == Divergence(
          iteration: 6, loss: 51, limit: 50))
    #expect(watch.checkFinal([11, 49, .nan], steps: [4, 6, 7])?.iteration == 4)
    #expect(
      watch.checkFinal([1, 1, .infinity], steps: [4, 6, 7])
        == Divergence(
          iteration: 7, loss: .infinity))
  }
}
