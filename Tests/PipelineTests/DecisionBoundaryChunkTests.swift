import Datasets
import Engine
import Specs
import Testing

@testable import Pipeline

/// The decision boundary evaluates its 150×150 grid a chunk of cells at a time (once all at
/// once: 5.4 GB through 30000 hidden units), with the very picture of one pass.
@Suite struct DecisionBoundaryChunkTests {
  /// Standardized moons, 200 samples.
  static func moons<T: Scalar>(_: T.Type) throws -> PreparedData<T> {
    let loaded = try SpecLoader.load(
      text: """
        name: moons
        seed: 3
        dataset:
          generator: {type: moons, samples: 200, noise: 0.2}
          split: {train: 0.8, test: 0.2}
          preprocessing: [standardize]
        model:
          type: mlp
          layers: [{units: 1, activation: sigmoid}]
        loss: binary_cross_entropy
        optimizer: {type: gd, learning_rate: 0.1, iterations: 1}

        """, file: "moons.yaml")
    return try DataLoader(locator: DataLocator(searchDirectories: []))
      .prepare(DataConfiguration(loaded.spec), as: T.self)
  }

  /// A 2-`width`-1 tanh network of seeded random weights.
  static func network<T: Scalar>(width: Int, _: T.Type) -> TrainedModel<T> {
    var generator = SeededGenerator(seed: 11)
    let values = { (count: Int, scale: Double) in
      (0..<count).map { _ in T(generator.nextNormal() * scale) }
    }
    let hidden = DenseLayer<T>(
      weights: Matrix(rows: 2, cols: width, storage: values(2 * width, 2)),
      bias: values(width, 1), activation: .tanh)
    let output = DenseLayer<T>(
      weights: Matrix(rows: width, cols: 1, storage: values(width, 1)), bias: [0],
      activation: .sigmoid)
    return .network(Network(layers: [hidden, output]))
  }

  func expectChunksDrawOnePass<T: Scalar>(_ type: T.Type) throws {
    let model = Self.network(width: 300, type)
    let chunk = model.rowsPerChunk(classes: 2)
    #expect(chunk < 150 * 150 / 4, "\(T.self): the grid takes several chunks")
    var pictures = RunPictures(data: try Self.moons(type), model: model, classifier: true)
    let chunked = try #require(try pictures.decisionBoundary())
    pictures.cellsPerChunk = 150 * 150
    let once = try #require(try pictures.decisionBoundary())
    #expect(chunked.grid.count == 150 * 150 && Set(chunked.grid) == [0, 1])
    #expect(chunked.grid == once.grid, "\(T.self)")
    #expect(chunked.svg == once.svg, "\(T.self)")
  }

  @Test func chunksDrawThePictureOfOnePass() throws {
    try expectChunksDrawOnePass(Double.self)
    try expectChunksDrawOnePass(Float.self)
  }
}
