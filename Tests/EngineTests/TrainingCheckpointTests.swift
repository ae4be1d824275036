import Foundation
import Testing

@testable import Engine

/// Going on from a checkpoint: a run of `b₁` units with `saveCheckpoint`, resumed to `b₂`,
/// returns exactly (every bit of records, final figures and parameters) what a run of `b₂`
/// from the start returns, for every first-order optimizer, with and without dropout and batch
/// normalization, mini-batches cut mid-epoch, the Gram fast path, several models and early
/// stopping; a checkpoint of another configuration or data is refused with the reason.
@Suite struct TrainingCheckpointTests {
  /// Three noisy blobs in 4 features, split in train and dev.
  static func blobs(_ m: Int, seed: UInt64) -> Examples<Double> {
    var g = SeededGenerator(seed: seed)
    var xs: [Double] = []
    var labels: [Int] = []
    for i in 0..<m {
      let c = i % 3
      let angle = 2 * Double.pi * Double(c) / 3
      xs += [2 * cos(angle), 2 * sin(angle), 0, 1].map { $0 + g.nextNormal() }
      labels.append(c)
    }
    return Examples(x: Matrix(rows: m, cols: 4, storage: xs), labels: labels)
  }

  static let train = blobs(90, seed: 1)
  static let dev = blobs(30, seed: 2)

  /// A 4-8-3 softmax MLP, its hidden layer with dropout and batch normalization when asked.
  static func mlp(
    _ optimizer: Optimizer, options: Bool, budget: Budget,
    schedule: LearningRateSchedule = .constant,
    early: EarlyStopping? = nil, l1: Double = 0
  ) -> TrainingConfiguration {
    var hidden = LayerSpec(8, .relu)
    if options {
      hidden.dropout = 0.3
      hidden.normalization = .batchNorm
    }
    return TrainingConfiguration(
      model: .mlp(layers: [hidden, LayerSpec(3, .softmax)]), loss: .crossEntropy,
      optimizer: optimizer, learningRate: 0.05, schedule: schedule,
      regularization: Regularization(l1: l1), batchSize: 16, budget: budget,
      recordEvery: 2, earlyStopping: early, initializer: .he, metrics: [.accuracy], seed: 7)
  }

  /// Trains `short`, then goes on to `long`'s budget, and checks the result is `long`'s own.
  func expectContinuationIsExact(
    _ short: TrainingConfiguration, _ long: TrainingConfiguration, _ label: String,
    train: Examples<Double> = Self.train, dev: Examples<Double>? = Self.dev
  ) throws {
    let first = try Trainer.train(short, train: train, dev: dev, saveCheckpoint: true)
    let checkpoint = try #require(first.checkpoint, "\(label): no checkpoint")
    let continued = try Trainer.train(long, train: train, dev: dev, resume: checkpoint)
    let standalone = try Trainer.train(long, train: train, dev: dev)
    #expect(continued.records == standalone.records, "\(label): records")
    #expect(continued.final == standalone.final, "\(label): final record")
    #expect(continued.model == standalone.model, "\(label): parameters")
    #expect(continued.stopReason == standalone.stopReason, "\(label): stop reason")
    #expect(continued.iterations == standalone.iterations, "\(label): steps")
    #expect(continued.stepPeaks == standalone.stepPeaks, "\(label): step peaks")
    #expect(standalone.stepPeaks?.allSatisfy { $0 != nil } == true, "\(label): no step peak")
    // The diagnosis's fixed points, when the continuation starts before them.
    let probes = Trainer.probeUnits(long.budget.units)
    if let half = probes.half, checkpoint.units <= half {
      #expect(continued.half == standalone.half, "\(label): half")
    }
    if let late = probes.late, checkpoint.units <= late {
      #expect(continued.late == standalone.late, "\(label): late")
    }
    // The b₁ run's own result is untouched by saving.
    let plain = try Trainer.train(short, train: train, dev: dev)
    #expect(first.records == plain.records && first.model == plain.model, "\(label): b₁ run")
  }

  /// Every mini-batch rule of the vocabulary (the full-batch gd and lbfgs do not take this
  /// network's batches of 16), each key at its declared example so every state vector is used
  /// (rmsprop's momentum buffer, Adagrad's accumulator and decayed rate).
  @Test(arguments: [false, true])
  func everyMiniBatchOptimizerGoesOnExactly(options: Bool) throws {
    BLASSetup.once()
    let optimizers = OptimizerKind.allCases.filter { !$0.isFullBatch }.map { kind in
      Optimizer(kind) { settings in
        for p in kind.parameters where p.key != "divergence_factor" {
          p.set(p.example, in: &settings)
        }
      }
    }
    for optimizer in optimizers {
      // 3 epochs, then on to 7 (record_every 2: the first run's closing record is not a
      // record of the longer run).
      try expectContinuationIsExact(
        Self.mlp(optimizer, options: options, budget: .epochs(3)),
        Self.mlp(optimizer, options: options, budget: .epochs(7)),
        "\(optimizer.kind) options \(options)")
    }
  }

  /// L1 with every mini-batch rule: sgd's proximal step and the others' subgradient carry no
  /// state of their own, so a continuation is exact with them too.
  @Test func everyMiniBatchOptimizerGoesOnExactlyWithL1() throws {
    BLASSetup.once()
    for kind in OptimizerKind.allCases where !kind.isFullBatch {
      try expectContinuationIsExact(
        Self.mlp(Optimizer(kind), options: false, budget: .epochs(3), l1: 0.01),
        Self.mlp(Optimizer(kind), options: false, budget: .epochs(7), l1: 0.01),
        "\(kind) with l1")
    }
  }

  @Test func stepScheduleIterationsCutMidEpochAndFloat32() throws {
    BLASSetup.once()
    let schedule = LearningRateSchedule(.step) {
      $0.stepSize = 2
      $0.gamma = 0.5
    }
    // 90 rows in batches of 16: 6 steps an epoch, so 10 iterations stop inside the second.
    try expectContinuationIsExact(
      Self.mlp(.adam(), options: true, budget: .iterations(10), schedule: schedule),
      Self.mlp(.adam(), options: true, budget: .iterations(25), schedule: schedule),
      "iterations")
    let floats = Examples<Float>(
      x: Matrix(rows: 90, cols: 4, storage: Self.train.x.storage.map { Float($0) }),
      y: Matrix(rows: 90, cols: 1, storage: Self.train.y.storage.map { Float($0) }))
    let short = Self.mlp(.momentum(0.9), options: true, budget: .epochs(2))
    let long = Self.mlp(.momentum(0.9), options: true, budget: .epochs(5))
    let first = try Trainer.train(short, train: floats, saveCheckpoint: true)
    let checkpoint = try #require(first.checkpoint)
    #expect(checkpoint.dtype == .float32)
    let continued = try Trainer.train(long, train: floats, resume: checkpoint)
    let standalone = try Trainer.train(long, train: floats)
    #expect(continued.records == standalone.records && continued.model == standalone.model)
  }

  @Test func gramFastPathAndOneVsRestGoOnExactly() throws {
    BLASSetup.once()
    // Few rows, many features, gd: the Gram fast path, with an L2 term and exponential decay.
    let wide = Examples(
      x: Synthetic.features(12, 40, seed: 3), y: Synthetic.targets(12, 1, seed: 4))
    func linear(_ n: Int) -> TrainingConfiguration {
      TrainingConfiguration(
        model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .gd,
        learningRate: 0.01, schedule: .exponential(gamma: 0.99),
        regularization: Regularization(l2: 0.1), budget: .iterations(n), recordEvery: 7,
        metrics: [])
    }
    try expectContinuationIsExact(linear(20), linear(45), "gram", train: wide, dev: nil)
    // One-vs-rest logistic regression: three models, each with its own state.
    func ovr(_ n: Int) -> TrainingConfiguration {
      TrainingConfiguration(
        model: .logisticRegression(.oneVsRest), loss: .binaryCrossEntropy,
        optimizer: .adam(), learningRate: 0.05, batchSize: 32, budget: .epochs(n),
        recordEvery: 1, metrics: [.accuracy], seed: 3)
    }
    try expectContinuationIsExact(ovr(2), ovr(6), "one-vs-rest")
  }

  @Test func earlyStoppingGoesOnExactlyBeforeAndAfterItStops() throws {
    BLASSetup.once()
    let rule = EarlyStopping(patience: 2)
    // A high rate: the dev loss stops improving within the long budget.
    func config(_ n: Int) -> TrainingConfiguration {
      var c = Self.mlp(.adam(), options: false, budget: .epochs(n), early: rule)
      c.learningRate = 0.3
      c.recordEvery = 1
      return c
    }
    let long = try Trainer.train(config(60), train: Self.train, dev: Self.dev)
    guard case .earlyStopped(let best, _, _) = long.stopReason else {
      Issue.record("expected early stopping, got \(long.stopReason)")
      return
    }
    // Saved before the stop (patience running) and after it (nothing more to train).
    try expectContinuationIsExact(config(max(1, best - 1)), config(60), "before the stop")
    try expectContinuationIsExact(config(50), config(60), "after the stop")
  }

  @Test func refusesAnotherConfigurationOrDataAndSavesNothingItCannotGoOnFrom() throws {
    BLASSetup.once()
    let short = Self.mlp(.adam(), options: false, budget: .epochs(2))
    let checkpoint = try #require(
      try Trainer.train(short, train: Self.train, saveCheckpoint: true).checkpoint)
    func refusal(_ c: TrainingConfiguration, train: Examples<Double> = Self.train) -> String? {
      do {
        _ = try Trainer.train(c, train: train, resume: checkpoint)
        return nil
      } catch {
        guard case .checkpoint(let reason) = error else { return "\(error)" }
        return reason
      }
    }
    var other = Self.mlp(.adam(), options: false, budget: .epochs(5))
    other.learningRate = 0.1
    #expect(refusal(other) == "it was trained under another configuration")
    let cosine = Self.mlp(
      .adam(), options: false, budget: .epochs(5), schedule: .cosine(period: 5))
    #expect(refusal(cosine) == "it was trained under another configuration")
    // Epochs and iterations are not the same unit: 2 epochs are not 200 iterations' start.
    #expect(
      refusal(Self.mlp(.adam(), options: false, budget: .iterations(200)))
        == "it was trained under another configuration")
    #expect(
      refusal(Self.mlp(.adam(), options: false, budget: .epochs(1)))?.contains("more") == true)
    #expect(
      refusal(Self.mlp(.adam(), options: false, budget: .epochs(5)), train: Self.blobs(60, seed: 1))
        == "it was trained on 90 rows, not 60")
    #expect(
      refusal(Self.mlp(.adam(), options: false, budget: .epochs(5)), train: Self.blobs(90, seed: 3))
        == "it was trained on other rows (the same count)")
    var broken = checkpoint
    broken.sessions[0].reals["theta"]?.removeLast()
    let long = Self.mlp(.adam(), options: false, budget: .epochs(5))
    #expect(throws: TrainingError.checkpoint("a model's saved state does not fit this run")) {
      try Trainer.train(long, train: Self.train, resume: broken)
    }
    // Nothing to go on from: L-BFGS, and a diverged run.
    let lbfgs = TrainingConfiguration(
      model: .logisticRegression(.softmax), loss: .crossEntropy,
      optimizer: .lbfgs(), learningRate: 1, budget: .iterations(5), metrics: [])
    #expect(try Trainer.train(lbfgs, train: Self.train, saveCheckpoint: true).checkpoint == nil)
    #expect(TrainingCheckpoint.unsupported(lbfgs) != nil)
    var wild = Self.mlp(.sgd, options: false, budget: .epochs(20))
    wild.learningRate = 1e6
    let diverged = try Trainer.train(wild, train: Self.train, saveCheckpoint: true)
    #expect(diverged.divergence != nil && diverged.checkpoint == nil)
  }
}

/// The fingerprint sees every hyperparameter (`Optimizer`'s description names its kind only)
/// and never the budget.
@Suite struct TrainingCheckpointFingerprintTests {
  @Test func everySettingCountsButTheBudget() {
    let base = TrainingCheckpointTests.mlp(.adam(), options: false, budget: .epochs(3))
    let print = TrainingCheckpoint.fingerprint(of:)
    var longer = base
    longer.budget = .epochs(9)
    #expect(print(base) == print(longer))
    var beta = base
    beta.optimizer = .adam(beta1: 0.8)
    var layers = base
    layers.model = .mlp(layers: [LayerSpec(9, .relu), LayerSpec(3, .softmax)])
    var seed = base
    seed.seed = 8
    let prints = Set([base, beta, layers, seed].map(print))
    #expect(prints.count == 4)
  }
}
