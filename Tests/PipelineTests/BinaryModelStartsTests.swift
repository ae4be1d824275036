import Conventions
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// A one-vs-rest or one-vs-one logreg starts each binary model from its own values, as
/// scikit-learn's warm start takes a one-vs-rest model's `coef_` (one row per class): explicit
/// weights with one column per binary model, or `init.from` such a run's folder.
@Suite struct BinaryModelStartsTests {
  /// Three classes of two features; `model` and `optimizer` are the spec's.
  static func spec(name: String, model: String, optimizer: String) -> String {
    """
    name: \(name)
    dataset:
      generator: {type: blobs, means: [[0, 0], [2, 0], [0, 2]], sizes: [15, 15, 15], seed: 3}
    model: \(model)
    loss: binary_cross_entropy
    optimizer: \(optimizer)
    report: {plots: false}
    """
  }

  /// An explicit start of `columns` (one row per feature) and `bias`.
  static func explicit(_ multiclass: String, _ columns: [[Double]], _ bias: [Double]) -> String {
    "{type: logreg, multiclass: \(multiclass), init: {type: explicit, weights: \(columns), "
      + "bias: \(bias)}}"
  }

  /// The bytes of `metrics.csv` and of every saved array of the run in `directory`, by name.
  static func results(_ directory: String) throws -> [String: Data] {
    let params = directory + "/params"
    var files = [
      "metrics.csv": try Data(contentsOf: URL(fileURLWithPath: directory + "/metrics.csv"))
    ]
    for name in try FileManager.default.contentsOfDirectory(atPath: params) {
      files[name] = try Data(contentsOf: URL(fileURLWithPath: params + "/" + name))
    }
    return files
  }

  /// The networks a run in `directory` saved, read as `init.from` reads them.
  static func saved(_ directory: String, in folder: URL) throws -> SavedNetworks {
    let spec = try TestProject.writeSpec(
      spec(
        name: "reader", model: "{type: logreg, multiclass: ovr, init: {from: \(directory)}}",
        optimizer: "{type: gd, iterations: 0}"), named: "reader.yaml", in: folder)
    let loaded = try SpecLoader.load(file: spec)
    return try #require(try SavedParameters.savedNetworks(for: loaded.spec, specFile: spec))
  }

  /// k columns all equal to one column run exactly as that one column (every binary model
  /// starts from it either way): the same bytes in metrics.csv and params/.
  @Test(arguments: [("ovr", 3), ("ovo", 3)])
  func identicalColumnsRunAsTheirOneColumn(_ multiclass: String, _ models: Int) throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let results = directory.appendingPathComponent("results")
    let column = [0.3, -0.2]
    let optimizer = "{type: gd, learning_rate: 0.5, iterations: 7}"
    let one = try TestProject.run(
      TestProject.writeSpec(
        Self.spec(
          name: "one", model: Self.explicit(multiclass, column.map { [$0] }, [0.1]),
          optimizer: optimizer), named: "one.yaml", in: directory), resultsRoot: results)
    let many = try TestProject.run(
      TestProject.writeSpec(
        Self.spec(
          name: "many",
          model: Self.explicit(
            multiclass, column.map { Array(repeating: $0, count: models) },
            Array(repeating: 0.1, count: models)), optimizer: optimizer),
        named: "many.yaml", in: directory), resultsRoot: results)
    let (a, b) = (try Self.results(one.directory), try Self.results(many.directory))
    #expect(a.count == 1 + 2 * models)
    #expect(a == b)
  }

  /// One column per binary model starts each from its own: with no update the saved networks
  /// are the columns in the strategy's order (class 0 vs rest, …; pairs (0, 1), (0, 2), (1, 2)),
  /// and trained they differ from a run whose models all start from the first column.
  @Test(arguments: ["ovr", "ovo"])
  func aColumnPerBinaryModelStartsEachModel(_ multiclass: String) throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let results = directory.appendingPathComponent("results")
    let weights = [[0.3, -0.5, 0.7], [-0.2, 0.4, 0.9]]
    let bias = [0.1, -0.3, 0.25]
    let start = try TestProject.run(
      TestProject.writeSpec(
        Self.spec(
          name: "start", model: Self.explicit(multiclass, weights, bias),
          optimizer: "{type: gd, iterations: 0}"), named: "start.yaml", in: directory),
      resultsRoot: results)
    let saved = try Self.saved(start.directory, in: directory)
    #expect(saved.strategy?.rawValue == multiclass)
    #expect(
      saved.networks
        == (0..<3).map { m in [ExplicitLayer(weights: weights.map { [$0[m]] }, bias: [bias[m]])] })

    let optimizer = "{type: gd, learning_rate: 0.5, iterations: 7}"
    let own = try TestProject.run(
      TestProject.writeSpec(
        Self.spec(
          name: "own", model: Self.explicit(multiclass, weights, bias), optimizer: optimizer),
        named: "own.yaml", in: directory), resultsRoot: results)
    let shared = try TestProject.run(
      TestProject.writeSpec(
        Self.spec(
          name: "shared",
          model: Self.explicit(multiclass, weights.map { [$0[0]] }, [bias[0]]),
          optimizer: optimizer), named: "shared.yaml", in: directory), resultsRoot: results)
    let (a, b) = (try Self.results(own.directory), try Self.results(shared.directory))
    #expect(a.keys == b.keys)
    #expect(a["metrics.csv"] != b["metrics.csv"])
    // Class 0's model (ovr) or the pair (0, 1)'s (ovo) starts the same in both: the others differ.
    let prefixes =
      multiclass == "ovr"
      ? (0..<3).map(ParameterFiles.oneVsRest)
      : Multiclass.pairs(classes: 3).map { ParameterFiles.oneVsOne($0, $1) }
    let differing = prefixes.filter {
      a[ParameterFiles.weights($0, layer: 1)] != b[ParameterFiles.weights($0, layer: 1)]
    }
    #expect(differing == Array(prefixes.dropFirst()))
  }

  /// A converged L-BFGS run of one-vs-rest or one-vs-one, started again from its own folder
  /// with the same spec, is converged at its start: no update, the same parameters.
  @Test(arguments: ["ovr", "ovo"])
  func aConvergedRunRestartedFromItsOwnModelsStopsAtOnce(_ multiclass: String) throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let results = directory.appendingPathComponent("results")
    let optimizer = "{type: lbfgs, iterations: 200}"
    let model = "{type: logreg, multiclass: \(multiclass)}"
    let first = try TestProject.run(
      TestProject.writeSpec(
        Self.spec(name: "first", model: model, optimizer: optimizer), named: "first.yaml",
        in: directory), resultsRoot: results)
    let converged = try TestProject.row(first.directory, "summary.csv")
    #expect(converged["stop_reason"]?.hasPrefix("converged at iteration") == true)
    #expect(Int(converged["iterations"] ?? "") ?? 0 > 1)
    let again = try TestProject.run(
      TestProject.writeSpec(
        Self.spec(
          name: "again",
          model: "{type: logreg, multiclass: \(multiclass), init: {from: \(first.directory)}}",
          optimizer: optimizer), named: "again.yaml", in: directory), resultsRoot: results)
    let restarted = try TestProject.row(again.directory, "summary.csv")
    #expect(restarted["stop_reason"] == "converged at iteration 0")
    #expect(restarted["iterations"] == "0")
    let (a, b) = (try Self.results(first.directory), try Self.results(again.directory))
    #expect(a.keys == b.keys)
    #expect(a.filter { $0.key != "metrics.csv" } == b.filter { $0.key != "metrics.csv" })
  }

  /// A one-vs-rest folder starts no model of another strategy (before the data, at the key, by
  /// `run` and `validate`'s check alike), nor one on other classes or features (from the data).
  @Test func binaryModelsOfAnotherStrategyClassesOrFeaturesAreRefused() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let results = directory.appendingPathComponent("results")
    let first = try TestProject.run(
      TestProject.writeSpec(
        Self.spec(
          name: "first", model: "{type: logreg, multiclass: ovr}",
          optimizer: "{type: gd, iterations: 2}"), named: "first.yaml", in: directory),
      resultsRoot: results)
    let from = "init: {from: \(first.directory)}"
    let held =
      "saved parameters: '\(first.directory)' holds the 3 binary models of a one-vs-rest "
      + "logreg on 3 classes"
    let cases: [(name: String, text: String, message: String)] = [
      (
        "ovo",
        Self.spec(
          name: "ovo", model: "{type: logreg, multiclass: ovo, \(from)}",
          optimizer: "{type: gd, iterations: 2}"),
        "\(held); the spec's model is a one-vs-one logreg"
      ),
      (
        "softmax",
        Self.spec(
          name: "softmax", model: "{type: logreg, \(from)}", optimizer: "{type: gd, iterations: 2}"
        ).replacingOccurrences(of: "binary_cross_entropy", with: "cross_entropy"),
        "\(held); the spec's model is a softmax logreg"
      ),
      (
        "classes",
        Self.spec(
          name: "classes", model: "{type: logreg, multiclass: ovr, \(from)}",
          optimizer: "{type: gd, iterations: 2}"
        ).replacingOccurrences(
          of: "[[0, 0], [2, 0], [0, 2]], sizes: [15, 15, 15]",
          with: "[[0, 0], [2, 0], [0, 2], [2, 2]], sizes: [9, 9, 9, 9]"),
        "\(held); the data has 4 classes"
      ),
      (
        "features",
        Self.spec(
          name: "features", model: "{type: logreg, multiclass: ovr, \(from)}",
          optimizer: "{type: gd, iterations: 2}"
        ).replacingOccurrences(
          of: "[[0, 0], [2, 0], [0, 2]]", with: "[[0, 0, 0], [2, 0, 0], [0, 2, 1]]"),
        "\(held): class 0 vs rest holds weights 2×1 (inputs×outputs, one per layer); the model "
          + "needs 3×1"
      ),
    ]
    for c in cases {
      let spec = try TestProject.writeSpec(c.text, named: "\(c.name).yaml", in: directory)
      let error = #expect(throws: PipelineError.self, "\(c.name)") {
        _ = try TestProject.run(spec, resultsRoot: results)
      }
      #expect(error?.exitCode == .dataError, "\(c.name)")
      #expect(
        error?.description.hasPrefix(
          "\(spec):4:"
            + (c.name == "softmax" ? "36" : "53") + ": error: \(c.message)\n") == true,
        "\(c.name): \(String(describing: error))")
      // `runner validate` refuses it with the same words (before the data, or from it).
      let checked = #expect(throws: PipelineError.self, "\(c.name)") {
        let loaded = try ExperimentRunner.load(specPath: spec)
        try ExperimentRunner.checkInitParameters(loaded)
        try TestProject.checkData(spec, in: results)
      }
      #expect(checked?.description == error?.description, "\(c.name)")
    }
    #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("ovo").path))
  }

  /// Explicit columns of a file's classes are checked against the data's: neither one column
  /// nor one per binary model is refused at the key, by `run` and `validate` alike.
  @Test func explicitColumnsOfAFilesClassesAreCheckedFromTheData() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let rows = (0..<12).map { i in "\(Double(i) / 4),\(Double(i % 5) / 2),\(i % 3)" }
    try (["a,b,y"] + rows).joined(separator: "\n").write(
      to: directory.appendingPathComponent("three.csv"), atomically: true, encoding: .utf8)
    let text = """
      name: columns
      dataset: {file: three.csv, target: y}
      model: {type: logreg, multiclass: ovo, init: {type: explicit, weights: [[1, 2], [3, 4]], bias: [0, 0]}}
      optimizer: {type: gd, iterations: 2}
      """
    let spec = try TestProject.writeSpec(text, in: directory)
    let results = directory.appendingPathComponent("results")
    let error = #expect(throws: PipelineError.self) {
      _ = try TestProject.run(spec, resultsRoot: results)
    }
    #expect(
      error?.description.hasPrefix(
        "\(spec):3:72: error: multiclass: ovo on the 3 classes in the data trains 3 binary "
          + "models; the weights have 2 columns\n") == true, "\(String(describing: error))")
    let checked = #expect(throws: PipelineError.self) {
      try TestProject.checkData(spec, in: results)
    }
    #expect(checked?.description == error?.description)
    // Three columns, one per pair, run.
    try text.replacingOccurrences(
      of: "[[1, 2], [3, 4]], bias: [0, 0]", with: "[[1, 2, 0], [3, 4, 0]], bias: [0, 0, 1]"
    )
    .write(toFile: spec, atomically: true, encoding: .utf8)
    _ = try TestProject.run(spec, resultsRoot: results)
  }
}
