import Foundation
import Testing

/// `runner run` and `runner sweep` with `output` at or below the gate's baselines
/// (`--set output=baseline/m`) wrote into the committed baseline past `runner gate --record`'s
/// checks, leaving `.history`, parameters and plots there (tester BF F9): `run`, `sweep` and
/// `validate` refuse it before anything runs, at the key (exit 65), naming the command that
/// records the entry; the gate's own recording still works.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct GateBaselineOutputBinaryTests {
  /// `GateRecoveryBinaryTests.recorded`'s project with entry `s` (the sweep, not recorded) added
  /// to gate.csv.
  static func project(_ label: String = #function) throws -> (root: URL, baselines: URL) {
    let (root, baseline) = try GateRecoveryBinaryTests.recorded(label)
    let baselines = baseline.deletingLastPathComponent()
    let handle = try FileHandle(forWritingTo: baselines.appendingPathComponent("gate.csv"))
    handle.seekToEndOfFile()
    handle.write(Data("s,s.yaml,sweep,1e-10,1e-7,0.25\n".utf8))
    try handle.close()
    return (root, baselines)
  }

  static func reason(_ baselines: URL) -> String {
    "\(baselines.path) holds the regression gate's baselines (gate.csv), which only `runner gate "
      + "--record` writes (after its checks, such as the project's BLAS kernel policy, and only "
      + "the files the gate compares)"
  }

  @Test func anOutputInsideABaselineIsRefusedAtTheSetNamingTheEntrysRecordCommand() throws {
    let (root, baselines) = try Self.project()
    defer { try? FileManager.default.removeItem(at: root) }
    let before = SweepBinary.contents(of: baselines)
    let runner = SweepBinary.command(in: root)
    for (command, spec, entry, line) in [
      ("run", "m.yaml", "m", 2), ("validate", "m.yaml", "m", 2), ("sweep", "s.yaml", "s", 3),
      ("validate", "s.yaml", "s", 3),
    ] {
      let kind = spec == "m.yaml" ? "run" : "sweep"
      let r = try SweepBinary.run(
        [command, spec, "--set", "output=baseline/\(entry)"], in: root)
      #expect(r.status == 65, "\(command) \(spec): \(r.error)")
      let set = "--set output=baseline/\(entry)"
      let record = "`\(runner) gate --record \(entry)` (gate.csv line \(line))"
      let refusal: String =
        "\(set): error: output 'baseline/\(entry)' would write \(baselines.path)/\(entry): "
        + Self.reason(baselines) + "\n"
      let caret: String = "  --set | output=baseline/\(entry)\n        |        ^\n"
      let note: String =
        "note: record baseline \(entry) with \(record); give this \(kind) another `output`\n"
      // (The sweep's spec warns first that it ranks on the training loss.)
      #expect(r.error.hasSuffix(refusal + caret + note), "\(command) \(spec): \(r.error)")
    }
    // Nothing written: no .history, no parameters, plots or trials in the baselines.
    #expect(SweepBinary.contents(of: baselines) == before)
    #expect(SweepBinary.hiddenEntries(below: baselines).allSatisfy { !$0.contains(".history") })
    #expect(!FileManager.default.fileExists(atPath: baselines.appendingPathComponent("s").path))
    // The gate's own recording still writes there, and the gate passes.
    let recorded = try GateRecoveryBinaryTests.gate(root, ["--record", "m"])
    #expect(recorded.status == 0, "\(recorded.error)")
    let check = try GateRecoveryBinaryTests.gate(root, ["m"])
    #expect(check.status == 0, "\(check.output)\(check.error)")
  }

  @Test func theBaselinesFolderOrAFolderWithoutAnEntryIsRefusedAtTheSpecsOutput() throws {
    let (root, baselines) = try Self.project()
    defer { try? FileManager.default.removeItem(at: root) }
    let elsewhere = SweepBinary.temporaryDirectory()
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: elsewhere) }
    let spec = try String(contentsOf: root.appendingPathComponent("m.yaml"), encoding: .utf8)
    let runner = SweepBinary.command(in: elsewhere)
    for output in ["baseline/x/y", "baseline"] {
      try spec.replacingOccurrences(of: "name: m\n", with: "name: m\noutput: \(output)\n")
        .write(to: root.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
      // From another folder: the command names the project's root.
      let r = try SweepBinary.run(
        ["run", root.appendingPathComponent("b.yaml").path], in: elsewhere)
      #expect(r.status == 65, "\(output): \(r.error)")
      let file = root.appendingPathComponent("b.yaml").path
      let written = baselines.path + (output == "baseline" ? "" : "/x/y")
      let refusal: String =
        "\(file):2:9: error: output '\(output)' would write \(written): "
        + Self.reason(baselines) + "\n"
      let caret: String = "  2 | output: \(output)\n    |         ^\n"
      let record = "`\(runner) gate --record --root \(root.path)`"
      let note: String =
        "note: the gate records the baselines its gate.csv lists, with \(record); give this "
        + "run another `output`\n"
      #expect(r.error == refusal + caret + note, "\(output)")
    }
    // A results folder inside the baselines: said of the folder, with no key to point at.
    let inside = try SweepBinary.run(
      ["validate", "m.yaml", "--results-dir", "results/baseline"], in: root)
    #expect(inside.status == 65, "\(inside.error)")
    #expect(
      inside.error.hasPrefix(
        "error: the results folder \(baselines.path) is at or below the gate's baselines: "
          + "\(Self.reason(baselines))\n"),
      "\(inside.error)")
    #expect(!FileManager.default.fileExists(atPath: baselines.appendingPathComponent("x").path))
    // The results folder reached through a link: the baselines are found all the same.
    let link = elsewhere.appendingPathComponent("linked-results")
    try FileManager.default.createSymbolicLink(
      at: link, withDestinationURL: baselines.deletingLastPathComponent())
    let linked = try SweepBinary.run(
      ["run", "m.yaml", "--results-dir", link.path, "--set", "output=baseline/m"], in: root)
    #expect(linked.status == 65, "\(linked.error)")
    #expect(
      linked.error.contains("note: record baseline m with `\(SweepBinary.command(in: root)) gate "),
      "\(linked.error)")
    #expect(
      !FileManager.default.fileExists(atPath: baselines.appendingPathComponent(".history").path))
  }

  /// Every other command that writes files refused the baselines nothing: `merge --into`,
  /// `compare --into`, `report`, `predict -o`, `data export -o`, `export tensorboard` and
  /// `export dvc` wrote there past the gate (tools brief, session 50, item 1).
  @Test func everyCommandThatWritesFilesRefusesTheBaselinesAtItsOption() throws {
    let (root, baselines) = try Self.project()
    defer { try? FileManager.default.removeItem(at: root) }
    let before = SweepBinary.contents(of: baselines)
    let m = "results/baseline/m"
    let cases: [(arguments: [String], subject: String, written: String, instead: String)] = [
      (
        ["merge", "elsewhere/s", "--into", "results/baseline/s"], "--into 'results/baseline/s'",
        "s", "merge into another folder (--into)"
      ),
      (["merge", m], "the merge into '\(m)'", "m", "merge into another folder (--into)"),
      (
        ["compare", m, m, "--into", "results/baseline/m/c"], "--into 'results/baseline/m/c'",
        "m/c", "write the comparison into another folder (--into)"
      ),
      (
        ["compare", m, m, "--results-dir", "results/baseline"],
        "the comparison folder 'results/baseline/compare'", "compare",
        "write the comparison into another folder (--into)"
      ),
      (["report", m], "the report of '\(m)'", "m", "copy the folder elsewhere to report it"),
      (
        ["predict", m, "--params", m, "--data", "x.csv", "-o", "\(m)/p.csv"], "-o '\(m)/p.csv'",
        "m/p.csv", "write the predictions elsewhere (-o)"
      ),
      (
        ["data", "export", "m.yaml", "-o", "\(m)/rows.csv"], "-o '\(m)/rows.csv'", "m/rows.csv",
        "write the rows elsewhere (-o)"
      ),
      (
        ["export", "tensorboard", m], "the export of '\(baselines.path)/m'", "m",
        "export into a --logdir outside the baselines"
      ),
      (
        ["export", "tensorboard", m, "--logdir", "results/baseline/tb"],
        "--logdir 'results/baseline/tb'", "tb/m", "export into a --logdir outside the baselines"
      ),
      (
        ["export", "dvc", m], "the export of '\(baselines.path)/m'", "m",
        "copy the run elsewhere to export it"
      ),
    ]
    for (arguments, subject, written, instead) in cases {
      let r = try SweepBinary.run(arguments, in: root)
      #expect(r.status == 65, "\(arguments): \(r.error)")
      // No re-recording offered: these commands make no baseline (tester BK-17).
      let expected: String =
        "error: \(subject) would write \(baselines.path)/\(written): " + Self.reason(baselines)
        + "\nnote: \(instead)\n"
      #expect(r.error == expected, "\(arguments)")
    }
    // Nothing written in the baselines.
    #expect(SweepBinary.contents(of: baselines) == before)
    #expect(SweepBinary.hiddenEntries(below: baselines).allSatisfy { !$0.contains(".history") })
    let check = try GateRecoveryBinaryTests.gate(root, ["m"])
    #expect(check.status == 0, "\(check.output)\(check.error)")
  }

  @Test func aProjectWithoutAGateMayNameARunBaseline() throws {
    let (root, baselines) = try Self.project()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.removeItem(at: baselines.appendingPathComponent("gate.csv"))
    let r = try SweepBinary.run(["validate", "m.yaml", "--set", "output=baseline/x"], in: root)
    #expect(r.status == 0, "\(r.error)")
  }
}
