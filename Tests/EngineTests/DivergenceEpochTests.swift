import Foundation
import Testing

@testable import Engine

/// A divergence found at a mini-batch names the epoch its update is made in, the pass over the
/// data that starts at `metrics.csv`'s row of that epoch, whichever batch of the pass it is
/// (tester BG #4: the last batch of the first pass was named epoch 1, its first epoch 0).
@Suite struct DivergenceEpochTests {
  @Test func aDivergenceAtTheLastBatchOfTheFirstPassNamesEpochZero() throws {
    BLASSetup.once()
    // Rows in order, 4 batches of 4: the first two batches fit the zero start exactly, the
    // third moves the weights far at this rate, and the fourth's loss is past the limit.
    let x = Matrix((0..<16).map { _ in [1.0] })
    let y = Matrix((0..<16).map { [$0 < 8 ? 0.0 : 1000.0] })
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .sgd,
      learningRate: 100, batchSize: 4, shuffle: false, budget: .epochs(3), recordEvery: 1)
    let r = try Trainer.train(c, train: Examples(x: x, y: y))
    let d = try #require(r.divergence, "\(r.stopReason)")
    #expect(d.iteration == 3)
    #expect(d.epoch == 0)
    #expect(d.description.hasPrefix("training diverged at epoch 0 (iteration 3)"))
    #expect(r.records.map(\.epoch) == [0])
  }
}
