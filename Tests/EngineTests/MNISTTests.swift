import Testing
@testable import Engine

/// Primer 004's MLP 784-1024-10 (ReLU, cross-entropy, SGD lr 0.1, batch 64, shuffled, PyTorch's
/// default initialization), one epoch, float32, serially (numpy's 1-epoch figures: MNIST 0.9305,
/// Fashion-MNIST 0.8012).
@Suite(.serialized) struct MNISTTests {
  static let configuration = TrainingConfiguration(
    model: .mlp(layers: [LayerSpec(1024, .relu), LayerSpec(10, .softmax)]), loss: .crossEntropy,
    optimizer: .sgd, learningRate: 0.1, batchSize: 64, budget: .epochs(1), recordEvery: 1,
    initializer: .pytorch, metrics: [.accuracy], seed: 1)

  func oneEpoch(_ folder: String) throws -> Double {
    BLASSetup.once()
    let train: Examples<Float> = try TestData.mnist(folder, "train")
    let test: Examples<Float> = try TestData.mnist(folder, "t10k")
    #expect(train.count == 60000 && train.x.cols == 784 && test.count == 10000)
    let r = try Trainer.train(Self.configuration, train: train, test: test)
    #expect(r.stopReason == .completed)
    #expect(r.iterations == 938)
    return try #require(r.final?.test?.metrics[.accuracy])
  }

  @Test func mnistOneEpoch() throws {
    let accuracy = try oneEpoch("mnist")
    #expect(accuracy >= 0.92, "test accuracy \(accuracy)")
  }

  @Test func fashionMNISTOneEpoch() throws {
    let accuracy = try oneEpoch("fashion-mnist")
    #expect(accuracy >= 0.79, "test accuracy \(accuracy)")
  }
}
