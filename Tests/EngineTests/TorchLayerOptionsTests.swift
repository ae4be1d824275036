import Testing

@testable import Engine

/// Dropout and batch normalization against torch.nn itself, in float64: one forward and backward
/// pass with fixed dropout masks in both modes, and ten training steps with the masks the run's
/// generator draws, compared with the committed output of
/// `scripts/reference/engine/layer_options_torch.py`.
@Suite struct TorchLayerOptionsTests {
  typealias F = TorchLayerOptions

  /// 4-5-3-3: batch norm and dropout 0.5 on the ReLU layer, batch norm (momentum 0.3, eps 1e-3)
  /// and dropout 0.25 on the tanh layer, a softmax output.
  static var layers: [LayerSpec] {
    var first = LayerSpec(5, .relu)
    first.dropout = 0.5
    first.normalization = .batchNorm
    var second = LayerSpec(3, .tanh)
    second.dropout = 0.25
    second.normalization = .batchNorm
    second.normalizationSettings.momentum = 0.3
    second.normalizationSettings.eps = 1e-3
    return [first, second, LayerSpec(3, .softmax)]
  }

  static var layout: ParameterLayout {
    ParameterLayout(widths: [4, 5, 3, 3], activations: [.relu, .tanh, .softmax], layers: layers)
  }

  /// The starting values: given weights, the first normalization's given γ and β.
  static var start: [Initializer.ExplicitLayer] {
    [
      .init(
        weights: Matrix(rows: 4, cols: 5, storage: F.w1), bias: F.b1,
        normalization: ExplicitNormalization(
          gamma: F.gamma1, beta: F.beta1, runningMean: [Double](repeating: 0, count: 5),
          runningVar: [Double](repeating: 1, count: 5))),
      .init(weights: Matrix(rows: 5, cols: 3, storage: F.w2), bias: F.b2),
      .init(weights: Matrix(rows: 3, cols: 3, storage: F.w3), bias: F.b3),
    ]
  }

  static func expectClose(
    _ a: [Double], _ b: [Double], _ what: String, tolerance: Double = 1e-12
  ) {
    #expect(a.count == b.count, "\(what): \(a.count) values, torch \(b.count)")
    let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
    #expect(worst <= tolerance, "\(what): largest difference \(worst)")
  }

  @Test func forwardAndBackwardEqualTorchInBothModes() throws {
    let layout = Self.layout
    var generator = SeededGenerator(seed: 0)
    var theta: [Double] = try Initializer.explicit(Self.start).parameters(
      layout, using: &generator)
    let fb = ForwardBackward<Double>(layout: layout, loss: .crossEntropy, l2: 0, capacity: 8)
    let y = F.labels.map(Double.init)
    var grad = [Double](repeating: 0, count: layout.count)
    for mode in ["train", "eval"] {
      let expected = try #require(F.passes[mode])
      fb.phase =
        mode == "train"
        ? .init(
          batchStatistics: true, updatesRunningStatistics: true,
          dropout: .fixed([F.mask1, F.mask2, []])) : .init()
      let total = F.x.withUnsafeBufferPointer { xp in
        y.withUnsafeBufferPointer { yp in
          theta.withUnsafeMutableBufferPointer { tp in
            grad.withUnsafeMutableBufferPointer { gp in
              fb.lossAndGradient(
                theta: tp.baseAddress!, x: xp.baseAddress!, y: yp.baseAddress!, rows: 8,
                scale: 1.0 / 8, backward: .gradient(gp.baseAddress!))
            }
          }
        }
      }
      let outputs = fb.withOutputs { Array(UnsafeBufferPointer(start: $0, count: 24)) }
      #expect(abs(total / 8 - expected.loss) <= 1e-12, "\(mode) loss \(total / 8)")
      Self.expectClose(outputs, expected.outputs, "\(mode) outputs")
      Self.expectClose(grad, expected.gradient, "\(mode) gradient")
      Self.expectClose(theta, expected.parameters, "\(mode) running statistics")
    }
  }

  /// Momentum (with weight decay on the weights only) to 1e-12. Adam to 1e-8: the biases in
  /// front of a batch normalization have a gradient that is 0 up to rounding (≈1e-17, different
  /// rounding in torch), and Adam's `g/(√v + eps)` turns that noise into steps of ≈ lr·1e-9.
  @Test(arguments: ["adam", "momentum"])
  func tenTrainingStepsGiveTorchsLosses(_ name: String) throws {
    let tolerance = name == "adam" ? 1e-8 : 1e-12
    let expected = try #require(F.steps[name])
    var optimizer = name == "adam" ? Optimizer.adam() : .momentum(0.9)
    if name == "momentum" { optimizer.settings.weightDecay = 0.01 }
    let configuration = TrainingConfiguration(
      model: .mlp(layers: Self.layers), loss: .crossEntropy, optimizer: optimizer,
      learningRate: name == "adam" ? 0.05 : 0.1, batchSize: 4, shuffle: false,
      budget: .iterations(10), recordEvery: 1, initializer: .explicit(Self.start), metrics: [],
      classes: 3, seed: 7)
    let train = Examples(x: Matrix(rows: 8, cols: 4, storage: F.x), labels: F.labels)
    let result = try Trainer.train(configuration, train: train)
    // The records end with the final state (iteration 10).
    let losses = result.records.map(\.train.loss)
    #expect(result.records.last?.train.loss == (try #require(result.final)).train.loss)
    Self.expectClose(losses, expected.losses, "\(name) losses", tolerance: tolerance)
    let network = try #require(result.model.network)
    Self.expectClose(
      ParameterLayout.flatten(network).1, expected.parameters, "\(name) parameters",
      tolerance: tolerance)
  }

  /// Plain SGD with dropout descends in place (no gradient buffer): the same trajectory as the
  /// gradient path (momentum 0) up to rounding.
  @Test func inPlaceDescentWithDropoutFollowsTheGradientPath() throws {
    var layers = Self.layers
    layers[0].normalization = .none
    layers[1].normalization = .none
    func losses(_ optimizer: Optimizer) throws -> [Double] {
      let configuration = TrainingConfiguration(
        model: .mlp(layers: layers), loss: .crossEntropy, optimizer: optimizer, learningRate: 0.1,
        batchSize: 4, budget: .iterations(10), recordEvery: 1, initializer: .xavier, metrics: [],
        classes: 3, seed: 5)
      let train = Examples(x: Matrix(rows: 8, cols: 4, storage: F.x), labels: F.labels)
      return try Trainer.train(configuration, train: train).records.map(\.train.loss)
    }
    Self.expectClose(try losses(.sgd), try losses(.momentum(0)), "sgd against momentum 0")
  }

  @Test func gradientCheckPassesWithBatchNormAndDropoutOff() throws {
    let configuration = TrainingConfiguration(
      model: .mlp(layers: Self.layers), loss: .crossEntropy, learningRate: 0.1,
      budget: .iterations(1), initializer: .explicit(Self.start), classes: 3)
    let train = Examples(x: Matrix(rows: 8, cols: 4, storage: F.x), labels: F.labels)
    let report = try GradientCheck.run(configuration, data: train)
    #expect(report.passed(), "worst relative difference \(report.worst)")
    // Weights, biases, γ and β of the normalized layers.
    #expect(report.layers.map(\.checked) == [4 * 5 + 3 * 5, 5 * 3 + 3 * 3, 3 * 3 + 3])
  }

  @Test func evaluationIgnoresDropoutAndTrainingDrawsMasksFromTheSeed() throws {
    func run(seed: UInt64, dropout: Double) throws -> TrainingResult<Double> {
      var layers = Self.layers
      layers[0].dropout = dropout
      let configuration = TrainingConfiguration(
        model: .mlp(layers: layers), loss: .crossEntropy, optimizer: .adam(), learningRate: 0.05,
        batchSize: 4, budget: .iterations(4), recordEvery: 1, initializer: .explicit(Self.start),
        metrics: [], classes: 3, seed: seed)
      return try Trainer.train(
        configuration, train: Examples(x: Matrix(rows: 8, cols: 4, storage: F.x), labels: F.labels))
    }
    let a = try run(seed: 1, dropout: 0.5)
    // The first record evaluates the starting parameters: dropout plays no part in it.
    #expect(a.records[0] == (try run(seed: 1, dropout: 0.1)).records[0])
    #expect(a.records == (try run(seed: 1, dropout: 0.5)).records)
    #expect(a.model == (try run(seed: 1, dropout: 0.5)).model)
    #expect(a.records.last != (try run(seed: 2, dropout: 0.5)).records.last)
  }
}
