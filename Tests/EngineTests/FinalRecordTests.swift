import Testing

@testable import Engine

/// The history ends at the state the run ended in: after the last update, once, whatever
/// `recordEvery` is; the exact solver has one state; L-BFGS that runs out of budget says so.
@Suite struct FinalRecordTests {
  func separable(_ m: Int, seed: UInt64) -> Examples<Double> {
    let x = Synthetic.features(m, 3, seed: seed)
    let labels = (0..<m).map { x[$0, 0] + 0.5 * x[$0, 1] > 0 ? 1 : 0 }
    return Examples(x: x, labels: labels)
  }

  func logistic(_ optimizer: Optimizer = .gd, iterations: Int, every: Int) -> TrainingConfiguration
  {
    TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, optimizer: optimizer,
      learningRate: optimizer.kind == .lbfgs ? 1 : 0.1,
      regularization: Regularization(l2: 0.01), budget: .iterations(iterations),
      recordEvery: every)
  }

  @Test func theStateAfterTheLastUpdateEndsTheHistory() throws {
    BLASSetup.once()
    let data = separable(60, seed: 1)
    for (iterations, every, expected) in [
      (250, 100, [0, 100, 200, 250]), (200, 100, [0, 100, 200]), (5, 1, [0, 1, 2, 3, 4, 5]),
      (3, 1000, [0, 3]), (0, 100, [0]),
    ] {
      var recorded: [Int] = []
      let r = try Trainer.train(logistic(iterations: iterations, every: every), train: data) {
        if case .record(let record) = $0 { recorded.append(record.iteration) }
      }
      #expect(r.records.map(\.iteration) == expected, "\(iterations) every \(every)")
      #expect(recorded == expected, "the events report the same rows")
      #expect(r.records.last == r.final)
      #expect(r.stopReason == .completed)
    }
  }

  /// The diagnosis judges whether the loss was still falling from nine tenths of the run, and a
  /// linear classifier's training error over its second half: both are evaluated at fixed
  /// units whatever `recordEvery` is, and are no records.
  @Test func theTrainingSetIsEvaluatedAtHalfAndNineTenthsWhateverRecordEvery() throws {
    BLASSetup.once()
    let data = separable(60, seed: 1)
    let reference = try Trainer.train(logistic(iterations: 300, every: 1), train: data)
    #expect(reference.half?.iteration == 150 && reference.late?.iteration == 270)
    #expect(reference.half == reference.records[150].withoutHeldOut)
    #expect(reference.late?.cost == reference.records[270].cost)
    for every in [7, 100, 150, 1000] {
      let r = try Trainer.train(logistic(iterations: 300, every: every), train: data)
      #expect(r.half == reference.half && r.late == reference.late, "every \(every)")
      #expect(r.records.count == (300 + every - 1) / every + 1, "every \(every): no extra row")
    }
    // Units: ⌈n/2⌉ and ⌊9n/10⌋, in the run's second half and before its end.
    #expect(Trainer.probeUnits(1) == (nil, nil))
    #expect(Trainer.probeUnits(2) == (1, 1))
    #expect(Trainer.probeUnits(3) == (2, 2))
    #expect(Trainer.probeUnits(31) == (16, 27))
    let short = try Trainer.train(logistic(iterations: 1, every: 1), train: data)
    #expect(short.half == nil && short.late == nil)
  }

  @Test func aStateAlreadyRecordedIsNotRecordedTwice() throws {
    BLASSetup.once()
    // L-BFGS converges at an iteration that is recorded (every iteration is): the state at
    // convergence is the last row, once.
    let r = try Trainer.train(
      logistic(.lbfgs(tolerance: 1e-6), iterations: 500, every: 1), train: separable(60, seed: 2))
    guard case .converged(let at) = r.stopReason else {
      Issue.record("expected convergence, got \(r.stopReason)")
      return
    }
    #expect(r.records.map(\.iteration) == Array(0...at))
    #expect(r.records.last == r.final)
    // Early stopping breaks right after a record: that record is the last row.
    let train = Examples(
      x: Synthetic.features(20, 30, seed: 3), y: Synthetic.targets(20, 1, seed: 4))
    let dev = Examples(x: Synthetic.features(40, 30, seed: 5), y: Synthetic.targets(40, 1, seed: 6))
    let stopped = try Trainer.train(
      TrainingConfiguration(
        model: .linearRegression(solver: .iterative), loss: .mse, optimizer: .gd,
        learningRate: 0.05, budget: .iterations(2000), recordEvery: 10,
        earlyStopping: EarlyStopping(patience: 5, restoreBest: false), metrics: []),
      train: train, dev: dev)
    let iterations = stopped.records.map(\.iteration)
    #expect(Set(iterations).count == iterations.count)
    #expect(stopped.records.last == stopped.final)
  }

  @Test func oneEpochHasTwoRows() throws {
    BLASSetup.once()
    let c = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, optimizer: .sgd,
      learningRate: 0.1, batchSize: 8, budget: .epochs(1), recordEvery: 1)
    let r = try Trainer.train(c, train: separable(64, seed: 4))
    #expect(r.records.map(\.epoch) == [0, 1])
    #expect(r.records.map(\.iteration) == [0, 8])
    #expect(r.records.last == r.final)
  }

  @Test func theExactSolverSolvesInOneState() throws {
    BLASSetup.once()
    let data = Examples(x: Synthetic.features(30, 2, seed: 5), y: Synthetic.targets(30, 1, seed: 6))
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .exact), loss: .mse, learningRate: 0.01,
      budget: .iterations(100), metrics: [.mse])
    let r = try Trainer.train(c, train: data)
    #expect(r.stopReason == .solved)
    #expect(r.stopReason.description == "solved exactly (least squares)")
    #expect(r.records.count == 1 && r.records.first == r.final && r.iterations == 0)
  }

  @Test func theExactSolverRefusesAnOptimizersWeightDecay() throws {
    let data = Examples(x: Synthetic.features(30, 2, seed: 5), y: Synthetic.targets(30, 1, seed: 6))
    let c = TrainingConfiguration(
      model: .linearRegression(solver: .exact), loss: .mse,
      optimizer: Optimizer(.sgd) { $0.weightDecay = 0.1 }, learningRate: 0.01,
      budget: .iterations(100), metrics: [])
    #expect {
      _ = try Trainer.train(c, train: data)
    } throws: { error in
      guard case TrainingError.invalidConfiguration(let text) = error else { return false }
      return text.contains("weight_decay")
    }
  }

  @Test func lbfgsOutOfBudgetSaysItDidNotConverge() throws {
    BLASSetup.once()
    let r = try Trainer.train(
      logistic(.lbfgs(tolerance: 1e-12), iterations: 3, every: 1), train: separable(60, seed: 7))
    guard case .notConverged(let iterations, let gradient, let tolerance, _) = r.stopReason else {
      Issue.record("expected no convergence, got \(r.stopReason)")
      return
    }
    #expect(iterations == 3 && tolerance == 1e-12 && gradient > tolerance)
    #expect(
      r.stopReason.description.hasPrefix("reached the iteration budget (3) without converging"))
    let inEffect = LBFGSInEffect(learningRate: 1, dtype: .float64, scaled: false)
    #expect(r.stopReason.warning(inEffect)?.contains("optimizer.iterations") == true)
    #expect(r.records.map(\.iteration) == [0, 1, 2, 3])
    #expect(StopReason.completed.warning(inEffect) == nil)
  }

  /// Raw iris, one-vs-rest (scikit-learn's C = 1): the three models converge at different
  /// iterations. The run counts the most any model made (scikit-learn's largest `n_iter_`),
  /// in `iterations`, the stop reason and the history (not the first model's count).
  func irisOneVsRest(_ strategy: Multiclass, tolerance: Double, iterations: Int) throws
    -> TrainingResult<Double>
  {
    let (_, x, y) = try TestData.csv("iris.csv")
    let c = TrainingConfiguration(
      model: .logisticRegression(strategy), loss: .binaryCrossEntropy,
      optimizer: .lbfgs(tolerance: tolerance), learningRate: 1,
      regularization: Regularization(l2: 1.0 / 150), budget: .iterations(iterations),
      recordEvery: 10, metrics: [])
    return try Trainer.train(c, train: Examples(x: x, labels: y.map { Int($0) }))
  }

  @Test(arguments: [Multiclass.oneVsRest, .oneVsOne])
  func aMulticlassModelCountsTheIterationsOfItsSlowestModel(_ strategy: Multiclass) throws {
    BLASSetup.once()
    let r = try irisOneVsRest(strategy, tolerance: 1e-4, iterations: 1000)
    guard case .converged(let iteration) = r.stopReason else {
      Issue.record("expected convergence, got \(r.stopReason)")
      return
    }
    #expect(r.iterations == iteration)
    let steps = r.records.map(\.iteration)
    #expect(steps == Array(stride(from: 0, to: iteration, by: 10)) + [iteration], "\(steps)")
    #expect(r.records.last == r.final)
  }

  /// L-BFGS tests its tolerance before each step, so a budget that ends where the test holds
  /// converged there, as the run one iteration longer says with the same parameters (it said
  /// "without converging: largest gradient component 8.86e-07 > tolerance 1e-06").
  @Test func aBudgetEndingWhereLBFGSConvergesSaysItConverged() throws {
    BLASSetup.once()
    let free = try irisOneVsRest(.oneVsRest, tolerance: 1e-4, iterations: 1000)
    guard case .converged(let n) = free.stopReason else {
      Issue.record("expected convergence, got \(free.stopReason)")
      return
    }
    let exact = try irisOneVsRest(.oneVsRest, tolerance: 1e-4, iterations: n)
    #expect(exact.stopReason == .converged(iteration: n), "\(exact.stopReason)")
    #expect(exact.final == free.final)
    let short = try irisOneVsRest(.oneVsRest, tolerance: 1e-4, iterations: n - 1)
    #expect(short.stopReason.description.contains("without converging"))
  }

  @Test func aMulticlassModelNamesTheModelsThatDidNotConverge() throws {
    BLASSetup.once()
    // scikit-learn's n_iter_: 24, 27 and 26.
    let r = try irisOneVsRest(.oneVsRest, tolerance: 1e-4, iterations: 25)
    guard case .notConverged(let iterations, let gradient, _, let models) = r.stopReason else {
      Issue.record("expected no convergence, got \(r.stopReason)")
      return
    }
    #expect(iterations == 25 && r.iterations == 25 && gradient > 1e-4)
    #expect(models == ["class 1 vs rest", "class 2 vs rest"])
    #expect(
      r.stopReason.description.hasPrefix(
        "reached the iteration budget (25) without converging for class 1 vs rest, "
          + "class 2 vs rest: largest gradient component "))
  }

  @Test func shortNumbersAreStable() {
    #expect(StopReason.short(3.0566584744e-9) == "3.057e-09")
    #expect(StopReason.short(1e-10) == "1e-10")
    #expect(StopReason.short(6931.4718) == "6.931e+03")
    #expect(StopReason.short(-27_000_000) == "-2.7e+07")
    #expect(StopReason.short(9.99996) == "1e+01")
  }
}

extension Record {
  /// This record with its held-out figures dropped.
  fileprivate var withoutHeldOut: Record {
    Record(iteration: iteration, epoch: epoch, train: train, dev: nil, test: nil, penalty: penalty)
  }
}
