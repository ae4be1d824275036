import Foundation
import Testing

@testable import Engine

/// A loss that blows up but stays finite is a divergence too: past `divergenceFactor` × the
/// first step's loss the run stops as diverged and keeps its records.
@Suite struct DivergenceFactorTests {
  func blobs(_ m: Int) -> Examples<Double> {
    let x = Synthetic.features(m, 4, seed: 21)
    var scaled = x
    for i in scaled.storage.indices { scaled.storage[i] *= 50 }
    let labels = (0..<m).map { x[$0, 0] - x[$0, 2] > 0 ? 1 : 0 }
    return Examples(x: scaled, labels: labels)
  }

  @Test func aFiniteBlowUpStopsTheRun() throws {
    BLASSetup.once()
    // The cat run's trouble at learning rate 1e6: the cross-entropy climbs to ~1e7, finite.
    let c = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, optimizer: .gd,
      learningRate: 1e6, budget: .iterations(200), recordEvery: 10)
    let r = try Trainer.train(c, train: blobs(80))
    let d = try #require(r.divergence)
    let start = try #require(r.records.first?.train.loss)
    #expect(d.loss.isFinite && d.loss > 1e4 * start)
    #expect(d.limit == 1e4 * start)
    #expect(d.description.contains("optimizer.divergence_factor"))
    #expect(r.final == nil)
    #expect(!r.records.isEmpty && r.records.allSatisfy { $0.iteration <= d.iteration })
  }

  @Test func factorZeroTurnsTheTestOff() throws {
    BLASSetup.once()
    let c = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy,
      optimizer: Optimizer(.gd) { $0.divergenceFactor = 0 }, learningRate: 1e6,
      budget: .iterations(200), recordEvery: 10)
    let r = try Trainer.train(c, train: blobs(80))
    #expect(r.divergence == nil)
    #expect(r.stopReason == .completed)
  }

  @Test func adamMLPAtAHugeRateDiverges() throws {
    BLASSetup.once()
    let c = TrainingConfiguration(
      model: .mlp(layers: [.init(16, .relu), .init(1, .sigmoid)]), loss: .binaryCrossEntropy,
      optimizer: .adam(), learningRate: 1e6, batchSize: 16, budget: .epochs(5), recordEvery: 1,
      initializer: .he, metrics: [.accuracy], seed: 3)
    let r = try Trainer.train(c, train: blobs(96))
    #expect(r.divergence != nil, "\(r.stopReason)")
  }

  @Test func aHealthyRunIsNotStopped() throws {
    BLASSetup.once()
    let c = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, optimizer: .sgd,
      learningRate: 1e-3, batchSize: 4, budget: .epochs(20), recordEvery: 5)
    let r = try Trainer.train(c, train: blobs(80))
    #expect(r.stopReason == .completed)
  }

  @Test func theLimitHasAFloor() {
    // A start at an exact fit (loss 0) does not make rounding noise a divergence.
    #expect(DivergenceWatch.check(1e-9, start: 0, factor: 1e4, iteration: 3) == nil)
    let d = DivergenceWatch.check(11, start: 0, factor: 1e4, iteration: 3)
    #expect(d == Divergence(iteration: 3, loss: 11, limit: 10))
    #expect(DivergenceWatch.check(.nan, start: 1, factor: 0, iteration: 1)?.limit == nil)
    #expect(DivergenceWatch.check(.nan, start: 1, factor: 0, iteration: 1) != nil)
    var watch = DivergenceWatch(factor: 10, components: 2)
    #expect(watch.check(1, component: 0, iteration: 0) == nil)
    #expect(watch.check(5, component: 1, iteration: 0) == nil)
    #expect(watch.check(20, component: 1, iteration: 1) == nil)
    #expect(watch.check(20, component: 0, iteration: 1)?.limit == 10)
  }

  @Test func anInfiniteLossBeforeAnyUpdateBlamesTheDataNotTheLearningRate() {
    let start = Divergence(iteration: 0, loss: .infinity)
    #expect(start.atStart && start.description.hasPrefix("training cannot start"))
    #expect(!start.description.contains("learning_rate"))
    let later = Divergence(iteration: 1, loss: .infinity)
    #expect(!later.atStart && later.description.contains("try a smaller learning_rate"))
  }

  /// A NaN's sign is not shown: `nan`, as metrics.csv writes it, never `-nan` (tester V3).
  @Test func aNegativeNaNIsSaidNan() {
    let d = Divergence(iteration: 1, loss: -Double.nan)
    #expect(
      d.description
        == "training diverged at iteration 1: the loss became nan (try a smaller learning_rate)")
  }

  /// A record whose objective (loss + penalty) is ∞ while its loss is finite has diverged: the
  /// optimizer minimizes the objective (tester U3); a finite objective, or a loss that is
  /// itself not finite (the step's own watch says it), is not this check's.
  @Test func anInfiniteObjectiveBesideAFiniteLossDiverges() {
    func record(loss: Double, penalty: Double) -> Record {
      Record(
        iteration: 10, epoch: 1, train: Evaluation(loss: loss, metrics: [:]), dev: nil, test: nil,
        penalty: penalty)
    }
    let d = Trainer.objectiveDivergence(record(loss: 1.0997, penalty: .infinity), as: Double.self)
    #expect(d?.iteration == 10 && d?.loss == .infinity && d?.dataLoss == 1.0997)
    #expect(d?.atStart == false)
    #expect(
      d?.description
        == "training diverged at iteration 10: the objective train_cost became inf (the loss "
        + "1.1e+00 plus the weights' penalty: the weights grew out of range; try a smaller "
        + "learning_rate or scale the features)")
    #expect(Trainer.objectiveDivergence(record(loss: 1.0997, penalty: 3), as: Double.self) == nil)
    #expect(
      Trainer.objectiveDivergence(record(loss: .nan, penalty: .infinity), as: Double.self) == nil)
    // 3e55 is finite in float64 and ∞ in float32, as metrics.csv writes it.
    #expect(Trainer.objectiveDivergence(record(loss: 1, penalty: 3e55), as: Double.self) == nil)
    #expect(
      Trainer.objectiveDivergence(record(loss: 1, penalty: 3e55), as: Float.self)?.loss == .infinity
    )
    // A loss of 1.7e40 is ∞ in float32 itself: the loss's divergence, not the penalty's (it
    // was said as "the loss 1.7e+40 plus the weights' penalty" of a run without one).
    #expect(Trainer.objectiveDivergence(record(loss: 1.689e40, penalty: 0), as: Float.self) == nil)
  }
}

/// L-BFGS on inputs near 1e100 or 1e300: the line search can take no step (50 halvings do not
/// reach one; the gradient's norm leaves float64's range), and the run said "converged at
/// iteration 0" with zero weights, exit 0 (scikit-learn warns ABNORMAL_TERMINATION_IN_LNSRCH).
/// It is a divergence at iteration 0, naming the gradient, not the learning rate.
@Suite struct LBFGSGradientOverflowTests {
  @Test(arguments: [1e100, 1e300])
  func aSearchThatCannotStartIsADivergenceNotConvergence(scale: Double) throws {
    BLASSetup.once()
    let m = 40
    let x = Synthetic.features(m, 2, seed: 5)
    let labels = (0..<m).map { x[$0, 0] > 0 ? 1 : 0 }
    var huge = x
    for i in huge.storage.indices { huge.storage[i] *= scale }
    let c = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, optimizer: .lbfgs(),
      learningRate: 1, budget: .iterations(100), recordEvery: 1)
    let r = try Trainer.train(c, train: Examples(x: huge, labels: labels))
    let d = try #require(r.divergence, "\(r.stopReason)")
    #expect(d.iteration == 0 && d.gradient.map { $0 > scale / 10 } == true)
    #expect(d.description.hasPrefix("training diverged at iteration 0: the line search found no "))
    // The same data in range converges.
    let plain = try Trainer.train(c, train: Examples(x: x, labels: labels))
    #expect(plain.divergence == nil)
  }

  /// One-vs-rest where one binary model's search cannot start (the huge column cancels out of
  /// the other two models' first gradients): the run stops there, at that model's iteration
  /// and its own loss, log 2 at zero weights. It went on training the others and then paired
  /// "iteration 0" with the loss of a later record.
  @Test func aStuckOneVsRestModelStopsTheRunWithItsOwnLoss() throws {
    BLASSetup.once()
    let m = 30
    let noise = Synthetic.features(m, 1, seed: 7)
    let labels = (0..<m).map { $0 % 3 }
    var x = Matrix<Double>(rows: m, cols: 2)
    for i in 0..<m { x[i, 1] = Double(labels[i]) + 0.3 * noise[i, 0] }
    // Rows 0 (class 0) and 1 (class 1): their 1e300s cancel in the class-0 and class-1
    // models' first gradients, and add up in the class-2 model's.
    x[0, 0] = 1e300
    x[1, 0] = 1e300
    let c = TrainingConfiguration(
      model: .logisticRegression(.oneVsRest), loss: .binaryCrossEntropy, optimizer: .lbfgs(),
      learningRate: 1, budget: .iterations(50), recordEvery: 1)
    let r = try Trainer.train(c, train: Examples(x: x, labels: labels))
    let d = try #require(r.divergence, "\(r.stopReason)")
    #expect(d.iteration == 0 && d.gradient != nil)
    #expect(abs(d.loss - log(2.0)) < 1e-12, "\(d)")
  }
}
