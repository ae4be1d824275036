import Datasets
import Foundation
import Specs
import Testing

@testable import Pipeline

/// The memory estimate's terms that the measured peaks of `MemoryPeakTests` do not reach.
@Suite struct MemoryEstimateTests {
  /// A successive-halving trial holds its checkpoint's copies: parameters, early stopping's best,
  /// the optimizer's state and the row order, in 8-byte values and encoded,
  /// 16·((2 + state)·P + M) bytes for M training rows.
  @Test func aCheckpointAddsItsCopies() throws {
    let text = """
      dataset: {generator: {type: moons, samples: 200}}
      model:
        type: mlp
        layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]
      optimizer: {type: adam, epochs: 3}

      """
    let loaded = try SpecLoader.load(text: text, file: "spec.yaml")
    let context = try ProjectContext(specPath: "spec.yaml", environment: [:], resultsRoot: "/tmp")
    let plain = MemoryEstimate.of(loaded, context: context)
    let saving = MemoryEstimate.of(loaded, context: context, checkpoint: true)
    // P = (2 + 1)·8 + (8 + 1)·1 = 33 parameters; Adam keeps 3 vectors of state; 200 training
    // rows (no held-out part).
    #expect(plain.checkpoint == 0 && saving.checkpoint == 16 * ((2 + 3) * 33 + 200))
    #expect(saving.needed == plain.needed + saving.checkpoint)
    #expect(
      saving.breakdown.contains("checkpoint 5.7 KB") && !plain.breakdown.contains("checkpoint"))
  }

  /// A validation curve's points train on their own models and data: a curve over the
  /// polynomial degree costs what its widest point's run costs (its exact solver's normal
  /// equations too), not the base spec's, and a point that takes most of the memory is blamed
  /// at its value.
  @Test func aValidationCurveCountsItsLargestPoint() throws {
    func spec(_ values: String) -> String {
      """
      dataset:
        generator: {type: linear, samples: 400, weights: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], noise: 0.1}
        split: {train: 0.8, dev: 0.2}
        preprocessing: [{polynomial: 2}]
      model: {type: linreg, solver: exact}
      report: {validation_curve: {parameter: "dataset.preprocessing[0].polynomial", values: [\(values)]}}

      """
    }
    let context = try ProjectContext(specPath: "spec.yaml", environment: [:], resultsRoot: "/tmp")
    let narrow = MemoryEstimate.of(
      try SpecLoader.load(text: spec("1, 2"), file: "s.yaml"), context: context)
    let wide = MemoryEstimate.of(
      try SpecLoader.load(text: spec("1, 2, 5"), file: "s.yaml"), context: context)
    // Degree 5 on 10 features: 3002 features, normal equations of 2·3003²·8 bytes alone.
    #expect(wide.extra > 2 * 3003 * 3003 * 8)
    #expect(narrow.extra < wide.extra / 10)
    #expect(wide.data == narrow.data && wide.model == narrow.model)
    #expect(wide.culprit.description == "report.validation_curve.values[2]")
  }

  /// Evaluation goes through the model 256 rows at a time, and after training the report
  /// predicts only the held-out set, a chunk of rows at a time: two adjacent layers over a
  /// chunk's rows, not every layer over every set (the estimate was 4× MNIST's measured peak
  /// when it counted those).
  @Test func evaluationIsCountedInBlocksAndThePredictionOverTheHeldOutSet() throws {
    let text = """
      dtype: float32
      dataset:
        generator: {type: blobs, means: [[0, 0], [3, 3]], sizes: [5000, 5000]}
        split: {train: 0.8, test: 0.2}
      model:
        type: mlp
        layers: [{units: 512, activation: relu}, {units: 2, activation: softmax}]
      loss: cross_entropy
      optimizer: {type: adam, batch_size: 64, epochs: 1}

      """
    let loaded = try SpecLoader.load(text: text, file: "spec.yaml")
    let context = try ProjectContext(specPath: "spec.yaml", environment: [:], resultsRoot: "/tmp")
    let estimate = MemoryEstimate.of(loaded, context: context)
    // N = 10000 rows of n = 2 float32 features: generated and split as float64 (2·N·3·8),
    // converted once (N·n·4), targets twice (2·N·2·4) and class indices twice (16·N).
    #expect(estimate.data == 480_000 + 80_000 + 160_000 + 160_000)
    // Training: 64 rows through Σw = 514 values (z and a), two error buffers of 512 and the
    // batch's rows; evaluation: 256 rows, the largest set's outputs and scores (the 8000
    // training rows). The prediction of the test set (0.2·N: 2000 rows), a chunk of the 2001
    // rows whose inputs, 2 + 512 values and scores fit in 4 MB at a time (all 2000), with
    // every row's scores and label, is larger.
    let training = 64 * 2 * 514 * 4 + 64 * (2 * 512 + 2 + 2) * 4
    let evaluation = 256 * 2 * 514 * 4 + 8_000 * (2 * 28 + 8)
    let prediction = 2000 * ((2 + 514) * 4 + 16 * 2) + 2000 * (24 * 2 + 8)
    #expect(training + evaluation < prediction)
    #expect(estimate.activations == Double(prediction))
  }

  /// A 784-500000-10 MLP on MNIST's 70 000 rows: the report predicts the 10 000 test rows a
  /// chunk at a time, so the held-out set's size no longer drives the activations (a one-pass
  /// prediction, 10 000 × 500 010 values, made them 18.6 GB and the run 27.9 GB); the wide
  /// layer's parameters are what the error blames.
  @Test func theHeldOutSetIsPredictedInChunksNotInOnePass() throws {
    let means = (0..<10).map { c in
      "[" + (0..<784).map { $0 == c ? "1" : "0" }.joined(separator: ", ") + "]"
    }
    func estimate(test: Int) throws -> MemoryEstimate {
      let text = """
        dtype: float32
        dataset:
          generator: {type: blobs, means: [\(means.joined(separator: ", "))], sizes: [\(Array(repeating: "7000", count: 10).joined(separator: ", "))]}
          split: {train: \(70_000 - test), test: \(test)}
        model:
          type: mlp
          layers: [{units: 500000, activation: relu}, {units: 10, activation: softmax}]
        loss: cross_entropy
        optimizer: {type: adam, batch_size: 64, epochs: 1}

        """
      let loaded = try SpecLoader.load(text: text, file: "spec.yaml")
      let context = try ProjectContext(
        specPath: "spec.yaml", environment: [:], resultsRoot: "/tmp")
      return MemoryEstimate.of(loaded, context: context)
    }
    let (large, small) = (try estimate(test: 10_000), try estimate(test: 1_000))
    // Training and evaluation drive the activations: 64 and 256 rows through z and a of
    // 500 010 units, and the step's buffers, alike for both test sets; they differ only by the
    // scores evaluation keeps for the largest set, the 60 000 or 69 000 training rows (10
    // outputs in float32 and float64 scores, and a label each).
    #expect(small.activations - large.activations == 9_000 * (10 * (4 + 24) + 8))
    #expect(large.activations < 2 * 1024 * 1024 * 1024)
    #expect(large.culprit.description == "model.layers[0].units")
  }

  /// A batch whose rows outweigh every layer is the key blamed, not the widest layer's units
  /// (50 000 MNIST rows through 16 units, tester N3); a wide layer still is. The data is
  /// 6 000 rows of 784 bytes in `.npy` files, so the batch's float64 rows outweigh it.
  @Test func aBatchThatOutweighsTheLayersIsBlamed() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "batch-culprit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.npy(dir.appendingPathComponent("x.npy"), shape: "(6000, 784)", bytes: 6000 * 784)
    try Self.npy(dir.appendingPathComponent("y.npy"), shape: "(6000,)", bytes: 6000)
    func culprit(batch: Int, units: Int) throws -> String {
      let text = """
        dataset: {file: x.npy, target_file: y.npy}
        model:
          type: mlp
          layers:
            - {units: \(units), activation: relu}
            - {units: 1, activation: sigmoid}
        optimizer: {type: sgd, epochs: 1, batch_size: \(batch)}

        """
      let path = dir.appendingPathComponent("spec.yaml").path
      let loaded = try SpecLoader.load(text: text, file: path)
      let context = try ProjectContext(specPath: path, environment: [:], resultsRoot: "/tmp")
      return MemoryEstimate.of(loaded, context: context).culprit.description
    }
    #expect(try culprit(batch: 6000, units: 16) == "optimizer.batch_size")
    #expect(try culprit(batch: 64, units: 200_000) == "model.layers[0].units")
  }

  /// One-vs-one trains each pair on its two classes' rows: every row is in k − 1 pairs, so
  /// the pairs' full batches hold (k − 1)·M rows, fewer than one-vs-rest's k·M. MNIST's 45
  /// pairs were each counted with all 60 000 rows: 18.0 GB for a run measured at 5.3 GB, refused
  /// under a 16 GB limit (tester BP-3).
  @Test func oneVsOnePairsCountTheirOwnRows() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.npy(dir.appendingPathComponent("x.npy"), shape: "(6000, 784)", bytes: 6000 * 784)
    try Self.npy(dir.appendingPathComponent("y.npy"), shape: "(6000,)", bytes: 6000)
    func activations(_ multiclass: String) throws -> Double {
      let text = """
        dataset: {file: x.npy, target_file: y.npy, split: {train: 0.8, test: 0.2}}
        model: {type: logreg, multiclass: \(multiclass)}
        loss: binary_cross_entropy
        optimizer: {type: gd, learning_rate: 0.5, iterations: 2}

        """
      let path = dir.appendingPathComponent("spec.yaml").path
      let loaded = try SpecLoader.load(text: text, file: path)
      let context = try ProjectContext(specPath: path, environment: [:], resultsRoot: "/tmp")
      return MemoryEstimate.of(loaded, context: context).activations
    }
    let (ovo, ovr) = (try activations("ovo"), try activations("ovr"))
    // Each model's two error buffers as wide as the 784 inputs, over its rows, in float64.
    let perRow = 2.0 * 784 * 8
    #expect(ovo < ovr)
    #expect(ovo >= 9 * 4800 * perRow)
    #expect(ovr >= 10 * 4800 * perRow)
  }

  /// A version 1.0 `.npy` file of uint8 zeros with the given shape.
  static func npy(_ url: URL, shape: String, bytes: Int) throws {
    var header = "{'descr': '|u1', 'fortran_order': False, 'shape': \(shape), }"
    header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
    var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
    data.append(contentsOf: [UInt8(header.utf8.count & 0xff), UInt8(header.utf8.count >> 8)])
    data.append(contentsOf: Array(header.utf8))
    data.append(Data(count: bytes))
    try data.write(to: url)
  }

  /// Targets for another count of samples than the features' header says (a 1-D feature
  /// array read as 2.5 M samples) are refused by the loader before anything is loaded, so no
  /// memory estimate is refused first (tester V4: "471 GB" for a 2.5 MB file).
  @Test func targetsForAnotherSampleCountLeaveTheRefusalToTheLoader() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.npy(dir.appendingPathComponent("x.npy"), shape: "(1000,)", bytes: 1000)
    func readable(targets: Int) throws -> Bool {
      try Self.npy(dir.appendingPathComponent("y.npy"), shape: "(\(targets),)", bytes: targets)
      let path = dir.appendingPathComponent("spec.yaml").path
      let text = "dataset: {file: x.npy, target_file: y.npy}\nmodel: {type: logreg}\n"
      let loaded = try SpecLoader.load(text: text, file: path)
      let context = try ProjectContext(specPath: path, environment: [:], resultsRoot: "/tmp")
      return MemoryEstimate.of(loaded, context: context).dataReadable
    }
    #expect(try readable(targets: 10) == false)
    #expect(try readable(targets: 1000) == true)
  }

  /// A polynomial expansion that makes up most of the estimate is the key blamed (degree 5 of
  /// 30 features is 324 631 columns), not the dataset; a small one leaves the blame where it was.
  @Test func aPolynomialExpansionThatMakesTheRunBigIsBlamed() throws {
    let means = "[\(Array(repeating: "0", count: 30).joined(separator: ", "))]"
    func culprit(_ degree: Int, units: Int) throws -> String {
      let text = """
        dataset:
          generator: {type: blobs, means: [\(means), \(means)], sizes: [100, 100]}
          preprocessing: [standardize, {polynomial: \(degree)}]
        model:
          type: mlp
          layers:
            - {units: 8, activation: relu}
            - {units: \(units), activation: relu}
            - {units: 1, activation: sigmoid}
        optimizer: {type: adam, epochs: 3}

        """
      let loaded = try SpecLoader.load(text: text, file: "spec.yaml")
      let context = try ProjectContext(
        specPath: "spec.yaml", environment: [:], resultsRoot: "/tmp")
      return MemoryEstimate.of(loaded, context: context).culprit.description
    }
    #expect(try culprit(5, units: 8) == "dataset.preprocessing[1].polynomial")
    #expect(try culprit(2, units: 100_000) == "model.layers[1].units")
  }

  /// An mlp of one one-unit identity layer is the network a linreg is: full-batch gd trains both
  /// on the Gram matrix when the features are at least twice the rows, so both are sized alike.
  @Test func anMLPOfOneOneUnitLayerIsSizedAsTheLinregTheEngineTrainsAlike() throws {
    let weights = (0..<40).map { "\($0 % 3)" }.joined(separator: ", ")
    func estimate(_ model: String) throws -> MemoryEstimate {
      let text = """
        dataset: {generator: {type: linear, samples: 10, weights: [\(weights)]}}
        model: \(model)
        optimizer: {type: gd, iterations: 5}

        """
      let loaded = try SpecLoader.load(text: text, file: "spec.yaml")
      let context = try ProjectContext(
        specPath: "spec.yaml", environment: [:], resultsRoot: "/tmp")
      return MemoryEstimate.of(loaded, context: context)
    }
    let linreg = try estimate("{type: linreg}")
    let mlp = try estimate("{type: mlp, layers: [{units: 1, activation: identity}]}")
    #expect(mlp.activations == linreg.activations && mlp.needed == linreg.needed)
  }

  /// A generator's classes count (blobs: one per mean), not a default of 10: one-vs-one on 300
  /// blobs trains 44 850 pairs (it was estimated as 45, 78 MB for a run measured past 250 MB),
  /// each a binary model of one output, whose scores are one vote and confidence per class.
  @Test func oneVsOneCountsTheGeneratorsClasses() throws {
    let means = (0..<300).map { "[\($0 % 20), \($0 / 20)]" }.joined(separator: ", ")
    let sizes = Array(repeating: "20", count: 300).joined(separator: ", ")
    let text = """
      dataset:
        generator: {type: blobs, means: [\(means)], sizes: [\(sizes)]}
        split: {train: 0.6, test: 0.4}
      model: {type: logreg, multiclass: ovo}
      optimizer: {type: sgd, batch_size: 16, epochs: 1}

      """
    let loaded = try SpecLoader.load(text: text, file: "spec.yaml")
    let context = try ProjectContext(specPath: "spec.yaml", environment: [:], resultsRoot: "/tmp")
    let estimate = MemoryEstimate.of(loaded, context: context)
    // P = (2 + 1)·44 850; parameters, gradients, a copy and sgd's one vector, in float64.
    #expect(estimate.model == Double(4 * 3 * 44_850 * 8))
    // Targets and class indices are per row and class (2·N·300·8 + 16·N), not per pair.
    #expect(estimate.data < 200e6)
  }
}

/// The refusal's example `RUNNER_MEMORY_LIMIT` is one the run would fit in.
@Suite struct MemoryAdviceTests {
  @Test func theExampleLimitHoldsWhatTheRunNeedsTimesTheJobsSharingIt() {
    let gb = 1_073_741_824.0
    let budget = MemoryBudget(limit: 23.1 * gb, source: "available memory")
    let alone = ExperimentRunner.advice(
      for: "model.layers[0].units", budget: budget, needed: 89.3 * gb)
    #expect(
      alone
        == "use fewer units in this layer, or raise the limit with RUNNER_MEMORY_LIMIT "
        + "(e.g. RUNNER_MEMORY_LIMIT=90G) if the memory is there")
    let shared = ExperimentRunner.advice(
      for: "dataset.generator.samples", budget: budget.shared(among: 2), needed: 11 * gb)
    #expect(
      shared
        == "generate fewer samples, run fewer sweep jobs at once (--jobs), or raise the limit "
        + "with RUNNER_MEMORY_LIMIT (e.g. RUNNER_MEMORY_LIMIT=22G) if the memory is there")
  }
}
