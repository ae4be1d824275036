import Foundation
import Testing

/// What the QA pass found in the commands, on the built binary: `predict` never overwrites what
/// the runner did not write, missing inputs exit 66, malformed or missing options 64, a filter that cannot
/// hold says why, and a misspelt subcommand gets its suggestion.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct CommandFaultBinaryTests {
  /// A project with `points.csv`, `spec.yaml` and its run's results (`results/points`).
  static func trained(label: String = #function) throws -> (dir: URL, spec: String, params: String)
  {
    let dir = try InputFaultBinaryTests.project(
      ["spec.yaml": InputFaultBinaryTests.spec("points.csv")], label: label)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let results = dir.appendingPathComponent("results").path
    let run = try InputFaultBinaryTests.run(["run", spec, "--results-dir", results], in: dir)
    #expect(run.status == 0, "\(run.error)")
    return (dir, spec, results + "/points/params")
  }

  static func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

  /// A diverged run's parameters (what its last update left, kept for inspection) are refused
  /// with what to do, not turned into predictions of 1e22.
  @Test func predictRefusesADivergedRunsParameters() throws {
    let (dir, spec, params) = try Self.trained()
    let summary = URL(fileURLWithPath: params).deletingLastPathComponent()
      .appendingPathComponent("summary.csv")
    let reason =
      "training diverged at iteration 3: the loss became inf (try a smaller learning_rate)"
    let text = try #require(Self.text(summary.path))
    #expect(text.contains(",completed"))
    try text.replacingOccurrences(of: ",completed", with: "," + reason)
      .write(to: summary, atomically: true, encoding: .utf8)
    let output = dir.appendingPathComponent("predictions.csv").path
    let r = try InputFaultBinaryTests.run(
      [
        "predict", spec, "--params", params, "--data",
        dir.appendingPathComponent("points.csv").path,
        "-o", output,
      ], in: dir)
    #expect(r.status == 65)
    #expect(
      r.error
        == "\(spec): error: saved parameters: \(params) holds a diverged run's parameters "
        + "(\(summary.path): \(reason)), kept for inspection, not for predictions; rerun with a "
        + "lower optimizer.learning_rate and predict with that run's params/\n")
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  /// A params .npy cut short, or missing: the file named once, what is wrong, no predictions.
  @Test func predictNamesATruncatedOrMissingParametersFileOnce() throws {
    let (dir, spec, params) = try Self.trained()
    let weights = params + "/layer1_weights.npy"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: weights))
    try bytes.prefix(bytes.count - 4).write(to: URL(fileURLWithPath: weights))
    let output = dir.appendingPathComponent("predictions.csv").path
    let arguments = [
      "predict", spec, "--params", params, "--data",
      dir.appendingPathComponent("points.csv").path, "-o", output,
    ]
    let cut = try InputFaultBinaryTests.run(arguments, in: dir)
    #expect(cut.status == 65)
    #expect(
      cut.error.hasPrefix("\(spec): error: saved parameters: \(weights) (offset "), "\(cut.error)")
    #expect(cut.error.components(separatedBy: weights).count == 2, "\(cut.error)")
    #expect(cut.error.contains("truncated data"), "\(cut.error)")
    try FileManager.default.removeItem(atPath: weights)
    let missing = try InputFaultBinaryTests.run(arguments, in: dir)
    #expect(missing.status == 65)
    #expect(
      missing.error.contains(
        "\(params): found no layer1_weights.npy; the spec's model has 2 layers\n"),
      "\(missing.error)")
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func predictNeverOverwritesAnInputOrAFileItDidNotWrite() throws {
    let (dir, spec, params) = try Self.trained()
    let data = dir.appendingPathComponent("in.csv").path
    try FileManager.default.copyItem(
      atPath: dir.appendingPathComponent("points.csv").path, toPath: data)
    let original = Self.text(data)
    func predict(_ output: String, _ extra: [String] = []) throws -> SweepBinary.Result {
      try InputFaultBinaryTests.run(
        ["predict", spec, "--params", params, "--data", data, "-o", output] + extra, in: dir)
    }
    // Its own input, even with --force: refused, untouched.
    for extra in [[], ["--force"]] {
      let r = try predict(data, extra)
      #expect(r.status == 73)
      #expect(
        r.error
          == "error: -o \(data) is the --data file, an input of this command; refusing to "
          + "overwrite it (choose another -o)\n")
      #expect(Self.text(data) == original)
    }
    #expect(try predict(spec).error.contains("is the spec, an input"))
    let weights = try #require(
      try FileManager.default.contentsOfDirectory(atPath: params).first)
    #expect(try predict(params + "/" + weights, ["--force"]).status == 73)
    #expect(try predict(dir.path).status == 73)
    // A file the runner did not write: refused unless --force.
    let notes = dir.appendingPathComponent("notes.csv").path
    try "row,label,class\nmine,0,a\n".write(toFile: notes, atomically: true, encoding: .utf8)
    let refused = try predict(notes)
    #expect(refused.status == 73)
    #expect(
      refused.error
        == "error: -o \(notes) exists and is not a predictions file the runner wrote (or it was "
        + "changed since); refusing to overwrite it (choose another -o, move the file away, or "
        + "pass --force)\n")
    #expect(Self.text(notes) == "row,label,class\nmine,0,a\n")
    #expect(try predict(notes, ["--force"]).status == 0)
    #expect(Self.text(notes)?.hasPrefix("row,label,class,probability_0,probability_1\n0,") == true)
    // Its own predictions file: written, then replaced.
    let output = dir.appendingPathComponent("predictions.csv").path
    #expect(try predict(output).status == 0)
    let first = Self.text(output)
    #expect(first?.hasPrefix("row,label,class,probability_0,probability_1\n0,") == true)
    #expect(try predict(output).status == 0)
    #expect(Self.text(output) == first)
  }

  /// An output that cannot be created (a kernel pseudo-filesystem, a folder under a file) is
  /// 73, as any refused output; nothing is predicted into `/proc` or `/sys`.
  /// `runner predict` checks its memory before reading, as a run does: under a `ulimit -v` it
  /// read the data and then hung in OpenBLAS's retries of its buffer's mapping (tester BP-5),
  /// and it took no notice of RUNNER_MEMORY_LIMIT. A `--data` too big for the limit is refused
  /// (65) with what to do; the spec's own file predicts under the same limit.
  @Test func predictIsRefusedWhenItsDataWouldNotFitTheMemoryLimit() throws {
    let (dir, spec, params) = try Self.trained()
    let points = try #require(Self.text(dir.appendingPathComponent("points.csv").path))
    let lines = points.split(separator: "\n")
    let big = dir.appendingPathComponent("big.csv")
    try
      (([lines[0]] + Array(repeating: lines[1...], count: 4000).joined()).joined(separator: "\n")
      + "\n").write(to: big, atomically: true, encoding: .utf8)
    let environment = [
      "RUNNER_MEMORY_LIMIT": "66M", "XDG_CACHE_HOME": dir.appendingPathComponent("cache").path,
    ]
    func predict(_ data: String) throws -> SweepBinary.Result {
      try SweepBinary.run(
        ["predict", spec, "--params", params, "--data", data, "-o", data + ".predicted.csv"],
        environment: environment, in: dir, killAfter: 120)
    }
    let refused = try predict(big.path)
    #expect(!refused.killed && refused.status == 65, "\(refused.status) \(refused.error)")
    #expect(
      refused.error.contains("error: --data: predict needs about ")
        && refused.error.contains("limit (set by RUNNER_MEMORY_LIMIT)")
        && refused.error.contains("note: predict a part of --data at a time, or raise the limit"),
      "\(refused.error)")
    #expect(!FileManager.default.fileExists(atPath: big.path + ".predicted.csv"))
    let small = try predict(dir.appendingPathComponent("points.csv").path)
    #expect(small.status == 0, "\(small.error)")
  }

  @Test func predictIntoAPlaceThatTakesNoFileExits73() throws {
    let (dir, spec, params) = try Self.trained()
    let data = dir.appendingPathComponent("points.csv").path
    for output in ["/proc/p.csv", "/sys/p.csv", data + "/p.csv"] {
      let r = try InputFaultBinaryTests.run(
        ["predict", spec, "--params", params, "--data", data, "-o", output], in: dir)
      #expect(r.status == 73, "\(output): \(r.error)")
      #expect(r.error.hasPrefix("error:") && r.error.contains(output), "\(r.error)")
    }
  }

  /// A run folder whose `summary.csv` or `spec.resolved.yaml` is malformed: `ls` lists the runs
  /// and warns, naming the file (exit 65); `compare` refuses it (65), as `report` does.
  @Test func lsAndCompareSayWhenARunsFilesAreMalformed() throws {
    let (dir, _, _) = try Self.trained()
    let results = dir.appendingPathComponent("results")
    let fm = FileManager.default
    for name in ["csv", "yaml"] {
      try fm.copyItem(
        at: results.appendingPathComponent("points"), to: results.appendingPathComponent(name))
    }
    let summary = results.appendingPathComponent("csv/summary.csv").path
    try (Self.text(summary)! + "1,2\n").write(toFile: summary, atomically: true, encoding: .utf8)
    let spec = results.appendingPathComponent("yaml/spec.resolved.yaml").path
    try "model: [unclosed\n".write(toFile: spec, atomically: true, encoding: .utf8)
    let ls = try SweepBinary.run(["ls", results.path, "--format", "csv", "--columns", "name"])
    #expect(ls.status == 65, "\(ls.error)")
    #expect(ls.output.split(separator: "\n") == ["name", "csv", "points", "yaml"])
    #expect(ls.error.contains("warning: \(summary): line 3"), "\(ls.error)")
    #expect(ls.error.contains("warning: \(spec): not a spec"), "\(ls.error)")
    for broken in ["csv", "yaml"] {
      let compare = try SweepBinary.run([
        "compare", "points", broken, "--results-dir", results.path, "--into",
        dir.appendingPathComponent("cmp").path,
      ])
      #expect(compare.status == 65, "\(compare.error)")
      #expect(compare.error.hasPrefix("error: cannot compare \(broken): "), "\(compare.error)")
    }
    #expect(!fm.fileExists(atPath: dir.appendingPathComponent("cmp").path))
    #expect(try SweepBinary.run(["ls", results.path, "--where", "name=points"]).status == 65)
    try fm.removeItem(at: results.appendingPathComponent("csv"))
    try fm.removeItem(at: results.appendingPathComponent("yaml"))
    #expect(try SweepBinary.run(["ls", results.path]).status == 0)
  }

  @Test func missingParametersExit66AndAnHDF5FileWithoutFeaturesIsAUsageError() throws {
    let (dir, spec, params) = try Self.trained()
    let data = dir.appendingPathComponent("points.csv").path
    let output = dir.appendingPathComponent("predictions.csv").path
    let missing = try InputFaultBinaryTests.run(
      ["predict", spec, "--params", "/nonexistent", "--data", data, "-o", output], in: dir)
    #expect(missing.status == 66)
    #expect(missing.error.hasPrefix("error: --params: saved parameters: no parameters folder"))
    #expect(!FileManager.default.fileExists(atPath: output))
    guard CourseDataSupport.cat else { return }
    let h5 =
      SweepBinary.root.deletingLastPathComponent()
      .appendingPathComponent("shared/datasets/catvnoncat/test_catvnoncat.h5").path
    let r = try InputFaultBinaryTests.run(
      ["predict", spec, "--params", params, "--data", h5, "-o", output], in: dir)
    #expect(r.status == 64)  // a missing option is a usage error
    #expect(r.error.contains("--data \(h5) is an HDF5 file"), "\(r.error)")
    #expect(
      r.error.contains("fix-it: pass --features NAME to name the array holding the features"))
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func malformedDiffOptionsAreUsageErrors() throws {
    let dir = SweepBinary.temporaryDirectory()
    let a = dir.appendingPathComponent("a.csv").path
    try "x\n1\n".write(toFile: a, atomically: true, encoding: .utf8)
    for option in [
      ["--tol", "bogus"], ["--tol", "x=abc"], ["--better", "up:x"], ["--atol", "-1"],
    ] {
      let r = try SweepBinary.run(["diff", a, a] + option)
      #expect(r.status == 64, "\(option)")
      #expect(r.error.contains("Usage: \(SweepBinary.command()) diff"), "\(option): \(r.error)")
    }
    // A negative tolerance is named as such, not as a missing value ('-1' read as a flag).
    for option in [["--atol", "-1"], ["--rtol", "-0.5"], ["--atol=-1"]] {
      let r = try SweepBinary.run(["diff", a, a] + option)
      #expect(r.error.contains("--atol and --rtol must be finite numbers ≥ 0"), "\(r.error)")
    }
    // `-0` is 0, and printed so.
    #expect(try SweepBinary.run(["diff", a, a, "--atol", "-0"]).output.contains("(atol 0.0, rtol"))
    #expect(try SweepBinary.run(["diff", a, a, "--tol", "x=0.1"]).status == 0)
    #expect(try SweepBinary.run(["diff", a, a, "--only", "nope"]).status == 2)
  }

  @Test func lsSaysWhyAFilterCannotHoldAndWhenNothingMatches() throws {
    let (dir, _, _) = try Self.trained()
    let results = dir.appendingPathComponent("results").path
    let bad = try SweepBinary.run(["ls", results, "--where", "train_accuracy>=abc"])
    #expect(bad.status == 64)
    #expect(
      bad.error
        == "error: --where 'train_accuracy>=abc': 'abc' is not a number, and the column holds "
        + "numbers (e.g. --where 'dev_accuracy>=0.9')\n")
    // `--where train_accuracy>=0.9` unquoted: the shell passes `train_accuracy` alone.
    let bare = try SweepBinary.run(["ls", results, "--where", "train_accuracy"])
    #expect(bare.status == 64)
    #expect(
      bare.error
        == "error: --where 'train_accuracy' is not COLUMN OP VALUE (OP one of = != ~ !~ < <= > "
        + ">=), e.g. --where 'dev_accuracy>=0.9' or --where name~cat\nnote: 'train_accuracy' is a "
        + "column: quote the whole condition, e.g. --where 'train_accuracy>=0.9'; unquoted, the "
        + "shell took > or < as a redirection (`>=0.9` may have written a file named '=0.9')\n")
    let unknown = try SweepBinary.run(["ls", results, "--where", "nope"])
    #expect(unknown.status == 64)
    #expect(!unknown.error.contains("note:"))
    let none = try SweepBinary.run(["ls", results, "--where", "train_accuracy>2"])
    #expect(none.status == 0)
    #expect(
      none.output == "no run matches --where 'train_accuracy>2' (1 run under \(results))\n")
    #expect(try SweepBinary.run(["ls", results, "--where", "when>=2000-01-01"]).status == 0)
  }

  @Test func aMisspeltSubcommandGetsItsSuggestion() throws {
    let r = try SweepBinary.run(["valdate", "x.yaml"])
    #expect(r.status == 64)
    #expect(
      r.error
        == "error: unknown command 'valdate'; did you mean 'validate'?\n"
        + "help: see `\(SweepBinary.command()) --help` for the commands\n")
    let spec = try SweepBinary.run(["no-such-spec.yaml"])
    #expect(spec.status == 66)
  }

  /// An empty path option (`--results-dir "$OUT"` with `OUT` unset) stood for the working
  /// folder: a run's results, a comparison or TensorBoard's events were written there (tester
  /// BU-19). It is a usage error, before anything is read or written.
  @Test func anEmptyPathOptionIsAUsageError() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for arguments in [
      ["run", "x.yaml", "--results-dir", ""], ["compare", "a", "b", "--into="],
      ["export", "tensorboard", "a", "--logdir", ""], ["predict", "--params", "p", "--data", ""],
    ] {
      let r = try SweepBinary.run(arguments, in: dir)
      #expect(r.status == 64, "\(arguments): \(r.error)")
      #expect(
        r.error.hasSuffix(
          " is empty (an unset shell variable?); name a file or folder, or "
            + "leave the option out for its default\n"), "\(arguments): \(r.error)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }

  /// `runner run -t.yaml` (a spec file whose name starts with `-`) said "Missing expected
  /// argument '<spec>'": the parser took the word for short options. It is an unknown option,
  /// and when a file of that name exists, the refusal shows how to name it.
  @Test func aSpecNamedLikeAnOptionIsAnUnknownOptionWithTheWayToNameIt() throws {
    let dir = try WriteFaultBinaryTests.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.copyItem(
      at: dir.appendingPathComponent("m.yaml"), to: dir.appendingPathComponent("-t.yaml"))
    let command = SweepBinary.command(in: dir)
    let r = try SweepBinary.run(["run", "-t.yaml"], in: dir)
    #expect(r.status == 64)
    #expect(
      r.error
        == "error: unknown option '-t.yaml'; to name the file '-t.yaml', write ./-t.yaml or put "
        + "`--` before it: `\(command) run ./-t.yaml`\n"
        + "help: see `\(command) run --help` for the options\n")
    let absent = try SweepBinary.run(["validate", "-x.yaml"], in: dir)
    #expect(absent.status == 64)
    #expect(
      absent.error
        == "error: unknown option '-x.yaml'\nhelp: see `\(command) validate --help` for the options\n"
    )
    // After `--`, and written ./-t.yaml, it is the spec.
    let named = try SweepBinary.run(["validate", "--", "-t.yaml"], in: dir)
    #expect(named.status == 0, "\(named.error)")
    #expect(try SweepBinary.run(["validate", "./-t.yaml"], in: dir).status == 0)
  }
}
