import Engine
import Foundation
import Reports
import Testing

@testable import Pipeline

/// The bootstrap bias/variance decomposition against mlxtend's bias_variance_decomp.
@Suite struct AnalysisBootstrapTests {
  init() throws { try BLAS.configure(threads: 1) }

  /// Fed mlxtend's own resamples, the three figures match mlxtend's to 1e-6 (relative), and
  /// expected loss = bias² + variance to 1e-9.
  @Test func mlxtendIndicesReproduceMlxtend() throws {
    let fixture = try AnalysisSupport.mlxtendFixture()
    #expect(fixture.indices.count == 200)
    let (train, test) = try AnalysisSupport.diabetes()
    let bootstrap = BootstrapDecomposition(
      configuration: AnalysisSupport.exactLinearRegression, loss: .mse, train: train, test: test)
    let d = try bootstrap.run(indices: fixture.indices, seed: 123)
    #expect(d.rounds == 200 && d.testSamples == 89)
    #expect(
      AnalysisSupport.relative(d.expectedLoss, fixture.expectedLoss) < 1e-6, "\(d.expectedLoss)")
    #expect(AnalysisSupport.relative(d.bias, fixture.biasSquared) < 1e-6, "\(d.bias)")
    #expect(AnalysisSupport.relative(d.variance, fixture.variance) < 1e-6, "\(d.variance)")
    #expect(AnalysisSupport.relative(d.bias + d.variance, d.expectedLoss) < 1e-9)
  }

  /// With our own seeded resamples, 200 rounds land near mlxtend's figures (different random
  /// draws): expected loss and bias² within 2%, variance within 15%.
  @Test func ownResamplesAgreeWithMlxtend() throws {
    let (train, test) = try AnalysisSupport.diabetes()
    let bootstrap = BootstrapDecomposition(
      configuration: AnalysisSupport.exactLinearRegression, loss: .mse, train: train, test: test)
    let d = try bootstrap.run(rounds: 200, seed: 123)
    #expect(AnalysisSupport.relative(d.expectedLoss, 3060.0716) < 0.02, "\(d.expectedLoss)")
    #expect(AnalysisSupport.relative(d.bias, 2955.8749) < 0.02, "\(d.bias)")
    #expect(AnalysisSupport.relative(d.variance, 104.1967) < 0.15, "\(d.variance)")
    #expect(AnalysisSupport.relative(d.bias + d.variance, d.expectedLoss) < 1e-9)
  }

  /// Rounds on one thread or two give the same bits (results are gathered in round order).
  @Test func parallelRoundsMatchSerialRounds() throws {
    let (train, test) = try AnalysisSupport.diabetes()
    var configuration = AnalysisSupport.exactLinearRegression
    configuration.model = .linearRegression(solver: .iterative)
    configuration.optimizer = .sgd
    configuration.batchSize = 32
    configuration.learningRate = 0.5
    configuration.budget = .epochs(3)
    let bootstrap = BootstrapDecomposition(
      configuration: configuration, loss: .mse, train: train, test: test)
    let serial = try bootstrap.run(rounds: 12, seed: 7, workers: 1)
    let parallel = try bootstrap.run(rounds: 12, seed: 7, workers: 2)
    #expect(serial == parallel)
    #expect(serial.variance > 0)
  }

  /// Resamples are reproducible per seed, differ between rounds and seeds, and stay in range.
  @Test func resamplesAreSeededAndInRange() {
    let a = BootstrapDecomposition<Double>.resamples(rounds: 3, count: 50, seed: 1)
    #expect(a == BootstrapDecomposition<Double>.resamples(rounds: 3, count: 50, seed: 1))
    #expect(a != BootstrapDecomposition<Double>.resamples(rounds: 3, count: 50, seed: 2))
    #expect(a[0] != a[1])
    #expect(a.allSatisfy { $0.count == 50 && $0.allSatisfy { (0..<50).contains($0) } })
    // Drawn with replacement: some rows repeat.
    #expect(a.allSatisfy { Set($0).count < 50 })
  }

  /// 0-1 loss on a classifier: majority-vote bias and variance, each a fraction.
  @Test func zeroOneLossOnALogisticRegression() throws {
    var generator = SeededGenerator(seed: 3)
    func sample(_ n: Int) -> Examples<Double> {
      var x = Matrix<Double>(rows: n, cols: 2)
      var labels: [Int] = []
      for i in 0..<n {
        let label = i % 2
        x[i, 0] = generator.nextNormal() + (label == 1 ? 1.0 : -1.0)
        x[i, 1] = generator.nextNormal()
        labels.append(label)
      }
      return Examples(x: x, labels: labels)
    }
    let configuration = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy,
      optimizer: .lbfgs(history: 10, tolerance: 1e-8),
      learningRate: 1, budget: .iterations(100), metrics: [])
    let bootstrap = BootstrapDecomposition(
      configuration: configuration, loss: .zeroOne, train: sample(80), test: sample(60))
    let d = try bootstrap.run(rounds: 20, seed: 5)
    #expect(d.loss == .zeroOne)
    #expect(d.expectedLoss > 0.05 && d.expectedLoss < 0.4)
    #expect(d.bias >= 0 && d.bias <= d.expectedLoss + d.variance)
    #expect(d.variance >= 0 && d.variance < 0.2)
  }

  /// Bad inputs give typed errors, not crashes.
  @Test func refusesRowsOutOfRangeAndZeroOneOnRegression() throws {
    let (train, test) = try AnalysisSupport.diabetes()
    let bootstrap = BootstrapDecomposition(
      configuration: AnalysisSupport.exactLinearRegression, loss: .mse, train: train, test: test)
    #expect(throws: AnalysisError.self) { try bootstrap.run(indices: [[0, 1, 353]], seed: 0) }
    #expect(throws: AnalysisError.self) { try bootstrap.run(indices: [], seed: 0) }
    var zeroOne = bootstrap
    zeroOne.loss = .zeroOne
    #expect(throws: AnalysisError.self) { try zeroOne.run(rounds: 2, seed: 0) }
  }

  /// The spec `experiments/bias_variance_diabetes.yaml` (file-order split, 200 rounds) writes
  /// the decomposition near mlxtend's figures, and the same bytes on a second run.
  @Test func specRunWritesTheDecomposition() throws {
    let first = try TestProject.run(
      TestProject.experiment("bias_variance_diabetes.yaml"),
      resultsRoot: TestProject.temporaryDirectory("a"))
    let table = try TestProject.table(first.directory, "bias_variance_decomposition.csv")
    #expect(
      table.header == [
        "loss", "rounds", "test_samples", "expected_loss", "bias", "variance", "failed_rounds",
      ])
    #expect(table.column("failed_rounds") == ["0"])
    #expect(table.column("rounds") == ["200"] && table.column("test_samples") == ["89"])
    let loss = try #require(TestProject.numbers(table, "expected_loss").first)
    let bias = try #require(TestProject.numbers(table, "bias").first)
    let variance = try #require(TestProject.numbers(table, "variance").first)
    #expect(
      AnalysisSupport.relative(loss, 3060.0716) < 0.02
        && AnalysisSupport.relative(bias, 2955.8749) < 0.02)
    #expect(AnalysisSupport.relative(variance, 104.1967) < 0.15)
    let second = try TestProject.run(
      TestProject.experiment("bias_variance_diabetes.yaml"),
      resultsRoot: TestProject.temporaryDirectory("b"))
    #expect(try TestProject.table(second.directory, "bias_variance_decomposition.csv") == table)
  }
}
