import Foundation
import Testing

/// `model.init.from` whose saved parameters do not fit the model (a 2-layer mlp's for a logreg,
/// another input width after preprocessing, batch-norm values for a layer without) is refused
/// by `runner validate` as by `runner run`, at the key and before anything trains (validate
/// passed them; run printed "training for …", then blamed "explicit weights" the user never
/// wrote); a run's `spec.resolved.yaml` with a relative `init.from` runs again as it is.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct InitFromParityBinaryTests {
  /// A folder with `points.csv` (two features, three classes) and the run `src` of `source`.
  static func project(_ source: String, label: String = #function) throws -> URL {
    let dir = try ValidateDataTests.project(source, label: label)
    try FileManager.default.moveItem(
      at: dir.appendingPathComponent("spec.yaml"), to: dir.appendingPathComponent("src.yaml"))
    let r = try SweepBinary.run(
      [
        "run", dir.appendingPathComponent("src.yaml").path, "--results-dir",
        dir.appendingPathComponent("results").path,
      ],
      environment: ValidateDataTests.environment(dir))
    #expect(r.status == 0, "\(r.error)")
    return dir
  }

  static let mlp = ValidateDataTests.fitting(split: "{train: 0.75, dev: 0.25}")

  @Test(arguments: [
    // A 2-layer mlp's parameters for a one-layer softmax logreg.
    (
      mlp, "model: {type: logreg, multiclass: softmax, init: {from: results/src}}",
      "saved parameters: 'results/src' holds weights 2×4, 4×3 (inputs×outputs, one per layer); "
        + "the model needs 2×3"
    ),
    // The same mlp on 5 features after preprocessing.
    (
      mlp, "model:\n  type: mlp\n  init: {from: results/src}",
      "saved parameters: 'results/src' holds weights 2×4, 4×3 (inputs×outputs, one per layer); "
        + "the model needs 5×4, 4×3"
    ),
    // Batch-norm values for a layer the model does not normalize.
    (
      mlp.replacingOccurrences(
        of: "{units: 4, activation: relu}",
        with: "{units: 4, activation: relu, normalization: batch_norm}"),
      "model:\n  type: mlp\n  init: {from: results/src}",
      "saved parameters: 'results/src' holds batch-normalization values for layer 1; the "
        + "model's layer 1 has no normalization"
    ),
  ])
  func savedParametersThatDoNotFitAreRefusedByValidateAndRunAlike(
    source: String, model: String, message: String
  ) throws {
    let dir = try Self.project(source)
    var target = Self.mlp.replacingOccurrences(of: "model:\n  type: mlp", with: model)
    if model.hasPrefix("model: {type: logreg") {
      target =
        "dataset: {file: points.csv, target: label}\n\(model)\nloss: cross_entropy\n"
        + "optimizer: {type: lbfgs, iterations: 5}\n"
    } else if message.contains("5×4") {
      target = target.replacingOccurrences(
        of: "  target: label\n", with: "  target: label\n  preprocessing: [{polynomial: 2}]\n")
    }
    let spec = dir.appendingPathComponent("spec.yaml")
    try target.write(to: spec, atomically: true, encoding: .utf8)
    let line =
      target.split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.contains("from: results/src") }.map { $0 + 1 } ?? 0
    for command in ["validate", "run"] {
      let r = try SweepBinary.run(
        [command, spec.path, "--results-dir", dir.appendingPathComponent("out").path],
        environment: ValidateDataTests.environment(dir))
      #expect(r.status == 65, "\(command): \(r.status) \(r.error)")
      #expect(r.error.contains("\(spec.path):\(line):"), "\(command): \(r.error)")
      #expect(r.error.contains("error: \(message)"), "\(command): \(r.error)")
      #expect(!r.error.contains("explicit weights"), "\(command): \(r.error)")
      #expect(!(r.output + r.error).contains("training for"), "\(command): \(r.error)")
    }
  }

  /// The resolved spec of a run whose spec (in a subfolder) starts from a folder relative to
  /// it runs again from the run's folder, with byte-identical parameters (it looked for the
  /// folder from the run's folder, exit 66).
  @Test func aResolvedSpecWithARelativeInitFromRunsAgain() throws {
    let dir = try Self.project(Self.mlp)
    let sub = dir.appendingPathComponent("sub")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: dir.appendingPathComponent("points.csv"), to: sub.appendingPathComponent("points.csv"))
    let warm = Self.mlp.replacingOccurrences(
      of: "  type: mlp\n", with: "  type: mlp\n  init: {from: ../results/src}\n")
    try warm.write(to: sub.appendingPathComponent("warm.yaml"), atomically: true, encoding: .utf8)
    let first = dir.appendingPathComponent("first")
    let environment = ValidateDataTests.environment(dir)
    let r = try SweepBinary.run(
      ["run", "sub/warm.yaml", "--results-dir", first.path], environment: environment, in: dir)
    #expect(r.status == 0, "\(r.error)")
    let run = first.appendingPathComponent("warm")
    let again = dir.appendingPathComponent("again")
    let rerun = try SweepBinary.run(
      ["run", "spec.resolved.yaml", "--results-dir", again.path], environment: environment,
      in: run)
    #expect(rerun.status == 0, "\(rerun.error)")
    for file in ["params/layer1_weights.npy", "params/layer2_bias.npy", "metrics.csv"] {
      let a = try Data(contentsOf: run.appendingPathComponent(file))
      let b = try Data(
        contentsOf: again.appendingPathComponent("warm").appendingPathComponent(file))
      #expect(a == b, "\(file)")
    }
  }
}
