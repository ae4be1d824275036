import Foundation
import Testing

/// What a new learner ran into on the built binary (session 10): each test failed before its fix.
@Suite(.serialized)
struct NewUserBinaryTests {
  @Test func aMissingSpecNamesTheSpecMeant() throws {
    for (typed, meant) in [
      ("cat", "experiments/cat.yaml"), ("experiments/cat", "experiments/cat.yaml"),
      ("experiments/cat.yml", "experiments/cat.yaml"),
      ("experiments/ct.yaml", "experiments/cat.yaml"),
    ] {
      let result = try SweepBinary.run(["validate", typed], in: SweepBinary.root)
      #expect(result.status == 66, "\(result.error)")
      #expect(
        result.error.contains(
          "error: cannot read spec '\(typed)': no such file; did you mean '\(meant)'?"),
        "\(result.error)")
    }
    let unknown = try SweepBinary.run(["validate", "nothing-like-it.yaml"], in: SweepBinary.root)
    #expect(unknown.error.contains("no such file\n") || unknown.error.hasSuffix("no such file"))
  }

  @Test func aSpecOutsideEveryProjectIsToldWhyBundledDataIsNotFound() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("homework.yaml")
    try "dataset: {name: iris}\nmodel: {type: logreg}\nloss: cross_entropy\n"
      .write(to: spec, atomically: true, encoding: .utf8)
    let result = try SweepBinary.run(
      ["validate", spec.path], environment: ["XDG_CACHE_HOME": root.path], in: SweepBinary.root)
    #expect(result.status == 66, "\(result.error)")
    #expect(
      result.error.contains(
        "help: no runner.yaml in \(root.standardizedFileURL.path) or above it, so no project's `data_path` was searched"
      ), "\(result.error)")
    // Inside the project the hint is not given.
    let inside = try SweepBinary.run(
      ["validate", SweepBinary.root.appendingPathComponent("experiments/cat.yaml").path],
      environment: ["XDG_CACHE_HOME": root.path, "RUNNER_DATASET_MIRRORS": ""])
    #expect(!inside.error.contains("no runner.yaml"), "\(inside.error)")
  }

  @Test func theFinalTableShowsTheGapsAndWhatToTryNext() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("smallest.yaml")
    try "dataset: {generator: moons, split: {train: 0.8, test: 0.2}}\nmodel: {type: logreg}\n"
      .write(to: spec, atomically: true, encoding: .utf8)
    let result = try SweepBinary.run(
      ["run", spec.path, "--results-dir", root.appendingPathComponent("results").path])
    #expect(result.status == 0, "\(result.error)")
    #expect(
      result.output.contains(
        "  bias/variance   high bias: avoidable bias 0.225 (train − base error 0, too low if the classes overlap: see report.bias_variance.base_error), variance -0.075 (test − train error)\n  try next        train longer (the training loss was still falling): raise `optimizer.epochs` from 100 to 200\n                  a faster optimizer, Adam: set `optimizer.type: adam`, `optimizer.learning_rate: 0.01` and `optimizer.batch_size: 80` (the full batch gd takes), keeping the rest of `optimizer`\n                  a bigger model, a network with a hidden layer:"
      ), "\(result.output)")
  }

  /// With more than two classes the final table names the macro means as the report does,
  /// whatever the metrics list (tester K4: only a run with confusion_matrix said so).
  @Test func theFinalTableNamesAManyClassRunsMacroMeans() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("blobs.yaml")
    try """
    dataset: {generator: {type: blobs, means: [[0, 0], [4, 4], [0, 4]]}, split: {train: 0.8, test: 0.2}}
    model: {type: logreg, multiclass: softmax}
    loss: cross_entropy
    metrics: [accuracy, precision, f1]
    """.write(to: spec, atomically: true, encoding: .utf8)
    let result = try SweepBinary.run(
      ["run", spec.path, "--results-dir", root.appendingPathComponent("results").path])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("  test_precision (macro)  "), "\(result.output)")
    #expect(result.output.contains("  test_f1 (macro)  "), "\(result.output)")
    #expect(!result.output.contains("accuracy (macro)"), "\(result.output)")
  }

  @Test func aDivergenceNamesWhereTheLearningRateWasSet() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("lr10.yaml")
    try """
    dataset: {generator: {type: linear, samples: 50, weights: [5], bias: 7}}
    model: {type: linreg}
    loss: mse
    optimizer: {type: gd, learning_rate: 10, iterations: 100}

    """.write(to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results").path
    let run = try SweepBinary.run(["run", spec.path, "--results-dir", results])
    #expect(run.status == 1, "\(run.error)")
    #expect(
      run.error.contains(
        "help: lower `optimizer.learning_rate` (set at \(spec.path):4; or add a schedule)"),
      "\(run.error)")
    let override = try SweepBinary.run([
      "run", spec.path, "--results-dir", results, "--set", "optimizer.learning_rate=20",
    ])
    #expect(
      override.error.contains("(set at --set optimizer.learning_rate=20; or add a schedule)"),
      "\(override.error)")
    // A spec that already has a schedule is not told to add one.
    let scheduled = try SweepBinary.run([
      "run", spec.path, "--results-dir", results, "--set", "optimizer.schedule=exponential",
    ])
    #expect(scheduled.status == 1, "\(scheduled.error)")
    #expect(
      scheduled.error.contains("help: lower `optimizer.learning_rate` (set at \(spec.path):4);"),
      "\(scheduled.error)")
  }

  @Test func dataShowOfAMistypedDatasetNameSuggestsTheNamedOne() throws {
    let result = try SweepBinary.run(["data", "show", "irs"], in: SweepBinary.root)
    #expect(result.status == 66, "\(result.error)")
    #expect(
      result.error.contains("help: 'irs' is no named dataset either; did you mean 'iris'?"),
      "\(result.error)")
  }
}
