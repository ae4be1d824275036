import Testing

@testable import Engine

/// The loop's behaviour: divergence, early stopping, multiclass strategies, determinism,
/// L1 exact zeros, typed errors.
@Suite struct TrainingLoopTests {
  func blobs(_ m: Int, classes: Int, seed: UInt64) -> Examples<Double> {
    var g = SeededGenerator(seed: seed)
    var xs: [Double] = []
    var labels: [Int] = []
    for i in 0..<m {
      let c = i % classes
      let angle = 2 * Double.pi * Double(c) / Double(classes)
      xs += [3 * cos(angle) + g.nextNormal(), 3 * sin(angle) + g.nextNormal()]
      labels.append(c)
    }
    return Examples(x: Matrix(rows: m, cols: 2, storage: xs), labels: labels)
  }

  @Test func divergenceStopsAtTheIterationAndKeepsRecords() throws {
    BLASSetup.once()
    let data = Examples(x: Synthetic.features(50, 3, seed: 1), y: Synthetic.targets(50, 1, seed: 2))
    var scaled = data
    for i in scaled.x.storage.indices { scaled.x.storage[i] *= 100 }
    // The divergence factor off: only the non-finite loss stops the run.
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse,
      optimizer: Optimizer(.gd) { $0.divergenceFactor = 0 }, learningRate: 1e3,
      budget: .iterations(1000), recordEvery: 1, metrics: [.mse])
    let r = try Trainer.train(c, train: scaled)
    let d = try #require(r.divergence)
    #expect(d.iteration > 0 && d.iteration < 1000)
    #expect(!d.loss.isFinite)
    #expect(r.records.count == d.iteration + 1)
    #expect(r.final == nil)
    #expect(d.description.contains("iteration \(d.iteration)"))
  }

  /// Few noisy samples, many features: the dev loss turns up while the train loss keeps falling.
  static func overfitting() -> (train: Examples<Double>, dev: Examples<Double>) {
    (
      Examples(x: Synthetic.features(20, 30, seed: 3), y: Synthetic.targets(20, 1, seed: 4)),
      Examples(x: Synthetic.features(40, 30, seed: 5), y: Synthetic.targets(40, 1, seed: 6))
    )
  }

  /// With an epoch budget, early stopping names the best weights' epoch, as metrics.csv numbers
  /// its rows, and their iteration.
  @Test func earlyStoppingNamesTheEpochOfAnEpochBudget() throws {
    BLASSetup.once()
    let (train, dev) = Self.overfitting()
    var c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .sgd, learningRate: 0.01,
      budget: .epochs(2000), recordEvery: 1, earlyStopping: EarlyStopping(patience: 5),
      metrics: [])
    c.batchSize = 5
    let r = try Trainer.train(c, train: train, dev: dev)
    guard case .earlyStopped(let best, true, let epoch?) = r.stopReason else {
      Issue.record("expected early stopping by epoch, got \(r.stopReason)")
      return
    }
    #expect(best == epoch * 4)
    #expect(r.records.contains { $0.epoch == epoch && $0.iteration == best })
    #expect(
      r.stopReason.description
        == "early stopping: restored the weights of epoch \(epoch) (iteration \(best))")
  }

  @Test func earlyStoppingRestoresTheBestDevWeights() throws {
    BLASSetup.once()
    let (train, dev) = Self.overfitting()
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .gd, learningRate: 0.05,
      budget: .iterations(2000), recordEvery: 10, earlyStopping: EarlyStopping(patience: 5),
      metrics: [])
    let r = try Trainer.train(c, train: train, dev: dev)
    guard case .earlyStopped(let best, true, _) = r.stopReason else {
      Issue.record("expected early stopping, got \(r.stopReason)")
      return
    }
    let bestDev = r.records.compactMap(\.dev?.loss).min()!
    #expect(r.records.first { $0.iteration == best }?.dev?.loss == bestDev)
    #expect(abs(r.final!.dev!.loss - bestDev) < 1e-12)
    #expect(r.records.count < 200)
  }

  /// `restoreBest: false` keeps the last parameters: the final dev loss is the last record's
  /// trend, worse than the best one.
  @Test func earlyStoppingCanKeepTheLastWeights() throws {
    BLASSetup.once()
    let (train, dev) = Self.overfitting()
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .gd, learningRate: 0.05,
      budget: .iterations(2000), recordEvery: 10,
      earlyStopping: EarlyStopping(patience: 5, restoreBest: false), metrics: [])
    let r = try Trainer.train(c, train: train, dev: dev)
    guard case .earlyStopped(_, false, _) = r.stopReason else {
      Issue.record("expected early stopping without restoring, got \(r.stopReason)")
      return
    }
    let bestDev = r.records.compactMap(\.dev?.loss).min()!
    #expect(r.final!.dev!.loss > bestDev + 1e-9)
    #expect(r.final!.iteration == r.iterations)
  }

  /// Watching a score (r2, higher is better) stops where r2 peaks; watching an error (mae,
  /// lower is better) where mae bottoms out.
  @Test(arguments: [Metric.r2, .mae])
  func earlyStoppingWatchesTheMetric(_ metric: Metric) throws {
    BLASSetup.once()
    let (train, dev) = Self.overfitting()
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .gd, learningRate: 0.05,
      budget: .iterations(2000), recordEvery: 10,
      earlyStopping: EarlyStopping(patience: 5, metric: metric), metrics: [metric])
    let r = try Trainer.train(c, train: train, dev: dev)
    guard case .earlyStopped(let best, true, _) = r.stopReason else {
      Issue.record("expected early stopping, got \(r.stopReason)")
      return
    }
    let values = r.records.compactMap { $0.dev?.metrics[metric] }
    let bestValue = metric.higherIsBetter ? values.max()! : values.min()!
    #expect(r.records.first { $0.iteration == best }?.dev?.metrics[metric] == bestValue)
    #expect(abs(r.final!.dev!.metrics[metric]! - bestValue) < 1e-12)
  }

  /// `shuffle: false` visits the rows in stored order every epoch: the seed no longer matters
  /// (zero initial weights), and the epochs equal hand-cut consecutive batches.
  @Test func withoutShufflingBatchesFollowTheStoredOrder() throws {
    BLASSetup.once()
    let data = Examples(x: Synthetic.features(10, 3, seed: 1), y: Synthetic.targets(10, 1, seed: 2))
    func run(seed: UInt64, shuffle: Bool) throws -> [Double] {
      let c = TrainingConfiguration(
        model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .sgd,
        learningRate: 0.1, batchSize: 4, shuffle: shuffle, budget: .epochs(3), metrics: [],
        seed: seed)
      let layer = try Trainer.train(c, train: data).model.network!.layers[0]
      return layer.weights.storage + layer.bias
    }
    #expect(try run(seed: 1, shuffle: false) == run(seed: 2, shuffle: false))
    #expect(try run(seed: 1, shuffle: true) != run(seed: 2, shuffle: true))
    // By hand: batches rows 0-3, 4-7, 8-9, three times.
    var w = [Double](repeating: 0, count: 3)
    var b = 0.0
    for _ in 0..<3 {
      for rows in [0..<4, 4..<8, 8..<10] {
        var gw = [Double](repeating: 0, count: 3)
        var gb = 0.0
        for i in rows {
          let x = (0..<3).map { data.x[i, $0] }
          let r = zip(x, w).reduce(b) { $0 + $1.0 * $1.1 } - data.y[i, 0]
          for j in 0..<3 { gw[j] += 2 * r * x[j] / Double(rows.count) }
          gb += 2 * r / Double(rows.count)
        }
        for j in 0..<3 { w[j] -= 0.1 * gw[j] }
        b -= 0.1 * gb
      }
    }
    for (p, e) in zip(try run(seed: 1, shuffle: false), w + [b]) { #expect(abs(p - e) < 1e-12) }
  }

  @Test func earlyStoppingNeedsADevSet() {
    let data = Examples(x: Synthetic.features(5, 2, seed: 1), y: Synthetic.targets(5, 1, seed: 2))
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, learningRate: 0.1,
      budget: .iterations(5),
      earlyStopping: EarlyStopping(patience: 2))
    #expect(
      throws: TrainingError.invalidConfiguration(
        "early stopping watches the dev loss, but there is no dev set")
    ) {
      try Trainer.train(c, train: data)
    }
  }

  /// A probability of exactly 0.5 is the negative class, as in scikit-learn's `predict`
  /// (decision > 0) and the deeplearning.ai course (`1 if A > 0.5 else 0`): zero weights predict
  /// class 0 everywhere, in the metrics and in `predictLabels`, one-vs-one votes included.
  @Test func probabilityOneHalfIsTheNegativeClass() throws {
    BLASSetup.once()
    let three = blobs(300, classes: 3, seed: 7)
    let binary = Examples(x: three.x, labels: three.labels.map { $0 == 1 ? 1 : 0 })
    var c = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, optimizer: .gd,
      learningRate: 0.5, budget: .iterations(0), initializer: .zeros, metrics: [.accuracy])
    let r = try Trainer.train(c, train: binary)
    #expect(r.records.first?.train.metrics[.accuracy] == 2.0 / 3)
    #expect(try r.model.predictLabels(binary.x, classes: 2) == Array(repeating: 0, count: 300))
    c.model = .logisticRegression(.oneVsOne)
    let ovo = try Trainer.train(c, train: three)
    #expect(try ovo.model.predictLabels(three.x, classes: 3) == Array(repeating: 0, count: 300))
    #expect(
      TrainedModel<Double>.labels(fromScores: Matrix(rows: 2, cols: 1, storage: [0.5, 0.6])) == [
        0, 1,
      ])
  }

  @Test(arguments: [Multiclass.softmax, .oneVsRest, .oneVsOne])
  func multiclassStrategiesSeparateBlobs(_ strategy: Multiclass) throws {
    BLASSetup.once()
    let data = blobs(300, classes: 3, seed: 7)
    let c = TrainingConfiguration(
      model: .logisticRegression(strategy),
      loss: strategy == .softmax ? .crossEntropy : .binaryCrossEntropy,
      optimizer: .gd, learningRate: 0.5, budget: .iterations(500), recordEvery: 100,
      metrics: [.accuracy, .f1, .precisionMacro, .recallMacro])
    let r = try Trainer.train(c, train: data)
    let final = try #require(r.final)
    #expect(final.train.metrics[.accuracy]! > 0.95, "\(strategy): \(final.train)")
    #expect(final.train.metrics[.f1]! > 0.95)
    let models: Int =
      switch r.model {
      case .network: 1
      case .oneVsRest(let n): n.count
      case .oneVsOne(let p): p.count
      }
    #expect(models == (strategy == .softmax ? 1 : 3))
    #expect(try r.model.predictLabels(data.x, classes: 3).count == 300)
  }

  @Test func sameSeedSameResultsDifferentSeedDifferentShuffles() throws {
    BLASSetup.once()
    let data = blobs(200, classes: 2, seed: 8)
    var c = TrainingConfiguration(
      model: .mlp(layers: [.init(8, .tanh), .init(1, .sigmoid)]), loss: .binaryCrossEntropy,
      optimizer: .adam(),
      learningRate: 0.01, batchSize: 16, budget: .epochs(3), recordEvery: 1, initializer: .xavier,
      metrics: [.accuracy], seed: 11)
    let a = try Trainer.train(c, train: data)
    let b = try Trainer.train(c, train: data)
    #expect(a.records == b.records)
    #expect(a.model == b.model)
    c.seed = 12
    let other = try Trainer.train(c, train: data)
    #expect(other.model != a.model)
  }

  @Test func l1GivesExactZerosAndElasticNetToo() throws {
    BLASSetup.once()
    // Only the first 2 of 8 features matter.
    let x = Synthetic.features(200, 8, seed: 9)
    let y = Matrix(rows: 200, cols: 1, storage: (0..<200).map { 3 * x[$0, 0] - 2 * x[$0, 1] })
    for reg in [Regularization(l1: 0.1), Regularization(l2: 0.01, l1: 0.1)] {
      let c = TrainingConfiguration(
        model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .gd, learningRate: 0.1,
        regularization: reg, budget: .iterations(3000), recordEvery: 3000, metrics: [])
      let w = try Trainer.train(c, train: Examples(x: x, y: y)).model.network!.layers[0].weights
        .storage
      #expect(w[0] > 2.5 && w[1] < -1.5)
      #expect(w[2...].allSatisfy { $0 == 0 }, "\(reg): \(w)")
    }
  }

  @Test func softThresholdIsTheClosedFormProximalStep() {
    var w: [Double] = [0.5, -0.5, 0.05, -0.05, 0, 2]
    w.withUnsafeMutableBufferPointer {
      Kernels.softThreshold($0.baseAddress!, count: $0.count, threshold: 0.1)
    }
    #expect(w == [0.4, -0.4, 0, 0, 0, 1.9])
  }

  @Test func float32TrainsLikeFloat64() throws {
    BLASSetup.once()
    let data = blobs(120, classes: 3, seed: 10)
    let c = TrainingConfiguration(
      model: .mlp(layers: [.init(6, .relu), .init(3, .softmax)]), loss: .crossEntropy,
      optimizer: .momentum(0.9),
      learningRate: 0.05, batchSize: 32, budget: .epochs(5), recordEvery: 1, initializer: .he,
      metrics: [.accuracy])
    let r64 = try Trainer.train(c, train: data)
    let data32 = Examples<Float>(x: data.x.converted(), y: data.y.converted())
    let r32 = try Trainer.train(c, train: data32)
    for (a, b) in zip(r64.records, r32.records) { #expect(abs(a.train.loss - b.train.loss) < 1e-4) }
  }

  /// float32 plain descent steps each bias by its gradient summed in Double and rounded once,
  /// as torch steps by a summed gradient: on y = 5x + 7 from b = 0.5, where the rows' residuals
  /// share a sign, adding the rows' terms one by one rounded each to the ulp of b (4.8e-7 near
  /// 7): the bias ended 3.4e-6 from float64's after 500 steps, now 4.9e-7 (one ulp).
  @Test func float32DescentStepsTheBiasBySummedGradients() throws {
    BLASSetup.once()
    let m = 256
    let x: [Double] = (0..<m).map { Double($0 % 37) / 37 }
    let noise: [Double] = (0..<m).map { Double(($0 * 7919) % 101) / 400 - 0.125 }
    let y: [Double] = (0..<m).map { 5 * x[$0] + 7 + noise[$0] }
    let data = Examples(
      x: Matrix(rows: m, cols: 1, storage: x), y: Matrix(rows: m, cols: 1, storage: y))
    let start = Matrix(rows: 1, cols: 1, storage: [-0.0075])
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .gd, learningRate: 0.01,
      budget: .iterations(500), recordEvery: 500,
      initializer: .explicit([.init(weights: start, bias: [0.5])]), metrics: [])
    let exact = try Trainer.train(c, train: data).model.network!.layers[0]
    let data32 = Examples<Float>(x: data.x.converted(), y: data.y.converted())
    let single = try Trainer.train(c, train: data32).model.network!.layers[0]
    let drift = abs(Double(single.bias[0]) - exact.bias[0])
    #expect(drift < 1.5e-6, "\(single.bias[0]) vs \(exact.bias[0])")
  }

  @Test func typedErrorsForBadInput() {
    let x = Matrix<Double>([[1, 2], [3, .nan]])
    let c = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, learningRate: 0.1,
      budget: .iterations(1))
    #expect(
      throws: TrainingError.nonFiniteInput("the training set features: row 2, column 2 is nan")
    ) {
      try Trainer.train(c, train: Examples(x: x, labels: [0, 1]))
    }
    let good = Matrix<Double>([[1, 2], [3, 4]])
    #expect(throws: TrainingError.self) {
      try Trainer.train(c, train: Examples(x: good, labels: [0, 2]))
    }
    #expect(
      throws: TrainingError.shapeMismatch("test label 3.0 in row 2 is not a class index in 0..<2")
    ) {
      try Trainer.train(
        c, train: Examples(x: good, labels: [0, 1]), test: Examples(x: good, labels: [1, 3]))
    }
    var ovo = c
    ovo.model = .logisticRegression(.oneVsOne)
    ovo.classes = 4
    #expect(
      throws: TrainingError.shapeMismatch(
        "classes 2 and 3 have no training samples for their one-vs-one model")
    ) {
      try Trainer.train(ovo, train: Examples(x: good, labels: [0, 1]))
    }
  }
}

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct InPlaceDescentTests {
  /// Plain sgd updates the weights inside the backward pass; momentum 0 goes through the
  /// gradient buffer and the optimizer: the same steps up to rounding.
  @Test func inPlaceSGDEqualsTheGradientPath() throws {
    BLASSetup.once()
    let data = Examples(
      x: Synthetic.features(90, 5, seed: 21), labels: Synthetic.labels(90, classes: 3, seed: 22))
    var c = TrainingConfiguration(
      model: .mlp(layers: [.init(7, .relu), .init(6, .tanh), .init(3, .softmax)]),
      loss: .crossEntropy,
      optimizer: .sgd, learningRate: 0.1, regularization: Regularization(l2: 0.01), batchSize: 16,
      budget: .epochs(4), recordEvery: 1, initializer: .pytorch, metrics: [], seed: 5)
    let inPlace = try Trainer.train(c, train: data)
    c.optimizer = .momentum(0)
    let viaGradient = try Trainer.train(c, train: data)
    for (a, b) in zip(inPlace.records, viaGradient.records) {
      #expect(abs(a.train.loss - b.train.loss) < 1e-12)
    }
    let pa = inPlace.model.network!.layers.flatMap { $0.weights.storage + $0.bias }
    let pb = viaGradient.model.network!.layers.flatMap { $0.weights.storage + $0.bias }
    #expect(zip(pa, pb).allSatisfy { abs($0 - $1) < 1e-12 })
  }
}

@Suite struct ProgressTests {
  @Test func progressWithinAndAtTheEndOfEpochs() throws {
    BLASSetup.once()
    let data = Examples(
      x: Synthetic.features(1000, 3, seed: 51), y: Synthetic.targets(1000, 1, seed: 52))
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .sgd, learningRate: 0.01,
      batchSize: 10,
      budget: .epochs(2), recordEvery: 1, metrics: [])
    var done: [Int] = []
    var records: [Int] = []
    _ = try Trainer.train(c, train: data) { event in
      switch event {
      case .progress(let d, let total):
        #expect(total == 200)
        done.append(d)
      case .record(let r): records.append(r.epoch)
      }
    }
    #expect(done == Array(stride(from: 2, through: 200, by: 2)))
    // Epochs 0 and 1 before their updates, then the state after the last epoch.
    #expect(records == [0, 1, 2])
  }

  /// A long run reports progress from its start, eight times per doubling, until every 1% of
  /// it takes over: a run of days piped into a log said nothing before its first 1%.
  @Test func aLongRunReportsProgressFromItsStart() throws {
    BLASSetup.once()
    let data = Examples(
      x: Synthetic.features(20, 2, seed: 53), y: Synthetic.targets(20, 1, seed: 54))
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .gd,
      learningRate: 0.01, budget: .iterations(3200), recordEvery: 3200, metrics: [])
    var done: [Int] = []
    _ = try Trainer.train(c, train: data) { event in
      if case .progress(let d, _) = event { done.append(d) }
    }
    let early = Array(1...15) + Array(stride(from: 16, through: 30, by: 2))
    #expect(done == early + Array(stride(from: 32, through: 3200, by: 32)))
  }
}
