import Testing

@testable import Engine

/// Backpropagation against centered differences for every activation, loss and L2.
@Suite struct GradientCheckTests {
  static let hiddenActivations: [Activation] = [
    .identity, .sigmoid, .tanh, .relu, .leakyRelu(slope: 0.1), .softmax,
  ]

  func config(_ layers: [LayerSpec], _ loss: Loss, l2: Double = 0) -> TrainingConfiguration {
    TrainingConfiguration(
      model: .mlp(layers: layers), loss: loss, optimizer: .sgd, learningRate: 0.1,
      regularization: Regularization(l2: l2), budget: .iterations(1),
      initializer: .normal(std: 0.7),
      metrics: [], seed: 3)
  }

  @Test(arguments: hiddenActivations)
  func hiddenActivationWithCrossEntropy(_ activation: Activation) throws {
    BLASSetup.once()
    let data = Examples(
      x: Synthetic.features(13, 4, seed: 1), labels: Synthetic.labels(13, classes: 3, seed: 2))
    let report = try GradientCheck.run(
      config(
        [.init(5, activation: activation), .init(4, .tanh), .init(3, .softmax)], .crossEntropy),
      data: data)
    #expect(report.layers.count == 3)
    #expect(report.passed(tolerance: 1e-7), "\(activation): \(report.layers)")
  }

  @Test(arguments: [Loss.mse, .mae, .huber(delta: 0.5)], [Activation.identity, .sigmoid, .tanh])
  func regressionLosses(_ loss: Loss, _ output: Activation) throws {
    BLASSetup.once()
    let data = Examples(x: Synthetic.features(11, 3, seed: 4), y: Synthetic.targets(11, 2, seed: 5))
    let report = try GradientCheck.run(
      config([.init(6, .sigmoid), .init(2, activation: output)], loss, l2: 0.05), data: data)
    #expect(report.passed(tolerance: 1e-6), "\(loss) \(output): \(report.layers)")
  }

  @Test func binaryCrossEntropyWithL2() throws {
    BLASSetup.once()
    let data = Examples(
      x: Synthetic.features(17, 5, seed: 6), labels: Synthetic.labels(17, classes: 2, seed: 7))
    let report = try GradientCheck.run(
      config([.init(4, .relu), .init(1, .sigmoid)], .binaryCrossEntropy, l2: 0.3), data: data)
    #expect(report.passed(tolerance: 1e-7), "\(report.layers)")
  }

  @Test func logisticAndLinearModels() throws {
    BLASSetup.once()
    let x = Synthetic.features(20, 3, seed: 8)
    let cases: [(ModelKind, Loss, Examples<Double>)] = [
      (
        .logisticRegression(.binary), .binaryCrossEntropy,
        Examples(x: x, labels: Synthetic.labels(20, classes: 2, seed: 9))
      ),
      (
        .logisticRegression(.softmax), .crossEntropy,
        Examples(x: x, labels: Synthetic.labels(20, classes: 4, seed: 10))
      ),
      (
        .logisticRegression(.oneVsRest), .binaryCrossEntropy,
        Examples(x: x, labels: Synthetic.labels(20, classes: 3, seed: 11))
      ),
      (
        .linearRegression(solver: .iterative), .mse,
        Examples(x: x, y: Synthetic.targets(20, 1, seed: 12))
      ),
    ]
    for (model, loss, data) in cases {
      var c = config([], loss, l2: 0.1)
      c.model = model
      let report = try GradientCheck.run(c, data: data)
      #expect(report.passed(tolerance: 1e-7), "\(model): \(report.layers)")
    }
  }

  @Test func theCheckCanFail() throws {
    // With a huge ε the centered difference carries a large truncation error: the check must
    // report it (so a passing check means something).
    BLASSetup.once()
    let data = Examples(
      x: Synthetic.features(9, 2, seed: 13), labels: Synthetic.labels(9, classes: 2, seed: 14))
    let c = config([.init(3, .sigmoid), .init(1, .sigmoid)], .binaryCrossEntropy)
    let good = try GradientCheck.run(c, data: data, epsilon: 1e-6)
    let coarse = try GradientCheck.run(c, data: data, epsilon: 0.5)
    #expect(good.passed())
    #expect(!coarse.passed(), "a huge epsilon must show a visible difference: \(coarse.layers)")
  }
}
