import Foundation
import Testing

/// Tester V's file-system findings on the built binary: a results root `run` refuses is refused
/// by `validate` too, with nothing left behind (V8); a limit on open files too low to start is an
/// error, never SIGILL (V6); a report's kept copy of an edited report.md is whole or absent (V13);
/// a stray parameters file is named as not part of the model (V12).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct FileSystemRefusalBinaryTests {
  /// `validate` refuses a results root that is a file, or cannot be created (in `/proc`, by
  /// `--results-dir` or runner.yaml's `results_dir`), with `run`'s words and exit 73; a missing
  /// root it can create passes, and is not left behind.
  @Test func validateRefusesTheResultsRootRunRefuses() throws {
    let dir = try InputFaultBinaryTests.project(
      ["spec.yaml": InputFaultBinaryTests.spec("points.csv")])
    let spec = dir.appendingPathComponent("spec.yaml").path
    let file = dir.appendingPathComponent("afile").path
    try "x".write(toFile: file, atomically: true, encoding: .utf8)
    for root in [file, "/proc/runner-test-x"] {
      var errors: [String] = []
      for command in ["validate", "run"] {
        let r = try InputFaultBinaryTests.run([command, spec, "--results-dir", root], in: dir)
        #expect(r.status == 73, "\(command) \(root): \(r.status) \(r.error)")
        errors.append(r.error.components(separatedBy: "\n").first { $0.contains("error:") } ?? "")
      }
      #expect(errors[0] == errors[1] && errors[0].contains(root), "\(errors)")
    }
    let fresh = dir.appendingPathComponent("deep/er").path
    let ok = try InputFaultBinaryTests.run(["validate", spec, "--results-dir", fresh], in: dir)
    #expect(ok.status == 0, "\(ok.error)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("deep").path))
    try "results_dir: /proc/runner-test-foo\n".write(
      to: dir.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    let configured = try InputFaultBinaryTests.run(["validate", spec], in: dir)
    #expect(configured.status == 73, "\(configured.error)")
    #expect(
      configured.error.contains("cannot create the folder /proc/runner-test-foo"),
      "\(configured.error)")
  }

  /// Under `ulimit -n 4` or `5` even `--version` stopped with SIGILL (the runtime's thread-pool
  /// monitor cannot open its `/proc` file): refused first thing, exit 71, with the limit and
  /// what to do; at the limit the runner needs it starts.
  @Test func aTooLowOpenFileLimitIsAnErrorNotASignal() throws {
    for limit in [4, 5, 10] {
      for arguments in [["--version"], ["validate", "missing.yaml"]] {
        let r = try SweepBinary.run(arguments, openFileLimit: limit, killAfter: 60)
        #expect(!r.killed && r.status == 71, "\(limit) \(arguments): \(r.status) \(r.error)")
        #expect(
          r.error
            == "error: the limit on open files is too low (ulimit -n \(limit)): the runner needs "
            + "at least 16 (its runtime's threads, the spec, data and results files); raise it, "
            + "e.g. `ulimit -n 1024`\n")
      }
    }
    let r = try SweepBinary.run(["--version"], openFileLimit: 16, killAfter: 60)
    #expect(r.status == 0 && r.output.hasPrefix("runner "), "\(r.status) \(r.error)")
  }

  /// A report whose kept copy of an edited report.md cannot be written (a file size limit, as
  /// a full disk) leaves no empty "kept copy" and no temporary in `.history`, says the system's
  /// words, and leaves the report as it was; once it can, the copy is kept whole.
  @Test func aKeptReportCopyIsWholeOrAbsent() throws {
    let (dir, _, params) = try CommandFaultBinaryTests.trained()
    let run = URL(fileURLWithPath: params).deletingLastPathComponent()
    let report = run.appendingPathComponent("report.md")
    let annotated =
      try String(contentsOf: report, encoding: .utf8)
      + String(repeating: "my note\n", count: 200)
    try annotated.write(to: report, atomically: true, encoding: .utf8)
    let history = run.deletingLastPathComponent().appendingPathComponent(".history/points")
    let failed = try SweepBinary.run(["report", run.path], in: dir, fileSizeLimit: 1)
    #expect(failed.status == 73, "\(failed.error)")
    #expect(
      failed.error.contains(
        "cannot write \(history.path): your edited report files could not be kept there "
          + "(File too large); the report is as it was"), "\(failed.error)")
    #expect(!FileManager.default.fileExists(atPath: history.path))
    #expect(try String(contentsOf: report, encoding: .utf8) == annotated)
    let done = try SweepBinary.run(["report", run.path], in: dir)
    #expect(done.status == 0, "\(done.error)")
    let kept = try FileManager.default.contentsOfDirectory(atPath: history.path)
    #expect(kept.count == 1 && !kept[0].hasPrefix("."), "\(kept)")
    let copy = history.appendingPathComponent(kept[0]).appendingPathComponent("report.md")
    #expect(try String(contentsOf: copy, encoding: .utf8) == annotated)
  }

  /// A params folder with an extra `layer3_weights.npy` beside a two-layer model's files is
  /// refused for that file, not as missing `layer3_bias.npy`.
  @Test func aStrayLayerFileIsNotPartOfTheModel() throws {
    let (dir, spec, params) = try CommandFaultBinaryTests.trained()
    let stray = params + "/layer3_weights.npy"
    try FileManager.default.copyItem(atPath: params + "/layer1_weights.npy", toPath: stray)
    let r = try InputFaultBinaryTests.run(
      [
        "predict", spec, "--params", params, "--data",
        dir.appendingPathComponent("points.csv").path,
      ],
      in: dir)
    #expect(r.status == 65)
    #expect(
      r.error
        == "\(spec): error: saved parameters: \(stray) is not part of this model: the spec's "
        + "model has 2 layers (remove the file, or give the parameters of the spec's model)\n",
      "\(r.error)")
  }
}
