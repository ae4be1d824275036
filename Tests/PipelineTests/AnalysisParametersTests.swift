import Datasets
import Engine
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// Saved parameters: `.npy` files that rebuild the same model, start a run (`init.from`) and
/// drive `runner predict`.
@Suite struct AnalysisParametersTests {
  init() throws { try BLAS.configure(threads: 1) }

  /// Three classes, two features, separable enough for every model kind.
  static func threeClasses(_ n: Int = 90) -> Examples<Double> {
    var generator = SeededGenerator(seed: 11)
    var x = Matrix<Double>(rows: n, cols: 2)
    var labels: [Int] = []
    for i in 0..<n {
      let label = i % 3
      x[i, 0] = generator.nextNormal() * 0.5 + Double(label)
      x[i, 1] = generator.nextNormal() * 0.5 - Double(label)
      labels.append(label)
    }
    return Examples(x: x, labels: labels)
  }

  static func configuration(_ model: ModelKind, _ loss: Engine.Loss) -> TrainingConfiguration {
    TrainingConfiguration(
      model: model, loss: loss, optimizer: .gd, learningRate: 0.1, budget: .iterations(20),
      initializer: .xavier, metrics: [], classes: loss.isClassification ? 3 : nil, seed: 3)
  }

  /// Saves `model` into a fresh folder and reads it back with the structure of `configuration`.
  func roundTrip<T: Scalar>(
    _ model: TrainedModel<T>, _ configuration: TrainingConfiguration, classes: Int?
  ) throws
    -> TrainedModel<T>
  {
    let directory = TestProject.temporaryDirectory("params")
    for file in SavedParameters.files(of: model) {
      try AtomicFile.write(Data(file.bytes), to: directory.appendingPathComponent(file.path))
    }
    return try SavedParameters.model(
      in: directory.appendingPathComponent(SavedParameters.folder),
      structure: ModelStructure(configuration, classes: classes))
  }

  @Test(arguments: [
    (ModelKind.logisticRegression(.softmax), Engine.Loss.crossEntropy),
    (.logisticRegression(.oneVsRest), .binaryCrossEntropy),
    (.logisticRegression(.oneVsOne), .binaryCrossEntropy),
    (.mlp(layers: [LayerSpec(5, .tanh), LayerSpec(3, .softmax)]), .crossEntropy),
  ])
  func classifiersRoundTripExactly(model: ModelKind, loss: Engine.Loss) throws {
    let c = Self.configuration(model, loss)
    let trained: TrainingResult<Double> = try Trainer.train(c, train: Self.threeClasses())
    #expect(try roundTrip(trained.model, c, classes: 3) == trained.model)
  }

  /// A dropout + batch-norm network saves γ, β and the running statistics, and the model read
  /// back predicts (running statistics, no dropout) exactly as training evaluated it.
  @Test func batchNormModelPredictsAsTrainingEvaluatedIt() throws {
    var hidden = LayerSpec(6, .relu)
    hidden.dropout = 0.3
    hidden.normalization = .batchNorm
    var c = Self.configuration(.mlp(layers: [hidden, LayerSpec(3, .softmax)]), .crossEntropy)
    c.optimizer = .adam()
    c.batchSize = 16
    let data = Self.threeClasses()
    let trained: TrainingResult<Double> = try Trainer.train(c, train: data)
    let loaded = try roundTrip(trained.model, c, classes: 3)
    #expect(loaded == trained.model)
    #expect(
      SavedParameters.files(of: loaded).map(\.path).contains("params/layer1_bn_running_var.npy"))
    let scores = try loaded.scores(data.x, classes: 3)
    let loss =
      (0..<data.count).map { -Foundation.log(scores[$0, data.labels[$0]]) }.reduce(0, +)
      / Double(data.count)
    #expect(abs(loss - (try #require(trained.final)).train.loss) <= 1e-12)
  }

  @Test func regressionAndBinaryModelsRoundTripInFloat32() throws {
    let data = Self.threeClasses()
    let x = data.x.converted(to: Float.self)
    let binary = Examples(x: x, labels: data.labels.map { $0 == 0 ? 0 : 1 })
    var c = Self.configuration(.logisticRegression(.binary), .binaryCrossEntropy)
    c.classes = 2
    let logistic: TrainingResult<Float> = try Trainer.train(c, train: binary)
    #expect(try roundTrip(logistic.model, c, classes: 2) == logistic.model)

    let regression = Examples(
      x: x, y: Matrix(rows: x.rows, cols: 1, storage: data.labels.map { Float($0) }))
    let m = Self.configuration(.mlp(layers: [LayerSpec(4, .relu), LayerSpec(1, .identity)]), .mse)
    let mlp: TrainingResult<Float> = try Trainer.train(m, train: regression)
    #expect(try roundTrip(mlp.model, m, classes: nil) == mlp.model)
  }

  /// The files are plain numpy arrays: weights `(inputs, outputs)`, biases `(outputs,)`.
  @Test func filesAreNumpyArraysOfTheRunDtype() throws {
    let c = Self.configuration(.logisticRegression(.oneVsRest), .binaryCrossEntropy)
    let trained: TrainingResult<Double> = try Trainer.train(c, train: Self.threeClasses())
    let files = SavedParameters.files(of: trained.model)
    #expect(
      files.map(\.path)
        == (0..<3).flatMap {
          ["params/class\($0)_layer1_weights.npy", "params/class\($0)_layer1_bias.npy"]
        })
    let weights = try NPYFile.parse(
      files[0].bytes.withUnsafeBytes { UnsafeRawBufferPointer($0) }, origin: "test")
    #expect(weights.shape == [2, 1] && weights.elementType == .float64)
  }

  /// `init: {from: DIR}` becomes explicit initial values equal to the saved network, and
  /// training 0 iterations from them gives back the same model.
  @Test func initFromReadsTheSavedNetwork() throws {
    let directory = TestProject.temporaryDirectory()
    let c = Self.configuration(
      .mlp(layers: [LayerSpec(5, .tanh), LayerSpec(3, .softmax)]), .crossEntropy)
    let data = Self.threeClasses()
    let trained: TrainingResult<Double> = try Trainer.train(c, train: data)
    for file in SavedParameters.files(of: trained.model) {
      try AtomicFile.write(
        Data(file.bytes),
        to: directory.appendingPathComponent("run").appendingPathComponent(file.path))
    }
    let spec = try TestProject.writeSpec(
      """
      name: from_saved
      dataset: {generator: {type: blobs, means: [[0, 0], [3, 3]], covariances: [[[1, 0], [0, 1]], [[1, 0], [0, 1]]], sizes: [10, 10]}}
      model: {type: mlp, layers: [{units: 5, activation: tanh}, {units: 3, activation: softmax}], init: {from: run/params}}
      loss: cross_entropy
      optimizer: {type: gd, learning_rate: 0.1, iterations: 10}
      metrics: [accuracy]
      """, in: directory)
    let loaded = try SpecLoader.load(file: spec)
    let initializer = try #require(
      try SavedParameters.savedNetworks(for: loaded.spec, specFile: spec).map(
        Initializer.init(starting:)))
    var restart = c
    restart.initializer = initializer
    restart.budget = .iterations(0)
    let again: TrainingResult<Double> = try Trainer.train(restart, train: data)
    #expect(again.model == trained.model)
  }

  @Test("a missing params folder names each place looked in once (spec beside the cwd)")
  func missingParametersFolderListsEachPlaceOnce() {
    let cwd = FileManager.default.currentDirectoryPath
    do {
      _ = try SavedParameters.locate("nowhere/params", specFile: cwd + "/x.yaml")
      Issue.record("expected an error")
    } catch {
      guard case .parameters(let message) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      let path = URL(fileURLWithPath: cwd).appendingPathComponent("nowhere/params")
        .standardizedFileURL.path
      #expect(message.components(separatedBy: path).count == 2, "\(message)")
    }
  }

  /// A one-vs-one folder that lacks a pair's network is refused naming the missing file (its
  /// classes are counted from class 0's pairs): every binary model starts from its own arrays.
  @Test func aOneVsOneFolderWithoutAPairsNetworkIsRefusedNamingIt() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let params = directory.appendingPathComponent("run/params")
    for pair in ["pair0-1_", "pair0-2_"] {
      try AtomicFile.write(
        Data(NPYFile.encode(try NDArray(shape: [2, 1], storage: .float64([0.5, -0.5])))),
        to: params.appendingPathComponent(ParameterFiles.weights(pair, layer: 1)))
      try AtomicFile.write(
        Data(NPYFile.encode(try NDArray(shape: [1], storage: .float64([0.1])))),
        to: params.appendingPathComponent(ParameterFiles.bias(pair, layer: 1)))
    }
    let spec = try TestProject.writeSpec(
      """
      name: from_ovo
      dataset: {generator: {type: blobs, means: [[0, 0], [3, 0], [0, 3]], sizes: [5, 5, 5]}}
      model: {type: logreg, multiclass: ovo, init: {from: run/params}}
      """, in: directory)
    let loaded = try SpecLoader.load(file: spec)
    let error = #expect(throws: AnalysisError.self) {
      try SavedParameters.savedNetworks(for: loaded.spec, specFile: spec)
    }
    #expect(
      error?.description.hasSuffix(
        "\(params.path) holds the binary models of a one-vs-one run on 3 classes but no "
          + "pair1-2_layer1_weights.npy") == true, "\(String(describing: error))")
  }

  @Test func missingOrMalformedParametersAreTypedErrors() throws {
    let directory = TestProject.temporaryDirectory()
    #expect(throws: AnalysisError.self) {
      try SavedParameters.locate("nowhere/params", specFile: directory.path + "/x.yaml")
    }
    let params = directory.appendingPathComponent("params")
    try FileManager.default.createDirectory(at: params, withIntermediateDirectories: true)
    try AtomicFile.write(
      Data("not an npy file".utf8), to: params.appendingPathComponent("layer1_weights.npy"))
    let structure = ModelStructure(components: .single, activations: [.identity])
    #expect(throws: AnalysisError.self) {
      let _: TrainedModel<Double> = try SavedParameters.model(in: params, structure: structure)
    }
    let empty = TestProject.temporaryDirectory("empty")
    #expect(throws: AnalysisError.self) {
      let _: TrainedModel<Double> = try SavedParameters.model(in: empty, structure: structure)
    }
  }

  /// `runner predict`: a saved one-vs-rest iris model predicts the iris table (its feature
  /// columns; the target column is ignored) with probabilities that sum to 1.
  @Test func predictWritesLabelsAndProbabilities() throws {
    let directory = TestProject.temporaryDirectory()
    let iris = AnalysisSupport.bundledDataset("iris.csv")
    let spec = try TestProject.writeSpec(
      """
      name: iris_saved
      seed: 2
      dataset:
        file: \(iris)
        target: target
        classes: [setosa, versicolor, virginica]
        split: {train: 0.8, test: 0.2}
        preprocessing: [standardize]
      model: {type: logreg, multiclass: ovr}
      loss: binary_cross_entropy
      optimizer: {type: lbfgs, iterations: 100}
      metrics: [accuracy]
      report: {plots: false}
      """, in: directory)
    let outcome = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"))
    let table = try Predictor.predict(
      PredictionRequest(specPath: spec, parameters: outcome.directory + "/params", data: iris))
    #expect(
      table.header == [
        "row", "label", "class", "probability_setosa", "probability_versicolor",
        "probability_virginica",
      ])
    #expect(table.rows.count == 150)
    let truth = try Datasets.DataTable.read(iris).rows.map { Int(Double($0[4])!) }
    let labels = table.rows.map { Int($0[1])! }
    let correct = zip(labels, truth).filter { $0 == $1 }.count
    #expect(correct >= 135, "\(correct) of 150")
    for row in table.rows {
      let sum = row[3...].compactMap(Double.init).reduce(0, +)
      #expect(abs(sum - 1) < 1e-12)
    }
    #expect(throws: PipelineError.self) {
      try Predictor.predict(
        PredictionRequest(
          specPath: spec, parameters: outcome.directory + "/params", data: "missing.csv"))
    }
  }

  /// A run with `init: {from: …/params}` starts where the saved run ended: with a negligible
  /// learning rate its loss is the saved run's final loss.
  @Test func runStartsFromSavedParameters() throws {
    let directory = TestProject.temporaryDirectory()
    let spec = """
      name: saved_start
      seed: 4
      dataset:
        generator: {type: moons, samples: 100, noise: 0.2}
        split: {train: 0.7, test: 0.3}
      model: {type: mlp, layers: [{units: 6, activation: tanh}, {units: 1, activation: sigmoid}], init: xavier}
      loss: binary_cross_entropy
      optimizer: {type: gd, learning_rate: 0.5, iterations: 200}
      metrics: [accuracy]
      report: {plots: false}
      """
    let first = try TestProject.run(
      TestProject.writeSpec(spec, in: directory),
      resultsRoot: directory.appendingPathComponent("results"))
    let resumed = try TestProject.run(
      TestProject.writeSpec(spec, named: "again.yaml", in: directory),
      resultsRoot: directory.appendingPathComponent("again"),
      overrides: [
        "model.init={from: \(first.directory)/params}", "optimizer.learning_rate=1e-12",
        "optimizer.iterations=1",
      ])
    let before = try #require(
      TestProject.numbers(try TestProject.table(first.directory, "summary.csv"), "train_loss").first
    )
    let after = try #require(
      TestProject.numbers(try TestProject.table(resumed.directory, "summary.csv"), "train_loss")
        .first)
    #expect(abs(after - before) < 1e-9, "\(after) vs \(before)")
    let fresh = try #require(
      TestProject.numbers(try TestProject.table(first.directory, "metrics.csv"), "train_loss").first
    )
    #expect(abs(fresh - before) > 0.01)
  }

  /// A spec that starts from its own results folder would start each rerun from the last one's
  /// weights (other numbers every time) and replace what it read: refused before anything is
  /// written, at `init.from`; the same spec under `--set` writes elsewhere and runs.
  @Test func initFromTheRunsOwnFolderIsRefused() throws {
    let directory = TestProject.temporaryDirectory()
    let base = """
      name: warm
      dataset: {generator: {type: moons, samples: 40, noise: 0.2}, split: {train: 0.5, test: 0.5}}
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: gd, learning_rate: 0.5, iterations: 5}
      report: {plots: false}
      """
    let results = directory.appendingPathComponent("results")
    let first = try TestProject.run(
      TestProject.writeSpec(base, in: directory), resultsRoot: results)
    let before = try TestProject.table(first.directory, "summary.csv")
    let spec = try TestProject.writeSpec(
      base.replacingOccurrences(
        of: "{type: logreg}", with: "{type: logreg, init: {from: results/warm/params}}"),
      named: "again.yaml", in: directory)
    do {
      _ = try TestProject.run(spec, resultsRoot: results)
      Issue.record("a run that starts from its own folder should be refused")
    } catch {
      #expect(error.exitCode == .dataError)
      #expect(
        error.description.contains(
          "again.yaml:3:36: error: model.init.from reads this run's own results folder"),
        "\(error.description)")
    }
    #expect(try TestProject.table(first.directory, "summary.csv") == before)
    let elsewhere = try TestProject.run(
      spec, resultsRoot: results, overrides: ["optimizer.iterations=1"])
    #expect(elsewhere.directory.lastPathComponent == "warm@optimizer.iterations=1")
  }
}
