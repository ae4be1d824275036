import Engine
import Testing

/// Trains the fixture's logistic regression for 20 iterations from its starting point with one
/// optimizer (and `l1`, if any) and compares every loss and the final parameters with a reference trajectory
/// (numpy's rendering of torch.optim's rules, or torch's own output). The references hold the
/// losses at iterations 0...19 (before each update); the 21st record is the state after the
/// last update, the parameters compared with the reference's.
enum TrajectoryCheck {
  static func compare(
    _ name: String, optimizer: Optimizer, learningRate: Double,
    schedule: LearningRateSchedule = .constant, l1: Double = 0, tolerance: Double = 1e-10,
    losses: [Double], parameters reference: [Double]
  ) throws {
    BLASSetup.once()
    let data = Examples(x: Matrix(OptimizerTrajectories.x), labels: OptimizerTrajectories.y)
    let start = Matrix(rows: 3, cols: 1, storage: OptimizerTrajectories.w0)
    let c = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, optimizer: optimizer,
      learningRate: learningRate, schedule: schedule,
      regularization: Regularization(l2: OptimizerTrajectories.l2, l1: l1), budget: .iterations(20),
      recordEvery: 1,
      initializer: .explicit([.init(weights: start, bias: [OptimizerTrajectories.b0])]),
      metrics: [])
    let r = try Trainer.train(c, train: data)
    #expect(r.records.map(\.iteration) == Array(0...20))
    #expect(losses.count == 20)
    #expect(r.records.last == r.final)
    for (record, expected) in zip(r.records, losses) {
      #expect(
        abs(record.train.loss - expected) < tolerance, "\(name) iteration \(record.iteration)")
    }
    let layer = r.model.network!.layers[0]
    let parameters = layer.weights.storage + layer.bias
    for (p, e) in zip(parameters, reference) {
      #expect(abs(p - e) < tolerance, "\(name): \(parameters) vs \(reference)")
    }
  }
}
