import Foundation
import Testing

/// `output: results/xor` in a project whose results folder is `results` (tester AB16, a path
/// written as dvc.yaml's `outs:`) would write `results/results/xor`: `validate`, `run` and
/// `sweep` refuse it at `output` (exit 65), with the path meant, and write nothing; so is a
/// `name: results` without `output`, at `name` (tester AF1: it wrote `results/results/`).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct OutputRepeatingRootBinaryTests {
  /// A project with `runner.yaml` (`results_dir: results`), `xo.yaml` writing `output:
  /// results/xor`, and `sw.yaml`, a sweep of it.
  static func project(_ label: String = #function) throws -> URL {
    let dir = try WriteFaultBinaryTests.project(label)
    try "results_dir: results\n".write(
      to: dir.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    let spec = try String(contentsOf: dir.appendingPathComponent("m.yaml"), encoding: .utf8)
    try spec.replacingOccurrences(of: "name: m\n", with: "name: m\noutput: results/xor\n").write(
      to: dir.appendingPathComponent("xo.yaml"), atomically: true, encoding: .utf8)
    let sweep = try String(contentsOf: dir.appendingPathComponent("s.yaml"), encoding: .utf8)
    try sweep.replacingOccurrences(of: "name: s\n", with: "name: s\noutput: results/xor\n").write(
      to: dir.appendingPathComponent("sw.yaml"), atomically: true, encoding: .utf8)
    return dir
  }

  @Test func anOutputStartingWithTheResultsFolderIsRefusedAtOutput() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let results = dir.appendingPathComponent("results").path
    for (command, spec) in [("validate", "xo.yaml"), ("run", "xo.yaml"), ("sweep", "sw.yaml")] {
      let r = try SweepBinary.run([command, spec], in: dir)
      #expect(r.status == 65, "\(command): \(r.error)")
      #expect(
        r.error
          == "\(spec):2:9: error: output 'results/xor' starts with 'results', the name of the "
          + "results folder it is relative to (\(results)): it would write "
          + "\(results)/results/xor\n"
          + "  2 | output: results/xor\n"
          + "    |         ^\n"
          + "note: `output` names a folder inside the results folder (set by `results_dir` in "
          + "runner.yaml or --results-dir)\n"
          + "fix-it: output: xor\n", "\(command)")
    }
    #expect(!FileManager.default.fileExists(atPath: results))
  }

  @Test func anOverrideIsRefusedAtTheOverrideAndTheFolderNameAlone() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let results = dir.appendingPathComponent("results").path
    let set = try SweepBinary.run(["run", "m.yaml", "--set", "output=results/xor"], in: dir)
    #expect(set.status == 65, "\(set.error)")
    #expect(set.error.hasSuffix("fix-it: --set output=xor\n"), "\(set.error)")
    let alone = try SweepBinary.run(["validate", "m.yaml", "--set", "output=results"], in: dir)
    #expect(alone.status == 65, "\(alone.error)")
    #expect(
      alone.error
        == "--set output=results: error: output 'results' is the name of the results folder it "
        + "is relative to (\(results)): it would write \(results)/results\n"
        + "  --set | output=results\n"
        + "        |        ^\n"
        + "note: leave `output` out to write \(results)/m\n")
    // Another results folder: `results/xor` is a folder inside it, as written.
    let other = try SweepBinary.run(
      ["validate", "xo.yaml", "--results-dir", dir.appendingPathComponent("out").path], in: dir)
    #expect(other.status == 0, "\(other.error)")
  }

  @Test func aNameThatIsTheResultsFolderIsRefusedAtNameAsAnOutputIs() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let results = dir.appendingPathComponent("results").path
    for (spec, from) in [("m.yaml", "nm.yaml"), ("s.yaml", "sn.yaml")] {
      let text = try String(contentsOf: dir.appendingPathComponent(spec), encoding: .utf8)
      let name = "name: \(spec.dropLast(5))\n"
      #expect(text.hasPrefix(name))
      try ("name: results\n" + text.dropFirst(name.count)).write(
        to: dir.appendingPathComponent(from), atomically: true, encoding: .utf8)
    }
    for (command, spec) in [("validate", "nm.yaml"), ("run", "nm.yaml"), ("sweep", "sn.yaml")] {
      let r = try SweepBinary.run([command, spec], in: dir)
      #expect(r.status == 65, "\(command): \(r.error)")
      #expect(
        r.error
          == "\(spec):1:7: error: name 'results' is the name of the results folder it is "
          + "relative to (\(results)): it would write \(results)/results\n"
          + "  1 | name: results\n"
          + "    |       ^\n"
          + "note: leave `name` out to write \(results)/\(spec.dropLast(5))\n", "\(command)")
    }
    #expect(!FileManager.default.fileExists(atPath: results))
    // A file named results.yaml without `name`: its base name, refused naming the file.
    let m = try String(contentsOf: dir.appendingPathComponent("m.yaml"), encoding: .utf8)
    try String(m.dropFirst("name: m\n".count)).write(
      to: dir.appendingPathComponent("results.yaml"), atomically: true, encoding: .utf8)
    let unnamed = try SweepBinary.run(["validate", "results.yaml"], in: dir)
    #expect(unnamed.status == 65, "\(unnamed.error)")
    #expect(
      unnamed.error
        == "error: name 'results', the base name of results.yaml, is the name of the results "
        + "folder it is relative to (\(results)): it would write \(results)/results\n"
        + "note: give the run a folder name of its own: write `name:` (or `output:`) in the "
        + "spec\n")
    // `--set name=` another name runs.
    let renamed = try SweepBinary.run(["validate", "nm.yaml", "--set", "name=n"], in: dir)
    #expect(renamed.status == 0, "\(renamed.error)")
  }
}
