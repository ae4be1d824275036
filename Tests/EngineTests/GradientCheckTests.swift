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

  @Test func aWrongGradientFails() throws {
    // The check must be able to fail: a backpropagated gradient off by 0.1% in one entry, or
    // with one sign flipped, is reported.
    BLASSetup.once()
    let data = Examples(
      x: Synthetic.features(9, 2, seed: 13), labels: Synthetic.labels(9, classes: 2, seed: 14))
    let c = config([.init(3, .sigmoid), .init(1, .sigmoid)], .binaryCrossEntropy)
    func check(_ adjust: ((inout [Double]) -> Void)?) throws -> GradientCheck.Report {
      try GradientCheck.run(
        c, data: data, parameters: nil, epsilon: 1e-6, maxEntriesPerLayer: 256, adjust: adjust)
    }
    #expect(try check(nil).passed())
    let scaled = try check { $0[4] *= 1.001 }
    #expect(!scaled.passed(), "\(scaled.layers)")
    #expect(scaled.worst > 5e-4 && scaled.worst < 2e-3, "\(scaled.worst)")
    let flipped = try check { $0[$0.count - 1].negate() }
    #expect(!flipped.passed(), "\(flipped.layers)")
  }

  /// Linear regression started at zero, with the first target set so that the first residual
  /// sits `offset` from the loss's kink (mae: 0; Huber: δ).
  func nearKink(_ loss: Loss, offset: Double) -> (TrainingConfiguration, Examples<Double>) {
    var targets = Synthetic.targets(12, 1, seed: 21)
    if case .huber(let delta) = loss {
      targets.storage[0] = delta + offset
    } else {
      targets.storage[0] = offset
    }
    var c = config([], loss)
    c.model = .linearRegression(solver: .iterative)
    c.initializer = .zeros
    return (c, Examples(x: Synthetic.features(12, 3, seed: 20), y: targets))
  }

  @Test(arguments: [Loss.mae, .huber(delta: 0.5)], [0, 1e-7, -3e-7, 1.5e-6])
  func kinksOfMAEAndHuberAreNoFalseAlarm(_ loss: Loss, _ offset: Double) throws {
    BLASSetup.once()
    let (c, data) = nearKink(loss, offset: offset)
    let report = try GradientCheck.run(c, data: data)
    #expect(report.passed(), "\(loss) at \(offset): \(report.layers)")
  }

  @Test func aKinkIsFoundAndStillChecked() throws {
    // A residual 1e-7 from mae's kink: found as a kink, and a wrong sign there still fails
    // (the analytic value must lie between the one-sided differences).
    BLASSetup.once()
    let (c, data) = nearKink(.mae, offset: 1e-7)
    let report = try GradientCheck.run(c, data: data)
    #expect(report.kinks > 0 && report.passed(), "\(report.layers)")
    let wrong = try GradientCheck.run(
      c, data: data, parameters: nil, epsilon: 1e-6, maxEntriesPerLayer: 256,
      adjust: { $0[0].negate() })
    #expect(!wrong.passed(), "\(wrong.layers)")
  }

  @Test func l1IsInTheCheckedGradient() throws {
    // The objective is training's: with L1 the backpropagated gradient carries l1·sign(w) on
    // the weights (sign(0) = 0, not on the bias) and agrees with the finite differences of
    // J + l1‖w‖₁; the weight at 0 sits on |w|'s kink and is checked one-sidedly.
    BLASSetup.once()
    let data = Examples(
      x: Synthetic.features(12, 3, seed: 24), y: Synthetic.targets(12, 1, seed: 25))
    let network = Network(layers: [
      DenseLayer(
        weights: Matrix(rows: 3, cols: 1, storage: [0.3, -0.2, 0]), bias: [0.1],
        activation: .identity)
    ])
    func check(l1: Double) throws -> (GradientCheck.Report, [Double]) {
      var c = config([], .mse)
      c.model = .linearRegression(solver: .iterative)
      c.regularization.l1 = l1
      var gradient: [Double] = []
      let report = try GradientCheck.run(
        c, data: data, parameters: network, epsilon: 1e-6, maxEntriesPerLayer: 256,
        adjust: { gradient = $0 })
      return (report, gradient)
    }
    let (plain, g0) = try check(l1: 0)
    let (penalized, g1) = try check(l1: 5)
    #expect(plain.passed() && !plain.l1 && plain.l1Kinks == 0)
    #expect(penalized.passed(), "\(penalized.layers)")
    #expect(penalized.l1 && penalized.l1Kinks == 1 && penalized.kinks == 1)
    let added = zip(g1, g0).map { $0 - $1 }
    #expect(zip(added, [5.0, -5, 0, 0]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(added)")
  }

  @Test func anExactOptimumIsNoFalseAlarm() throws {
    // At the ridge solution the gradient is rounding noise on both sides: no relative error.
    BLASSetup.once()
    let data = Examples(
      x: Synthetic.features(30, 3, seed: 22), y: Synthetic.targets(30, 1, seed: 23))
    let theta: [Double] = try LeastSquares.solve(data, l2: 0.1)
    let network = Network(layers: [
      DenseLayer(
        weights: Matrix(rows: 3, cols: 1, storage: Array(theta[0..<3])), bias: [theta[3]],
        activation: .identity)
    ])
    var c = config([], .mse, l2: 0.1)
    c.model = .linearRegression(solver: .iterative)
    let report = try GradientCheck.run(c, data: data, parameters: network)
    #expect(report.passed(), "\(report.layers)")
    #expect(report.kinks == 0)
  }

  /// Two rows whose first hidden unit has z exactly 0 (a zero weight column and bias), with
  /// inputs of both signs: both rows sit on that unit's kink along its weights.
  func sharedKink(_ activation: Activation, normalization: Bool = false) -> (
    TrainingConfiguration, Examples<Double>, Network<Double>
  ) {
    let data = Examples(
      x: Matrix(rows: 2, cols: 3, storage: [0.5, -1.0, 2.0, 1.5, 0.3, -0.7]), labels: [1, 0])
    var hidden = DenseLayer(
      weights: Matrix(rows: 3, cols: 3, storage: [0, -0.3, 0.2, 0, 0.5, -0.6, 0, 0.2, 0.7]),
      bias: [0, 0.2, 0.3], activation: activation)
    var layer = LayerSpec(3, activation: activation)
    if normalization {
      hidden.normalization = BatchNormalization(
        gamma: [1, 1, 1], beta: [0, 0, 0], runningMean: [0, 0, 0], runningVar: [1, 1, 1],
        eps: 1e-5)
      layer.normalization = .batchNorm
    }
    let network = Network(layers: [
      hidden,
      DenseLayer(
        weights: Matrix(rows: 3, cols: 1, storage: [0.5, -0.4, 0.9]), bias: [0.05],
        activation: .sigmoid),
    ])
    var c = config([layer, .init(1, .sigmoid)], .binaryCrossEntropy)
    c.initializer = .zeros
    return (c, data, network)
  }

  @Test(arguments: [Activation.relu, .leakyRelu(slope: 0.2)])
  func aKinkSharedByRowsAcceptsEachRowsSubgradient(_ activation: Activation) throws {
    // relu'(0) = 0 (torch's) on both rows lies outside the whole objective's one-sided
    // differences, which sum different rows, but inside the sum of the rows' own intervals.
    BLASSetup.once()
    let (c, data, network) = sharedKink(activation)
    func check(_ adjust: ((inout [Double]) -> Void)?) throws -> GradientCheck.Report {
      try GradientCheck.run(
        c, data: data, parameters: network, epsilon: 1e-6, maxEntriesPerLayer: 256,
        adjust: adjust)
    }
    let report = try check(nil)
    #expect(report.passed(), "\(report.layers)")
    #expect(report.sharedKinks >= 2 && report.rowsAtSharedKink == 2, "\(report.layers)")
    #expect(report.inconclusive == 0)
    // W1[1,0] (weights are (inputs, outputs)) sits on the kink of both rows, whose inputs
    // -1 and 0.3 switch the unit on to the left and to the right: each row's interval is
    // [0, d_r] with d_r > 0, the whole's one-sided differences are d_0 and d_1, and any value
    // in [0, d_0 + d_1] is a sum of the rows' subgradients. W1[2,0] likewise, d_r < 0.
    let (d0, d1) = (0.0247, 0.0384)  // relu: the whole's one-sided differences at W1[1,0]
    if activation == .relu {  // leaky_relu's rows have [0.2·D_r, D_r] instead
      let inside = try check { $0[3] += 0.9 * (d0 + d1) }
      #expect(inside.passed(), "\(inside.layers)")
    }
    // Beyond the summed intervals is a real mismatch, and so is a flipped smooth entry (W1[1,2]
    // of the unit that is on for both rows).
    for wrong: (inout [Double]) -> Void in [
      { $0[3] += 1.5 * (d0 + d1) }, { $0[3] -= 0.02 }, { $0[6] -= 0.2 }, { $0[5].negate() },
    ] {
      let failed = try check(wrong)
      #expect(!failed.passed() && failed.worst > 0.1, "\(failed.layers)")
    }
  }

  @Test func aSharedKinkUnderBatchNormalizationIsInconclusive() throws {
    // Batch statistics couple the rows: no row's share is its own, so the check cannot decide
    // and says so, without failing; a wrong smooth entry still fails.
    BLASSetup.once()
    let (c, data, network) = sharedKink(.relu, normalization: true)
    let report = try GradientCheck.run(c, data: data, parameters: network)
    #expect(report.passed(), "\(report.layers)")
    #expect(report.inconclusive > 0 && report.rowsAtSharedKink == 2, "\(report.layers)")
    let wrong = try GradientCheck.run(
      c, data: data, parameters: network, epsilon: 1e-6, maxEntriesPerLayer: 256,
      adjust: { $0[$0.count - 1] += 1 })
    #expect(!wrong.passed(), "\(wrong.layers)")
  }
}
