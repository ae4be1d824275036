import Foundation
import Specs
import Testing

@testable import Pipeline

/// Saved float64 values read under `dtype: float32` by `runner predict --params` are checked
/// as `model.init.from` checks them (one check, `SavedParameters.checkValues`): one
/// beyond float32's range is refused, naming its file and index. Nonzero values below
/// float32's smallest become 0, as torch's `.float()` and numpy's `astype` make them: both
/// paths say so in a note naming the array and the count, and neither refuses.
@Suite struct SavedValuesFloat32Tests {
  static let spec = """
    name: small
    dtype: float32
    dataset: {file: train.csv, features: [x1, x2], target: y}
    model:
      type: mlp
      layers: [{units: 3, activation: tanh}, {units: 1, activation: identity}]
    loss: mse
    optimizer: {type: gd, iterations: 2}
    report: {plots: false}
    """

  /// A float32 run of `spec` in `directory`: the spec's path and its params/ folder.
  static func savedRun(in directory: URL, spec text: String = spec) throws -> (String, URL) {
    try "x1,x2,y\n1.0,0.5,0.2\n2,0,1\n0,-1,0.5\n-1,1,0\n".write(
      to: directory.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(text, in: directory)
    let outcome = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"))
    return (spec, URL(fileURLWithPath: outcome.directory).appendingPathComponent("params"))
  }

  static func predict(_ spec: String, _ params: URL, in directory: URL) throws -> (
    table: String, notes: [String]
  ) {
    var notes: [String] = []
    let table = try Predictor.predict(
      PredictionRequest(
        specPath: spec, parameters: params.path,
        data: directory.appendingPathComponent("train.csv").path),
      note: { notes.append($0) })
    return (table.rendered, notes)
  }

  @Test func predictRefusesAValueBeyondFloat32sRange() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (spec, params) = try Self.savedRun(in: directory)
    let weights = params.appendingPathComponent("layer1_weights.npy")
    // 2 inputs × 3 units; 1e300 at [1, 2] becomes inf in float32.
    try InitFromStrictTests.write([0.5, 0.1, -0.25, 0.3, 0.75, 1e300], shape: [2, 3], to: weights)
    let error = #expect(throws: PipelineError.self) {
      try Self.predict(spec, params, in: directory)
    }
    let text = error?.description ?? ""
    #expect(
      text.contains(
        "\(weights.path) holds 1e+300 at [1, 2], beyond float32's range: float32 holds at most "
          + "±\(Float.greatestFiniteMagnitude), so the model (dtype: float32) would predict "
          + "from an infinite value"), "\(text)")
    #expect(text.contains("give the parameters a float32 run saved (its params/)"), "\(text)")
  }

  @Test func valuesBelowFloat32sSmallestAreReadAsZeroWithANote() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (spec, params) = try Self.savedRun(in: directory)
    let weights = params.appendingPathComponent("layer1_weights.npy")
    let tiny = [0.5, 1e-50, -0.25, -1e-46, 0.75, 0.1]
    try InitFromStrictTests.write(tiny, shape: [2, 3], to: weights)
    let (table, notes) = try Self.predict(spec, params, in: directory)
    let note =
      "\(weights.path) holds 2 nonzero values too small for float32 (its smallest is "
      + "\(Float.leastNonzeroMagnitude)), read as 0 under dtype: float32"
    #expect(notes.filter { $0.contains("too small") } == ["note: " + note], "\(notes)")
    // They are zeros: the same predictions as from zeros written.
    try InitFromStrictTests.write(
      tiny.map { abs($0) < 1e-45 ? 0 : $0 }, shape: [2, 3], to: weights)
    let zeros = try Self.predict(spec, params, in: directory)
    #expect(zeros.table == table)
    #expect(!zeros.notes.contains { $0.contains("too small") }, "\(zeros.notes)")

    // model.init.from: the same note, at the key, for validate and run alike; not a refusal.
    try InitFromStrictTests.write(tiny, shape: [2, 3], to: weights)
    let warm = try TestProject.writeSpec(
      Self.spec.replacingOccurrences(of: "name: small", with: "name: warm")
        .replacingOccurrences(
          of: "  type: mlp\n", with: "  type: mlp\n  init: {from: \(params.path)}\n"),
      named: "warm.yaml", in: directory)
    let loaded = try SpecLoader.load(file: warm)
    let start = ExperimentRunner.initParameters(loaded)
    #expect(start.refusal == nil)
    let notesAtKey = start.warnings.filter { $0.severity == .note }
    #expect(notesAtKey.map(\.message) == [note])
    #expect(notesAtKey.first?.location == loaded.sourceMap.location(of: "model.init.from"))
    // float64 holds them: no note.
    let plain = try SpecLoader.load(
      text: String(contentsOfFile: warm, encoding: .utf8).replacingOccurrences(
        of: "dtype: float32\n", with: ""), file: warm)
    #expect(ExperimentRunner.initParameters(plain).warnings.filter { $0.severity == .note }.isEmpty)
  }
}
