import Conventions
import Engine
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// `runner predict` predicts as the model was trained: a spec that differs from the run's
/// `spec.resolved.yaml` on anything predictions depend on is refused, naming the keys; the run's
/// own resolved spec (or its folder) predicts with the data the run found.
@Suite struct PredictTrainedSpecTests {
  init() throws { try BLAS.configure(threads: 1) }

  /// A Kaggle-like table (a header with a space), the spec of the user's case and new rows.
  static func project() throws -> (directory: URL, spec: String, data: String) {
    let directory = TestProject.temporaryDirectory()
    var csv = "Age,Fare Paid,Survived\n"
    for i in 0..<20 {
      let (age, fare) = (18 + (i * 7) % 45, Double(5 + (i * 13) % 60) + 0.25 * Double(i))
      csv += "\(age),\(fare),\((fare > 30) != (i % 5 == 0) ? 1 : 0)\n"
    }
    try csv.write(
      to: directory.appendingPathComponent("kaggle.csv"), atomically: true, encoding: .utf8)
    try "Age,Fare Paid\n22,7.25\n38,71.28\n".write(
      to: directory.appendingPathComponent("new.csv"), atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      """
      dataset:
        file: kaggle.csv
        target: Survived
        features: [Age, Fare Paid]
        split: {train: 0.8, test: 0.2}
      model: {type: logreg}
      optimizer: {type: gd, epochs: 50}
      report: {plots: false}

      """, named: "k4.yaml", in: directory)
    return (directory, spec, directory.appendingPathComponent("new.csv").path)
  }

  static let standardize = ["output=k4s", "dataset.preprocessing=[standardize]"]

  /// What the run trained with `--set dataset.preprocessing=[standardize]` predicted before the
  /// check existed, given that `--set`.
  static let expected = """
    row,label,class,probability_0,probability_1
    0,0,0,0.515576923765277,0.4844230762347231
    1,1,1,0.4171391763171395,0.5828608236828605

    """

  static func request(_ spec: String, _ params: String, _ data: String, set: [String] = [])
    -> PredictionRequest
  {
    var options = RunOptions()
    options.spec.overrides = set
    options.environment["RUNNER_DATA_PATH"] = nil
    return PredictionRequest(specPath: spec, parameters: params, data: data, options: options)
  }

  /// The user's case: trained with `--set dataset.preprocessing=[standardize]`, predicted with
  /// the spec alone: refused (exit 65) naming the key, both values and what to do; with the same
  /// `--set`, the same bytes as before; from the run's resolved spec or its folder, the same.
  @Test func aSpecOtherThanTheRunsIsRefusedAndTheRunsOwnPredictsTheSameBytes() throws {
    let (directory, spec, data) = try Self.project()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"), overrides: Self.standardize)
    let params = outcome.directory + "/params"
    do {
      _ = try Predictor.predict(Self.request(spec, params, data))
      Issue.record("predicted with another spec's preprocessing")
    } catch {
      #expect(error.exitCode == .dataError)
      #expect(
        error.description
          == "error: \(spec) is not the spec the parameters in \(params) were trained with: "
          + "dataset.preprocessing: [standardize] in the run (\(outcome.directory)/"
          + "spec.resolved.yaml), [] here\nfix-it: predict with the --set options the run was "
          + "given, or from the run's resolved spec: runner predict \(outcome.directory)/"
          + "spec.resolved.yaml --params \(params) --data \(data)\n")
    }
    // The command to type repeats the user's other options, quoted for the shell.
    var asked = Self.request(spec, params, data)
    asked.features = "x"
    asked.otherOptions = ["-o", "p 2.csv", "--force"]
    #expect(throws: PipelineError.self) { try Predictor.predict(asked) }
    do { _ = try Predictor.predict(asked) } catch {
      #expect(
        error.description.hasSuffix("--data \(data) --features x -o 'p 2.csv' --force\n"),
        "\(error.description)")
    }
    var notes: [String] = []
    let same = try Predictor.predict(
      Self.request(spec, params, data, set: Self.standardize), note: { notes.append($0) })
    #expect(same.rendered == Self.expected)
    let resolved = outcome.directory + "/spec.resolved.yaml"
    #expect(try Predictor.predict(Self.request(resolved, params, data)).rendered == Self.expected)
    let folder = TrainedSpec.specFile(outcome.directory)
    #expect(folder == resolved)
    #expect(try Predictor.predict(Self.request(folder, params, data)).rendered == Self.expected)
    #expect(notes.isEmpty)
    // The run records the spec it was made from, whose folder its data paths were found from.
    let environment = try #require(
      RunEnvironment.read(from: URL(fileURLWithPath: outcome.directory)))
    #expect(
      environment[RunEnvironment.specFileKey] == URL(fileURLWithPath: spec).standardizedFileURL.path
    )
  }

  /// Training data edited since the run: standardize would be fitted on other rows, so predict
  /// refuses, naming the file and both digests (the run's `data_files.csv`); restored, it predicts
  /// the run's bytes again.
  @Test func trainingDataChangedSinceTheRunIsRefused() throws {
    let (directory, spec, data) = try Self.project()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"), overrides: Self.standardize)
    let params = outcome.directory + "/params"
    let file = directory.appendingPathComponent("kaggle.csv")
    let original = try String(contentsOf: file, encoding: .utf8)
    try original.replacingOccurrences(of: "\n18,", with: "\n81,").write(
      to: file, atomically: true, encoding: .utf8)
    let error = #expect(throws: PipelineError.self) {
      try Predictor.predict(Self.request(spec, params, data, set: Self.standardize))
    }
    let message = error?.description ?? ""
    #expect(
      message.hasPrefix("\(spec):2:9: error: kaggle.csv changed since the run in "), "\(message)")
    #expect(
      message.contains(
        "in data_files.csv): standardize would be fitted again on other rows than the run's, so "
          + "the predictions would not be its"), "\(message)")
    #expect(error?.exitCode == .dataError)
    try original.write(to: file, atomically: true, encoding: .utf8)
    #expect(
      try Predictor.predict(Self.request(spec, params, data, set: Self.standardize)).rendered
        == Self.expected)
    // A run without data_files.csv (an older runner's) predicts, with a note that the data could
    // not be checked.
    try FileManager.default.removeItem(atPath: outcome.directory + "/data_files.csv")
    var notes: [String] = []
    _ = try Predictor.predict(
      Self.request(spec, params, data, set: Self.standardize), note: { notes.append($0) })
    #expect(
      notes == [
        "note: no data_files.csv in \(outcome.directory) (a run of an older runner), so the data "
          + "could not be checked: predictions are right only if the training data is the run's, "
          + "since the preprocessing is fitted on it again"
      ])
  }

  /// A run's folder whose params/ is gone is refused for its missing parameters, not with a note
  /// that no spec.resolved.yaml lies beside it (it lies inside).
  @Test func aRunFolderWithoutParamsIsNamedSo() throws {
    let (directory, spec, data) = try Self.project()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"), overrides: Self.standardize)
    try FileManager.default.removeItem(atPath: outcome.directory + "/params")
    var notes: [String] = []
    let error = #expect(throws: PipelineError.self) {
      try Predictor.predict(
        Self.request(spec, outcome.directory, data, set: Self.standardize),
        note: { notes.append($0) })
    }
    #expect(
      error?.description.contains(
        "\(outcome.directory) is a run's folder without params/ (its parameters were not saved, "
          + "or were removed)") == true, "\(error?.description ?? "")")
    #expect(notes.isEmpty)
  }

  /// Columns in another order give other numbers: refused, with the key located in the spec.
  @Test func aReorderOfTheFeatureColumnsIsRefused() throws {
    let (directory, spec, data) = try Self.project()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"), overrides: Self.standardize)
    let params = outcome.directory + "/params"
    let text = try String(contentsOfFile: spec, encoding: .utf8)
    try text.replacingOccurrences(of: "[Age, Fare Paid]", with: "[Fare Paid, Age]")
      .write(toFile: spec, atomically: true, encoding: .utf8)
    let error = #expect(throws: PipelineError.self) {
      try Predictor.predict(Self.request(spec, params, data, set: Self.standardize))
    }
    let message = error?.description ?? ""
    #expect(
      message.hasPrefix("\(spec):4:13: error: \(spec) with its --set options is not the spec "),
      "\(message)")
    #expect(
      message.contains(
        ": dataset.features: [Age, Fare Paid] in the run (\(outcome.directory)/"
          + "spec.resolved.yaml), [Fare Paid, Age] here\n"), "\(message)")
  }

  /// A run folder without `spec.resolved.yaml` (an older runner's) predicts as before, with a
  /// note that the spec could not be checked.
  @Test func anOlderRunWithoutItsResolvedSpecPredictsWithANote() throws {
    let (directory, spec, data) = try Self.project()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"), overrides: Self.standardize)
    try FileManager.default.removeItem(atPath: outcome.directory + "/spec.resolved.yaml")
    let params = outcome.directory + "/params"
    var notes: [String] = []
    let table = try Predictor.predict(
      Self.request(spec, params, data, set: Self.standardize), note: { notes.append($0) })
    #expect(table.rendered == Self.expected)
    #expect(
      notes == [
        "note: no spec.resolved.yaml beside \(params) (a run of an older runner, or parameters "
          + "copied out of their run's folder), so the spec could not be checked: predictions "
          + "are right only if \(spec) with its --set options is the spec the run was trained "
          + "with"
      ])
  }

  static func spec(_ text: String) throws -> ExperimentSpec {
    try SpecLoader.load(text: text, file: "x.yaml").spec
  }

  /// What is compared: the data, its preprocessing, the model's shape, the loss, the dtype; not
  /// the optimizer, the initializer, dropout or the report, and the split only when a step is
  /// fitted on the training rows.
  @Test func onlyWhatPredictionsDependOnIsCompared() throws {
    let base = """
      dataset: {generator: {type: moons, samples: 40}, split: {train: 0.75, test: 0.25}}
      model: {type: mlp, layers: [{units: 4, activation: relu}, {units: 1, activation: sigmoid}]}
      loss: binary_cross_entropy
      optimizer: {type: adam, epochs: 2}

      """
    let run = try Self.spec(base)
    let inert = try Self.spec(
      base.replacingOccurrences(of: "adam, epochs: 2", with: "sgd, epochs: 9")
        .replacingOccurrences(of: "0.75, test: 0.25", with: "0.5, test: 0.5")
        .replacingOccurrences(of: "relu}", with: "relu, dropout: 0.5}")
        .replacingOccurrences(of: "type: mlp,", with: "type: mlp, init: {type: he},")
        + "report: {plots: false}\n")
    #expect(TrainedSpec.differences(run: run, here: inert) == [])
    let wider = try Self.spec(base.replacingOccurrences(of: "units: 4", with: "units: 8"))
    #expect(
      TrainedSpec.differences(run: run, here: wider) == [
        .init(path: "model.layers[0].units", run: "4", here: "8")
      ])
    let fitted = try Self.spec(
      base.replacingOccurrences(
        of: "test: 0.25}", with: "test: 0.25}, preprocessing: [standardize]"))
    let resplit = try Self.spec(
      base.replacingOccurrences(
        of: "0.75, test: 0.25}", with: "0.5, test: 0.5}, preprocessing: [standardize]"))
    #expect(
      TrainedSpec.differences(run: fitted, here: resplit).map(\.path) == [
        "dataset.split.train", "dataset.split.test",
      ])
    let float32 = try Self.spec(base + "dtype: float32\n")
    #expect(
      TrainedSpec.differences(run: run, here: float32) == [
        .init(path: "dtype", run: "float64", here: "float32")
      ])
  }
}
