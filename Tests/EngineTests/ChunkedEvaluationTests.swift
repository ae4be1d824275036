import Testing

@testable import Engine

/// A model evaluated in chunks of whole tiles of rows gives the very scores and labels of one
/// pass over every row, and `rowsPerChunk` keeps a wide model's values within
/// `TrainedModel.chunkBytes` (the decision boundary's 150×150 grid through 30000 hidden units
/// once took 5.4 GB at once).
@Suite struct ChunkedEvaluationTests {
  init() { BLASSetup.once() }

  /// A dense layer of random weights `(inputs, outputs)` and biases.
  static func layer<T: Scalar>(
    _ inputs: Int, _ outputs: Int, _ activation: Activation, seed: UInt64,
    normalized: Bool = false
  ) -> DenseLayer<T> {
    let w = Synthetic.features(inputs, outputs, seed: seed).converted(to: T.self)
    let b = Synthetic.features(1, outputs, seed: seed + 1).storage.map { T($0) }
    let normalization =
      normalized
      ? BatchNormalization<T>(
        gamma: b.map { $0 + 1 }, beta: b, runningMean: b.map { $0 / 2 },
        runningVar: b.map { $0 * $0 + 1 }, eps: 1e-5) : nil
    return DenseLayer(
      weights: w, bias: b, activation: activation, normalization: normalization)
  }

  /// A 3-feature MLP with `width` hidden units (tanh, batch-normalized relu) and `outputs`
  /// outputs (softmax, or sigmoid for one).
  static func mlp<T: Scalar>(width: Int, outputs: Int, seed: UInt64) -> Network<T> {
    Network(layers: [
      layer(3, width, .tanh, seed: seed),
      layer(width, width, .relu, seed: seed + 2, normalized: true),
      layer(width, outputs, outputs == 1 ? .sigmoid : .softmax, seed: seed + 4),
    ])
  }

  /// Every kind of model: one network with one and with four outputs, one-vs-rest and
  /// one-vs-one over three classes.
  static func models<T: Scalar>(_: T.Type) -> [(TrainedModel<T>, classes: Int)] {
    let binary: [Network<T>] = (0..<3).map { mlp(width: 9, outputs: 1, seed: 30 + 10 * UInt64($0)) }
    return [
      (.network(mlp(width: 17, outputs: 1, seed: 1)), 2),
      (.network(mlp(width: 17, outputs: 4, seed: 10)), 4),
      (.oneVsRest(binary), 3),
      (
        .oneVsOne([
          .init(negative: 0, positive: 1, network: binary[0]),
          .init(negative: 0, positive: 2, network: binary[1]),
          .init(negative: 1, positive: 2, network: binary[2]),
        ]), 3
      ),
    ]
  }

  /// The scores and labels of `x` evaluated `rows` rows at a time.
  static func chunked<T: Scalar>(
    _ model: TrainedModel<T>, _ x: Matrix<T>, classes: Int, rows: Int
  ) throws -> (scores: [Double], labels: [Int]) {
    var scores: [Double] = []
    var labels: [Int] = []
    for first in stride(from: 0, to: x.rows, by: rows) {
      let part = x.rows(first..<min(first + rows, x.rows))
      scores += try model.scores(part, classes: classes).storage
      labels += try model.predictLabels(part, classes: classes)
    }
    return (scores, labels)
  }

  func expectChunksMatchOnePass<T: Scalar>(_ type: T.Type) throws {
    let x = Synthetic.features(1003, 3, seed: 7).converted(to: T.self)
    for (model, classes) in Self.models(type) {
      let whole = try model.scores(x, classes: classes).storage
      let labels = try model.predictLabels(x, classes: classes)
      #expect(Set(labels).count > 1, "the labels vary, so that a misplaced chunk would show")
      for rows in [12, 24, 48, 96, 480] {
        let chunks = try Self.chunked(model, x, classes: classes, rows: rows)
        #expect(chunks.scores == whole, "\(T.self), \(classes) classes, \(rows) rows a chunk")
        #expect(chunks.labels == labels, "\(T.self), \(classes) classes, \(rows) rows a chunk")
      }
    }
  }

  @Test func chunksOfWholeTilesGiveTheBitsOfOnePass() throws {
    try expectChunksMatchOnePass(Double.self)
    try expectChunksMatchOnePass(Float.self)
  }

  /// `scores` itself goes through a wide model a chunk at a time (the report's pictures,
  /// confusion matrix and curves of a whole held-out set, `runner predict`'s file): several
  /// chunks and a partial last one give the bits of one pass, for every kind of model.
  @Test func scoresOfManyRowsAreChunkedToTheBitsOfOnePass() throws {
    func expectSame<T: Scalar>(_: T.Type) throws {
      let wide: [Network<T>] = (0..<3).map {
        Network(layers: [
          Self.layer(3, 30_000, .tanh, seed: 50 + 10 * UInt64($0)),
          Self.layer(30_000, 1, .sigmoid, seed: 52 + 10 * UInt64($0)),
        ])
      }
      let models: [(TrainedModel<T>, classes: Int)] = [
        (
          .network(Network(layers: [wide[0].layers[0], Self.layer(30_000, 4, .softmax, seed: 9)])),
          4
        ),
        (.oneVsRest(wide), 3),
        (
          .oneVsOne(
            [(0, 1), (0, 2), (1, 2)].enumerated().map {
              .init(negative: $1.0, positive: $1.1, network: wide[$0])
            }), 3
        ),
      ]
      let x = Synthetic.features(101, 3, seed: 11).converted(to: T.self)
      for (model, classes) in models {
        let rows = model.rowsPerChunk(classes: classes)
        #expect(rows < x.rows / 2 && x.rows % rows != 0, "several chunks, the last one partial")
        let chunked = try model.scores(x, classes: classes)
        let whole = try model.onePassScores(x, classes: classes)
        #expect(chunked.rows == x.rows && chunked.cols == whole.cols)
        #expect(chunked.storage == whole.storage, "\(T.self), \(classes) classes")
      }
    }
    try expectSame(Float.self)
    try expectSame(Double.self)
  }

  @Test func aWideModelsChunkStaysWithinItsBytes() {
    let wide = TrainedModel<Double>.network(
      Network(layers: [
        Self.layer(2, 30_000, .sigmoid, seed: 5), Self.layer(30_000, 1, .sigmoid, seed: 6),
      ]))
    // 2 inputs, then 2 + 30000 and 30000 + 1 values a row: 12 rows in 4 MB, not 22500.
    let rows = wide.rowsPerChunk(classes: 2)
    #expect(rows == 12)
    #expect(rows * (2 + 30_002) * 8 <= TrainedModel<Double>.chunkBytes)
    let wider = TrainedModel<Float>.network(
      Network(layers: [
        Self.layer(2, 300_000, .relu, seed: 5), Self.layer(300_000, 3, .softmax, seed: 6),
      ]))
    // One row alone takes 1.2 MB: still a whole tile of 12 rows, never a partial one.
    #expect(wider.rowsPerChunk(classes: 3) == 12)
    let narrow = TrainedModel<Float>.network(Self.mlp(width: 8, outputs: 1, seed: 2))
    #expect(narrow.rowsPerChunk(classes: 2) >= 150 * 150, "a small model: the grid at once")
    #expect(narrow.rowsPerChunk(classes: 2) % 48 == 0)
    let pairs = TrainedModel<Double>.oneVsOne(
      (0..<3).map {
        .init(
          negative: 0, positive: $0 + 1, network: Self.mlp(width: 600, outputs: 1, seed: UInt64($0))
        )
      })
    // 3 + 600 + 600 values of 8 bytes and 4 classes' scores a row.
    #expect(pairs.rowsPerChunk(classes: 4) == (4 << 20) / (1203 * 8 + 64) / 48 * 48)
  }
}
