import Conventions
import Datasets
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// `model.init.from` reads a folder as torch's `load_state_dict(strict=True)` reads a state
/// dict: an array the model has but the folder lacks is "missing", one the model has no place
/// for is "unexpected"; impossible values (a negative running variance), empty arrays and
/// links that lead nowhere are named for what they are. Each is refused at the key (exit 65,
/// the file named) before the data is read; every folder a run saved still starts a run.
@Suite struct InitFromStrictTests {
  static let spec = """
    name: bn
    seed: 3
    dataset: {generator: {type: moons, samples: 40, noise: 0.2}, split: {train: 0.5, test: 0.5}}
    model:
      type: mlp
      layers:
        - {units: 4, activation: relu, normalization: batch_norm}
        - {units: 1, activation: sigmoid}
    loss: binary_cross_entropy
    optimizer: {type: adam, learning_rate: 0.05, batch_size: 8, epochs: 2}
    report: {plots: false}
    """

  /// A copy of the params folder of `spec` run into `directory/results`, for damaging; and the
  /// folder itself.
  static func savedRun(_ text: String, in directory: URL, name: String) throws -> URL {
    let source = try TestProject.writeSpec(text, named: "\(name).yaml", in: directory)
    let outcome = try TestProject.run(
      source, resultsRoot: directory.appendingPathComponent("results"))
    let copy = directory.appendingPathComponent("\(name)-copy")
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: outcome.directory).appendingPathComponent("params"), to: copy)
    return copy
  }

  /// The refusal of `text` (its `model.init` set to `from: folder`) by the check `runner
  /// validate` and `runner run` share: exit 65 at `model.init.from`, its message.
  static func refusal(_ text: String, from folder: URL, in directory: URL) throws -> String {
    let spec = try TestProject.writeSpec(
      text.replacingOccurrences(of: "name: bn", with: "name: warm").replacingOccurrences(
        of: "  type: mlp\n", with: "  type: mlp\n  init: {from: \(folder.path)}\n"),
      named: "warm.yaml", in: directory)
    let loaded = try SpecLoader.load(file: spec)
    let error = #expect(throws: PipelineError.self) {
      try ExperimentRunner.checkInitParameters(loaded)
    }
    #expect(error?.exitCode == .dataError, "\(String(describing: error))")
    let message = error?.description ?? ""
    #expect(message.hasPrefix("\(spec):6:16: error: saved parameters: "), "\(message)")
    return message
  }

  static func write(_ values: [Double], shape: [Int], to url: URL) throws {
    try? FileManager.default.removeItem(at: url)
    try AtomicFile.write(
      Data(NPYFile.encode(try NDArray(shape: shape, storage: .float64(values)))), to: url)
  }

  /// The folder a run saved starts the same model; without γ (or β, or all four arrays) it is
  /// refused as missing them, naming each file.
  @Test func aNormalizedLayerNeedsAllFourArrays() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let saved = try Self.savedRun(Self.spec, in: directory, name: "bn")
    let warm = try TestProject.writeSpec(
      Self.spec.replacingOccurrences(
        of: "  type: mlp\n", with: "  type: mlp\n  init: {from: \(saved.path)}\n"),
      named: "whole.yaml", in: directory)
    _ = try TestProject.run(warm, resultsRoot: directory.appendingPathComponent("warm"))

    let gamma = saved.appendingPathComponent("layer1_bn_weight.npy")
    let kept = try Data(contentsOf: gamma)
    try FileManager.default.removeItem(at: gamma)
    let withoutGamma = try Self.refusal(Self.spec, from: saved, in: directory)
    #expect(
      withoutGamma.contains(
        "missing array \(gamma.path): the spec's layer 1 is batch-normalized, and a run of it "
          + "saves its γ, β, running mean and variance"), "\(withoutGamma)")
    #expect(withoutGamma.contains("note: give the folder as the run saved it"), "\(withoutGamma)")

    for name in SavedParameters.normalizationArrays.dropFirst() {
      try FileManager.default.removeItem(at: saved.appendingPathComponent("layer1_\(name).npy"))
    }
    let none = try Self.refusal(Self.spec, from: saved, in: directory)
    let all = SavedParameters.normalizationArrays.map {
      saved.appendingPathComponent("layer1_\($0).npy").path
    }
    #expect(
      none.contains("missing arrays \(all.joined(separator: ", ")): the spec's layer 1"), "\(none)")
    #expect(none.contains("note: give the parameters of a run whose layer 1 is batch-normalized"))
    try kept.write(to: gamma)
  }

  /// A negative running variance is refused as NaN and infinite values are (no run saves one;
  /// it would make every evaluation NaN), naming the file and the value.
  @Test func aNegativeRunningVarianceIsRefused() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let saved = try Self.savedRun(Self.spec, in: directory, name: "bn")
    let variance = saved.appendingPathComponent("layer1_bn_running_var.npy")
    try Self.write([0.5, 0, -1, 2], shape: [4], to: variance)
    let text = try Self.refusal(Self.spec, from: saved, in: directory)
    #expect(
      text.contains("\(variance.path) holds a negative running variance (-1.0 at index 2)"),
      "\(text)")
    #expect(text.contains("note: give the folder a run saved"), "\(text)")
    // A zero variance is a variance (eps keeps the division finite): accepted.
    try Self.write([0.5, 0, 1, 2], shape: [4], to: variance)
    let warm = try TestProject.writeSpec(
      Self.spec.replacingOccurrences(
        of: "  type: mlp\n", with: "  type: mlp\n  init: {from: \(saved.path)}\n"),
      named: "zero.yaml", in: directory)
    try ExperimentRunner.checkInitParameters(try SpecLoader.load(file: warm))
  }

  /// An array the model has no place for is refused as unexpected: a lone running mean beside
  /// a layer without normalization, a stray `.npy` of any name.
  @Test func anArrayTheModelHasNoPlaceForIsRefused() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let plain = Self.spec.replacingOccurrences(of: ", normalization: batch_norm", with: "")
    let saved = try Self.savedRun(plain, in: directory, name: "plain")
    let mean = saved.appendingPathComponent("layer1_bn_running_mean.npy")
    try Self.write([0, 0, 0, 0], shape: [4], to: mean)
    let lone = try Self.refusal(plain, from: saved, in: directory)
    #expect(
      lone.contains(
        "unexpected array \(mean.path): the spec's layer 1 has no normalization, so it has no "
          + "place for it"), "\(lone)")
    try FileManager.default.removeItem(at: mean)

    let stray = saved.appendingPathComponent("layer2_extra.npy")
    try Self.write([1], shape: [1], to: stray)
    let other = try Self.refusal(plain, from: saved, in: directory)
    #expect(
      other.contains("unexpected array \(stray.path): the spec's model has no array of that name"),
      "\(other)")
  }

  /// A link that leads nowhere is named as one (not as no file); an empty weights array is
  /// said by its shape, not read as a layer of 0 outputs.
  @Test func brokenLinksAndEmptyArraysAreNamedForWhatTheyAre() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let plain = Self.spec.replacingOccurrences(of: ", normalization: batch_norm", with: "")
    let saved = try Self.savedRun(plain, in: directory, name: "plain")
    let weights = saved.appendingPathComponent("layer1_weights.npy")
    let kept = try Data(contentsOf: weights)
    try FileManager.default.removeItem(at: weights)

    try FileManager.default.createSymbolicLink(
      atPath: weights.path, withDestinationPath: "layer1_weights.npy")
    let loop = try Self.refusal(plain, from: saved, in: directory)
    #expect(loop.contains("\(weights.path) is a symbolic link loop"), "\(loop)")
    #expect(loop.contains("note: fix the link so that it points at the saved array"), "\(loop)")

    try FileManager.default.removeItem(at: weights)
    let nowhere = directory.appendingPathComponent("gone/x.npy").path
    try FileManager.default.createSymbolicLink(atPath: weights.path, withDestinationPath: nowhere)
    let dangling = try Self.refusal(plain, from: saved, in: directory)
    #expect(
      dangling.contains(
        "\(weights.path) is a broken symbolic link (to \(nowhere), which does not exist)"),
      "\(dangling)")

    let run = directory.appendingPathComponent("run")
    try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: run.appendingPathComponent("params").path, withDestinationPath: "params")
    let params = try Self.refusal(plain, from: run, in: directory)
    #expect(params.contains("\(run.path)/params is a symbolic link loop"), "\(params)")

    try FileManager.default.removeItem(at: weights)
    try Self.write([], shape: [0, 4], to: weights)
    let empty = try Self.refusal(plain, from: saved, in: directory)
    #expect(empty.contains("\(weights.path) has shape (0, 4): an empty array"), "\(empty)")
    try FileManager.default.removeItem(at: weights)
    try kept.write(to: weights)
  }
}
