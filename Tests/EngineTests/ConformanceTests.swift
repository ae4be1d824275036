import Testing

@testable import Engine

/// One suite over every model kind (scikit-learn's conformance idea): training is repeatable,
/// NaN input is refused with a typed error, predicting with the wrong feature count fails cleanly.
@Suite struct ConformanceTests {
  static let kinds: [(String, ModelKind, Loss, Optimizer)] = [
    ("linreg exact", .linearRegression(solver: .exact), .mse, .gd),
    ("linreg gd", .linearRegression(solver: .iterative), .mse, .gd),
    ("linreg lbfgs", .linearRegression(solver: .iterative), .mse, .lbfgs()),
    ("logreg binary", .logisticRegression(.binary), .binaryCrossEntropy, .gd),
    ("logreg softmax", .logisticRegression(.softmax), .crossEntropy, .adam()),
    ("logreg ovr", .logisticRegression(.oneVsRest), .binaryCrossEntropy, .sgd),
    ("logreg ovo", .logisticRegression(.oneVsOne), .binaryCrossEntropy, .rmsprop()),
    ("mlp", .mlp(layers: [.init(5, .tanh), .init(3, .softmax)]), .crossEntropy, .nesterov(0.9)),
  ]

  func data(for loss: Loss, kind: ModelKind) -> Examples<Double> {
    let x = Synthetic.features(40, 4, seed: 41)
    if !loss.isClassification { return Examples(x: x, y: Synthetic.targets(40, 1, seed: 42)) }
    let binary = kind == .logisticRegression(.binary)
    return Examples(x: x, labels: Synthetic.labels(40, classes: binary ? 2 : 3, seed: 43))
  }

  func config(_ kind: ModelKind, _ loss: Loss, _ optimizer: Optimizer) -> TrainingConfiguration {
    TrainingConfiguration(
      model: kind, loss: loss, optimizer: optimizer, learningRate: 0.05,
      batchSize: optimizer.isFullBatch ? nil : 8, budget: .iterations(30), recordEvery: 10,
      initializer: .xavier, metrics: loss.isClassification ? [.accuracy, .f1] : [.mse, .r2], seed: 9
    )
  }

  @Test(arguments: kinds.map(\.0))
  func repeatableTrainingAndCleanFailures(_ name: String) throws {
    BLASSetup.once()
    let (_, kind, loss, optimizer) = Self.kinds.first { $0.0 == name }!
    let c = config(kind, loss, optimizer)
    let d = data(for: loss, kind: kind)
    let first = try Trainer.train(c, train: d, test: d)
    let second = try Trainer.train(c, train: d, test: d)
    #expect(first.records == second.records)
    #expect(first.model == second.model)
    #expect(first.final != nil)

    var bad = d
    bad.x[3, 1] = .nan
    #expect(throws: TrainingError.self) { try Trainer.train(c, train: bad) }

    let narrow = Matrix<Double>(rows: 2, cols: 3)
    #expect(throws: TrainingError.self) { try first.model.predictLabels(narrow, classes: 3) }
  }
}
