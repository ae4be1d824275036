import Foundation
import Testing

/// The built `runner` binary as a user runs it: exit codes, where output goes, the shorthand.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct CLITests {
  static func spec(_ name: String) -> String {
    SweepBinary.root.appendingPathComponent("experiments").appendingPathComponent(name).path
  }

  @Test func shorthandRunsTheSpecAndPrintsWhereTheFilesWent() throws {
    let results = SweepBinary.temporaryDirectory()
    let r = try SweepBinary.run([Self.spec("gates-logreg.yaml"), "--results-dir", results.path])
    #expect(r.status == 0, "\(r.error)")
    #expect(r.output.contains("train_accuracy"))
    #expect(r.output.contains("results: \(results.path)/gates-logreg/"))
    #expect(r.error.contains("gates-logreg"))  // progress goes to stderr
    #expect(FileManager.default.fileExists(atPath: results.path + "/gates-logreg/summary.csv"))
  }

  @Test func badSpecExits65AndWritesNothing() throws {
    let dir = SweepBinary.temporaryDirectory()
    let text = try String(contentsOfFile: Self.spec("gates-logreg.yaml"), encoding: .utf8)
      .replacingOccurrences(of: "loss: binary_cross_entropy", with: "los: binary_cross_entropy")
    let spec = dir.appendingPathComponent("bad.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    let r = try SweepBinary.run([
      "run", spec.path, "--results-dir", dir.appendingPathComponent("results").path,
    ])
    #expect(r.status == 65)
    #expect(r.error.contains("bad.yaml:"))
    #expect(r.error.contains("unknown key 'los'"))
    #expect(r.output.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("results").path))
  }

  @Test func missingSpecExits66() throws {
    let r = try SweepBinary.run(["run", "/nonexistent/spec.yaml"])
    #expect(r.status == 66)
    #expect(r.error.contains("/nonexistent/spec.yaml"))
  }

  /// A dataset name the catalog does not have is a usage error, with the names that exist.
  @Test func fetchingAnUnknownDatasetIsAUsageError() throws {
    let r = try SweepBinary.run(["data", "fetch", "nosuch"])
    #expect(r.status == 64, "\(r.error)")
    #expect(r.error.contains("unknown dataset 'nosuch' (named datasets: catvnoncat, mnist"))
  }

  /// `--set key value` (a space for the `=`) names the override to write, not the value as an
  /// unexpected argument; a spec after it is still the spec.
  @Test func anOverrideWrittenWithASpaceGetsItsFix() throws {
    let spec = SweepBinary.root.appendingPathComponent("experiments/cat.yaml").path
    for arguments in [
      ["run", spec, "--set", "optimizer.learning_rate", "0.01"],
      ["validate", "--set", "optimizer.learning_rate", "0.01", spec],
    ] {
      let r = try SweepBinary.run(arguments)
      #expect(r.status == 64, "\(r.error)")
      #expect(
        r.error
          == "error: invalid --set 'optimizer.learning_rate': expected key.path=value; did you "
          + "mean `--set optimizer.learning_rate=0.01`? (the value goes after '=', with no space)\n"
      )
    }
    // A value with a space is quoted; a negative number is a value, not an option.
    let named = try SweepBinary.run(["run", spec, "--set", "description", "my run"])
    #expect(named.error.contains("did you mean `--set 'description=my run'`?"), "\(named.error)")
    let negative = try SweepBinary.run(["run", spec, "--set", "seed", "-1"])
    #expect(negative.error.contains("did you mean `--set seed=-1`?"), "\(negative.error)")
    // A command without --set keeps the parser's own error.
    let list = try SweepBinary.run(["data", "list", "--set", "a", "b"])
    #expect(list.status == 64)
    #expect(!list.error.contains("did you mean `--set"), "\(list.error)")
    let r = try SweepBinary.run(["validate", "--set", "optimizer.learning_rate", spec])
    #expect(r.status == 64)
    #expect(r.error.contains("expected key.path=value, e.g. --set optimizer.learning_rate=0.01"))
  }

  /// An override written as Hydra writes it (`key=value`, `+key=value`, `~key` after the spec)
  /// is named with the `--set` command line to type, for `runner run`, `runner SPEC` and
  /// `runner sweep`; nothing runs (tester BM's nit: "Unexpected argument" alone).
  @Test func aHydraStyleOverrideGetsTheSetCommandLine() throws {
    let spec = SweepBinary.root.appendingPathComponent("experiments/cat.yaml").path
    let run = try SweepBinary.run(["run", spec, "optimizer.epochs=3", "--strict"])
    #expect(run.status == 64, "\(run.error)")
    #expect(
      run.error.contains(
        "'optimizer.epochs=3' is not an argument of this command: a spec value is overridden "
          + "with --set, as in: "),
      "\(run.error)")
    #expect(run.error.contains(" run \(spec) --strict --set optimizer.epochs=3\n"), "\(run.error)")
    let shorthand = try SweepBinary.run([spec, "+seed=2", "~model.init"])
    #expect(shorthand.status == 64)
    #expect(shorthand.error.contains(" \(spec) --set seed=2 --set '~model.init'\n"))
    let sweep = try SweepBinary.run(["sweep", spec, "--set", "seed=1", "other.yaml"])
    #expect(sweep.status == 64)
    #expect(
      sweep.error.contains(
        "Unexpected argument 'other.yaml': the command takes one spec; values are changed with "
          + "--set key.path=value"), "\(sweep.error)")
  }

  /// The `--set` line is one that runs: placed before a `--`, and an unknown option beside the
  /// override is named first (tester BO-5); `runner validate` names an override it cannot
  /// read as a spec the same way, not as a missing file (BO-11).
  @Test func theSetCommandLineIsOneThatRuns() throws {
    let spec = SweepBinary.root.appendingPathComponent("experiments/cat.yaml").path
    let dashes = try SweepBinary.run(["run", spec, "--", "x=1"])
    #expect(dashes.status == 64)
    #expect(dashes.error.contains(" run \(spec) --set x=1 --\n"), "\(dashes.error)")
    let before = try SweepBinary.run(["run", "--", spec, "x=1"])
    #expect(before.error.contains(" run --set x=1 -- \(spec)\n"), "\(before.error)")
    let unknown = try SweepBinary.run(["run", spec, "--quiet", "x=1"])
    #expect(unknown.status == 64)
    #expect(unknown.error.contains("Unknown option '--quiet'"), "\(unknown.error)")
    #expect(!unknown.error.contains("--set x=1"), "\(unknown.error)")
    let validate = try SweepBinary.run(["validate", spec, "optimizer.epochs=2"])
    #expect(validate.status == 64, "\(validate.error)")
    #expect(
      validate.error.contains(" validate \(spec) --set optimizer.epochs=2\n"), "\(validate.error)")
    // A spec declaring `sweep:` gets the sweep's line at once (`run` would name it next).
    let grid = SweepBinary.root.appendingPathComponent("experiments/moons-mlp-grid-sweep.yaml").path
    for command in [["run"], []] {
      let r = try SweepBinary.run(command + [grid, "optimizer.epochs=2", "--results-dir", "r"])
      #expect(r.status == 64, "\(r.error)")
      #expect(
        r.error.contains(" sweep \(grid) --results-dir r --set optimizer.epochs=2\n"), "\(r.error)")
    }
  }

  /// `runner ls` reads the project's `runner.yaml` for its results folder: a broken one is
  /// refused (65, located), as every command that reads it does, not passed over.
  @Test func lsRefusesABrokenProjectConfig() throws {
    let dir = SweepBinary.temporaryDirectory()
    try "bogus: 1\n".write(
      to: dir.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    let r = try SweepBinary.run(["ls"], in: dir)
    #expect(r.status == 65, "\(r.error)")
    #expect(r.error.contains("runner.yaml:1:1: error: unknown key 'bogus'"), "\(r.error)")
  }

  @Test func malformedOverrideIsAUsageError() throws {
    let r = try SweepBinary.run([
      "run", Self.spec("gates-logreg.yaml"), "--set", "optimizer.learning_rate",
    ])
    #expect(r.status == 64)
    #expect(r.error.contains("optimizer.learning_rate"))
  }

  /// `runner validate` refuses a `model.init.from` folder as `runner run` does before
  /// training: missing (66) or without saved arrays (65), at the key.
  @Test func validateRefusesABadInitFolderAtItsKey() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = dir.appendingPathComponent("spec.yaml").path
    for (folder, status) in [("nowhere", Int32(66)), (".", 65)] {
      try """
      name: cold
      dataset: {generator: {type: moons, samples: 40}}
      model: {type: logreg, init: {from: \(dir.appendingPathComponent(folder).path)}}
      """.write(toFile: spec, atomically: true, encoding: .utf8)
      let r = try SweepBinary.run(["validate", spec])
      #expect(r.status == status, "\(r.error)")
      #expect(r.error.hasPrefix("\(spec):3:36: error: saved parameters: "), "\(r.error)")
    }
  }

  @Test func everyExperimentValidates() throws {
    let dir = SweepBinary.root.appendingPathComponent("experiments")
    let specs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.hasSuffix(".yaml")
    }.sorted()
    #expect(specs.count >= 20)
    let r = try SweepBinary.run(["validate"] + specs.map { dir.appendingPathComponent($0).path })
    #expect(r.status == 0, "\(r.error)")
  }

  @Test func gradcheckPassesOnAnMLP() throws {
    let r = try SweepBinary.run(["gradcheck", Self.spec("xor-mlp-sigmoid.yaml")])
    #expect(r.status == 0, "\(r.output)\(r.error)")
    #expect(r.output.contains("ok: every entry within"))
    // Every entry of the small net is checked: no sampling note.
    #expect(r.output.hasPrefix("layer  parameters  checked  kinks"))
    #expect(r.output.contains("\n1      12          12    "), "\(r.output)")
    #expect(!r.output.contains("evenly spaced"))
  }

  /// A layer larger than the check's sample says so, with its parameter count beside it.
  @Test func gradcheckSaysWhatItSampled() throws {
    let r = try SweepBinary.run(["gradcheck", Self.spec("digits-mlp-adamw.yaml")])
    #expect(r.status == 0, "\(r.output)\(r.error)")
    #expect(r.output.contains("\n1      4160        256      0 "), "\(r.output)")
    #expect(
      r.output.contains(
        "\nnote: a layer with more parameters than it checks is checked at evenly spaced entries"))
    #expect(r.output.contains("\nnote: the loss is computed on 256 of the 1257 training rows"))
  }

  /// Dropout is off for the check and batch normalization uses the rows' own statistics: a
  /// student checking a dropout network is told its masks were not checked.
  @Test func gradcheckSaysDropoutIsOff() throws {
    let plain = try SweepBinary.run(["gradcheck", Self.spec("xor-mlp-sigmoid.yaml")])
    #expect(!plain.output.contains("note: dropout") && !plain.output.contains("batch normal"))
    let r = try SweepBinary.run([
      "gradcheck", Self.spec("xor-mlp-sigmoid.yaml"), "--set", "model.layers[0].dropout=0.2",
      "--set", "model.layers[0].normalization=batch_norm",
    ])
    #expect(r.status == 0, "\(r.output)\(r.error)")
    #expect(
      r.output.contains(
        "\nnote: dropout is off for the check (its masks are random), as with keep_prob 1"),
      "\(r.output)")
    #expect(r.output.contains("\nnote: batch normalization uses the checked rows' own mean"))
  }

  /// L1 is part of the checked objective (by its subgradient), and the output says how.
  @Test func gradcheckChecksL1() throws {
    let plain = try SweepBinary.run(["gradcheck", Self.spec("xor-mlp-sigmoid.yaml")])
    #expect(!plain.output.contains("L1"))
    let r = try SweepBinary.run([
      "gradcheck", Self.spec("xor-mlp-sigmoid.yaml"), "--set", "regularization.l1=5",
    ])
    #expect(r.status == 0, "\(r.output)\(r.error)")
    #expect(
      r.output.contains(
        "\nnote: L1 is checked by its subgradient l1·sign(w) (sign(0) = 0, as torch's autograd)"),
      "\(r.output)")
    // The penalty changes the checked gradient: the layers' figures are not l1 = 0's.
    let table = { (output: String) in output.split(separator: "\n").prefix(3) }
    #expect(table(r.output) != table(plain.output), "\(r.output)")
  }
}
