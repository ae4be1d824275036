import Datasets
import Foundation
import Specs
import Testing

@testable import Pipeline

/// The memory estimate's batch is the training rows the split leaves, not every sample (tester
/// Q3: a run peaking at 164 MB was refused under a 400 MB limit, its gd batch counted as all
/// 100 moons rows when 20 train), and evaluation keeps the scores of one set at a time.
@Suite struct MemoryTrainingRowsTests {
  static func loaded(split: String, samples: Int = 100, optimizer: String = "gd")
    throws -> LoadedSpec
  {
    try SpecLoader.load(
      text: """
        dtype: float64
        dataset: {generator: {type: moons, samples: \(samples), noise: 0.1}, split: \(split)}
        model:
          type: mlp
          layers: [{units: 100000, activation: relu}, {units: 1, activation: sigmoid}]
        optimizer: {type: \(optimizer), epochs: 3}

        """, file: "spec.yaml")
  }

  static let context = Result {
    try ProjectContext(specPath: "spec.yaml", environment: [:], resultsRoot: "/tmp")
  }

  /// The footprint's training rows and largest set are those the run deals (`inspect`, the
  /// count `runner validate` and the run share), for fractions, counts, file order and a
  /// train-dev carve.
  @Test(arguments: [
    "{train: 0.2, test: 0.8}", "{train: 0.6, dev: 0.25, test: 0.15}", "{test: 30, shuffle: false}",
    "{train: 40, test: 25}", "{train: 0.5, train_dev: 0.2, test: 0.3}", "{dev: 0.5, test: 0.3}",
  ])
  func theTrainingRowsAreTheRunsOwn(_ split: String) throws {
    let loaded = try Self.loaded(split: split, samples: 97)
    let footprint = DataFootprint.of(loaded, context: try Self.context.get())
    let configuration = try DataConfiguration(loaded.spec)
    let inspection = try DataLoader(locator: DataLocator(searchDirectories: [])).inspect(
      configuration)
    let assignment = try #require(inspection.split)
    let rows = assignment.sources.flatMap(\.parts)
    let parts = Dictionary(grouping: rows, by: { $0 }).mapValues(\.count)
    #expect(footprint.trainingRows == Double(try #require(inspection.trainSamples)))
    let evaluated: [SplitAssignment.Part] = [.train, .dev, .test, .trainDev]
    #expect(footprint.largestPart == Double(evaluated.compactMap { parts[$0] }.max() ?? 0))
    #expect(footprint.samples == 97)
  }

  /// Full-batch gd steps over the training rows: two splits whose largest set is the same (80
  /// test rows, 80 training rows) differ by the step's buffers over the 60 training rows
  /// between them, z and a of 100 001 units and two error buffers of 100 000, in float64.
  @Test func aSmallerTrainingPartNeedsLessMemory() throws {
    let context = try Self.context.get()
    let small = MemoryEstimate.of(
      try Self.loaded(split: "{train: 0.2, test: 0.8}"), context: context)
    let large = MemoryEstimate.of(
      try Self.loaded(split: "{train: 0.8, test: 0.2}"), context: context)
    #expect(large.activations - small.activations == 60 * (2 * 100_001 + 2 * 100_000) * 8)
    #expect(large.data == small.data && large.model == small.model)
  }

  /// A mini-batch is at most the training rows: a batch_size above them counts them only.
  @Test func aBatchAboveTheTrainingRowsCountsThem() throws {
    let context = try Self.context.get()
    func activations(_ batch: Int) throws -> Double {
      let text = """
        dtype: float64
        dataset: {generator: {type: moons, samples: 100, noise: 0.1}, split: {train: 0.3, test: 0.7}}
        model: {type: mlp, layers: [{units: 1000, activation: relu}, {units: 1, activation: sigmoid}]}
        optimizer: {type: sgd, batch_size: \(batch), epochs: 1}

        """
      return MemoryEstimate.of(try SpecLoader.load(text: text, file: "spec.yaml"), context: context)
        .activations
    }
    #expect(try activations(30) == activations(60))
    #expect(try activations(20) < activations(30))
  }
}
