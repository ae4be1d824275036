import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// A folder holding both layouts of saved parameters, one network's (`layer1_…`) and the
/// binary models' of one-vs-rest or one-vs-one (`classC_…`, `pairA-B_…`), is read in the
/// spec's layout, as torch's strict load takes the names to read from the model: the arrays of
/// the other layout are "unexpected", never a file of the spec's model said to be missing
/// (tester AM1: an ovr folder with a stray `layer1_weights.npy` was told `layer1_bias.npy is
/// missing`).
@Suite struct InitFromStrayLayoutTests {
  /// A three-class logreg of `multiclass`, or an mlp (`multiclass` nil); its `model.init.from`
  /// line 6 when `from` is given.
  static func spec(_ name: String, multiclass: String?, from: URL? = nil) -> String {
    let model =
      multiclass.map {
        "  type: logreg\n  multiclass: \($0)\n" + ($0 == "softmax" ? "loss: cross_entropy\n" : "")
      }
      ?? "  type: mlp\n  layers: [{units: 4, activation: tanh}, {units: 3, activation: softmax}]\n"
    return """
      name: \(name)
      seed: 3
      dataset:
        generator: {type: blobs, means: [[0, 0], [3, 0], [0, 3]], sizes: [10, 10, 10]}
      model:
      \(from.map { "  init: {from: \($0.path)}\n" } ?? "")\(model)\
      optimizer: {type: gd, learning_rate: 0.1, iterations: 2}
      report: {plots: false}
      """
  }

  /// The params folder a run of `multiclass` saved (`spec`), copied for damaging.
  static func saved(_ multiclass: String?, in directory: URL) throws -> URL {
    let name = multiclass ?? "mlp"
    let source = try TestProject.writeSpec(
      spec(name, multiclass: multiclass), named: "\(name).yaml", in: directory)
    let outcome = try TestProject.run(
      source, resultsRoot: directory.appendingPathComponent("results"))
    let copy = directory.appendingPathComponent("\(name)-params")
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: outcome.directory).appendingPathComponent("params"), to: copy)
    return copy
  }

  /// The refusal of the spec of `multiclass` starting from `folder` (exit 65 at
  /// `model.init.from`), by the check `runner validate` and `runner run` share; nil when it
  /// starts.
  static func refusal(_ multiclass: String?, from folder: URL, in directory: URL) throws
    -> String?
  {
    let path = try TestProject.writeSpec(
      spec("warm", multiclass: multiclass, from: folder), named: "warm.yaml", in: directory)
    let loaded = try SpecLoader.load(file: path)
    do throws(PipelineError) {
      try ExperimentRunner.checkInitParameters(loaded)
      return nil
    } catch {
      #expect(error.exitCode == .dataError, "\(error)")
      let message = error.description
      #expect(message.hasPrefix("\(path):6:16: error: saved parameters: "), "\(message)")
      return message
    }
  }

  /// Copies `file` of `folder` to `name` beside it.
  static func stray(_ name: String, copying file: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.copyItem(at: folder.appendingPathComponent(file), to: url)
    return url
  }

  @Test func aPlainArrayInAOneVsRestFolderIsUnexpected() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let saved = try Self.saved("ovr", in: directory)
    #expect(try Self.refusal("ovr", from: saved, in: directory) == nil)
    let weights = try Self.stray(
      "layer1_weights.npy", copying: "class0_layer1_weights.npy", in: saved)
    let message = try #require(try Self.refusal("ovr", from: saved, in: directory))
    #expect(
      message.contains(
        "unexpected array \(weights.path): the spec's model has no array of that name"),
      "\(message)")
    #expect(!message.contains("is missing"), "\(message)")
  }

  @Test func aWholePlainNetworkInAOneVsOneFolderIsUnexpected() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let saved = try Self.saved("ovo", in: directory)
    #expect(try Self.refusal("ovo", from: saved, in: directory) == nil)
    let weights = try Self.stray(
      "layer1_weights.npy", copying: "pair0-1_layer1_weights.npy", in: saved)
    let alone = try #require(try Self.refusal("ovo", from: saved, in: directory))
    #expect(alone.contains("unexpected array \(weights.path): "), "\(alone)")
    // A whole plain layer beside the pairs: both its files are the strays, not the pairs'.
    let bias = try Self.stray("layer1_bias.npy", copying: "pair0-1_layer1_bias.npy", in: saved)
    let both = try #require(try Self.refusal("ovo", from: saved, in: directory))
    #expect(
      both.contains(
        "unexpected arrays \(bias.path), \(weights.path): the spec's model has no array of "
          + "those names"), "\(both)")
  }

  /// The mirror cases: a binary model's array beside one network (softmax logreg, mlp).
  @Test(arguments: ["softmax", nil] as [String?])
  func aBinaryModelsArrayBesideOneNetworkIsUnexpected(multiclass: String?) throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let saved = try Self.saved(multiclass, in: directory)
    #expect(try Self.refusal(multiclass, from: saved, in: directory) == nil)
    let weights = try Self.stray(
      "class0_layer1_weights.npy", copying: "layer1_weights.npy", in: saved)
    let message = try #require(try Self.refusal(multiclass, from: saved, in: directory))
    #expect(
      message.contains(
        "unexpected array \(weights.path): the spec's model has no array of that name"),
      "\(message)")
  }

  /// The files a start from the folder is recorded with (`data_files.csv`) are those of the
  /// spec's layout.
  @Test func theRecordedFilesAreThoseOfTheSpecsLayout() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let saved = try Self.saved("ovr", in: directory)
    _ = try Self.stray("layer1_weights.npy", copying: "class0_layer1_weights.npy", in: saved)
    _ = try Self.stray("layer1_bias.npy", copying: "class0_layer1_bias.npy", in: saved)
    let path = try TestProject.writeSpec(
      Self.spec("warm", multiclass: "ovr", from: saved), named: "warm.yaml", in: directory)
    let files = SavedParameters.initFiles(
      for: try SpecLoader.load(file: path).spec, specFile: path
    ).map { URL(fileURLWithPath: $0.path).lastPathComponent }
    #expect(files.count == 6 && files.allSatisfy { $0.hasPrefix("class") }, "\(files)")
  }
}
