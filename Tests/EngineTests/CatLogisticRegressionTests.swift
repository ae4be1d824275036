import Testing

@testable import Engine

/// Logistic regression on the cat-vs-non-cat images, against the numpy reference figures.
@Suite(
  .serialized,
  .enabled(
    if: TestData.available("catvnoncat/train_x.npy"),
    """
    needs the course's catvnoncat/{train,test}_{x,y}.npy arrays (in ../shared/datasets, or in \
    the first RUNNER_DATA_PATH folder when it is set; `runner data fetch` gives no .npy)
    """))
struct CatLogisticRegressionTests {
  static let referenceCosts = [
    0.693147, 0.584508, 0.466949, 0.376007, 0.331463, 0.303273, 0.279880, 0.260042, 0.242941,
    0.228004,
    0.214820, 0.203078, 0.192544, 0.183033, 0.174399, 0.166521, 0.159305, 0.152667, 0.146542,
    0.140872,
  ]

  static let configuration = TrainingConfiguration(
    model: .logisticRegression(.binary), loss: .binaryCrossEntropy, optimizer: .gd,
    learningRate: 0.005,
    budget: .iterations(2000), recordEvery: 100, initializer: .zeros, metrics: [.accuracy])

  func run<T: Scalar>(_: T.Type, fastPath: Bool) throws -> TrainingResult<T> {
    BLASSetup.once()
    let train: Examples<T> = try TestData.cat("train")
    let test: Examples<T> = try TestData.cat("test")
    return try Trainer.run(
      Self.configuration, train: train, dev: nil, test: test, fastPath: fastPath, events: { _ in })
  }

  func bias<T: Scalar>(_ r: TrainingResult<T>) -> Double {
    r.model.network!.layers[0].bias[0].doubleValue
  }

  @Test func float64ReproducesTheCourse() throws {
    let r = try run(Double.self, fastPath: true)
    #expect(r.stopReason == .completed)
    // numpy's costs at 0, 100, …, 1900, then the state after the last update (the final).
    #expect(r.records.map(\.iteration) == Array(stride(from: 0, through: 2000, by: 100)))
    #expect(r.records.last == r.final)
    for (rec, expected) in zip(r.records, Self.referenceCosts) {
      #expect(
        abs(rec.cost - expected) < 5e-7, "iteration \(rec.iteration): \(rec.cost) vs \(expected)")
    }
    let final = try #require(r.final)
    #expect(abs(final.train.loss - 0.1356080753) < 1e-10)
    #expect(abs(bias(r) - -0.0159062440) < 1e-10)
    #expect(final.train.metrics[.accuracy] == 207.0 / 209.0)
    #expect(final.test?.metrics[.accuracy] == 35.0 / 50.0)
  }

  @Test func float32WithinTolerance() throws {
    let r = try run(Float.self, fastPath: true)
    for (rec, expected) in zip(r.records, Self.referenceCosts) {
      #expect(
        abs(rec.cost - expected) < 1e-5, "iteration \(rec.iteration): \(rec.cost) vs \(expected)")
    }
    let final = try #require(r.final)
    #expect(abs(final.train.loss - 0.1356080753) < 1e-5)
    #expect(final.train.metrics[.accuracy] == 207.0 / 209.0)
    #expect(final.test?.metrics[.accuracy] == 35.0 / 50.0)
  }

  @Test func fusedAndPlainPathsAgree() throws {
    let fused = try run(Double.self, fastPath: true)
    let plain = try run(Double.self, fastPath: false)
    for (a, b) in zip(fused.records, plain.records) { #expect(abs(a.cost - b.cost) < 1e-12) }
    let wf = fused.model.network!.layers[0].weights.storage
    let wp = plain.model.network!.layers[0].weights.storage
    #expect(zip(wf, wp).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(abs(bias(fused) - bias(plain)) < 1e-12)
  }
}
