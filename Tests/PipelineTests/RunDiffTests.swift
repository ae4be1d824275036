import Conventions
import Foundation
import Pipeline
import Reports
import Testing

/// `runner diff` names what the runs were made from before the environment: a changed resolved
/// spec or data first, the numeric environment only as the cause when nothing else differs,
/// and another runner version (tester AB2).
@Suite("runner diff: specs, environments and runner versions")
struct RunDiffTests {
  /// A copy of the committed xor baseline as `name` under `root`, its spec and environment
  /// edited by `spec` and `environment`.
  func copy(
    _ name: String, in root: URL, spec: @escaping (String) -> String = { $0 },
    environment: @escaping (String) -> String = { $0 }
  ) throws -> URL {
    let folder = root.appendingPathComponent(name)
    try FileManager.default.copyItem(
      at: GateSupport.root.appendingPathComponent("results/baseline/xor-mlp-sigmoid"), to: folder)
    let edits: [(String, (String) -> String)] = [
      ("spec.resolved.yaml", spec), ("environment.csv", environment),
    ]
    for (file, edit) in edits {
      let url = folder.appendingPathComponent(file)
      try edit(String(contentsOf: url, encoding: .utf8)).write(
        to: url, atomically: true, encoding: .utf8)
    }
    return folder
  }

  /// Moves the final train_loss of xor's `summary.csv` in its last digits.
  static func nudge(_ summary: URL) throws {
    try String(contentsOf: summary, encoding: .utf8).replacingOccurrences(
      of: "0.0004231241530661868", with: "0.0004231241530661869"
    ).write(to: summary, atomically: true, encoding: .utf8)
  }

  static func otherKernel(_ text: String) -> String {
    text.replacingOccurrences(of: "Haswell kernel", with: "Sandybridge kernel")
  }

  @Test("a changed spec is named first, and the environment is not offered as its cause")
  func specBeforeEnvironment() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let a = try copy("A", in: root)
    let b = try copy(
      "B", in: root,
      spec: { $0.replacingOccurrences(of: "dtype: float64", with: "dtype: float64\n# edited") },
      environment: Self.otherKernel)
    // Same spec, other kernel: the environment is the explanation.
    var result = RunDiff.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(result.status == DiffCommandResult.same)
    #expect(RunDiff.notes(result).isEmpty)
    let edited = b.appendingPathComponent("summary.csv")
    try Self.nudge(edited)
    result = RunDiff.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(result.status == DiffCommandResult.different)
    #expect(
      RunDiff.notes(result) == [
        "note: A and B were made in different numeric environments ('x86_64 OpenBLAS 0.3.21 "
          + "Haswell kernel, 1 thread, math library 3a6b65f2' and 'x86_64 OpenBLAS 0.3.21 "
          + "Sandybridge kernel, 1 thread, math library 3a6b65f2'), which differ in the BLAS "
          + "kernel, so their figures can differ (in the last digits for a stable fit, further "
          + "where training amplifies the rounding (a loss spike; a search choosing by them)); "
          + "compare within tolerances (--rtol) or rerun both with the same BLAS kernel policy (runner.yaml `blas_kernel`, or "
          + "--blas-kernel; no OPENBLAS_CORETYPE)"
      ])
    // The file form gets the note too: environment.csv lies beside the file.
    let files = RunDiff.run(
      a: a.appendingPathComponent("summary.csv").path, b: edited.path, options: DiffOptions())
    #expect(RunDiff.notes(files).count == 1)
    // Now the learning rate changed as well: it is listed first, and the note says so.
    let c = try copy(
      "C", in: root,
      spec: {
        $0.replacingOccurrences(of: "learning_rate: 1.0", with: "learning_rate: 1.00000001")
      },
      environment: Self.otherKernel)
    result = RunDiff.run(a: a.path, b: c.path, options: DiffOptions(relativeTolerance: 1e-4))
    #expect(result.status == DiffCommandResult.different)
    #expect(
      result.output.hasPrefix(
        "spec differs: 1 key of spec.resolved.yaml (the runs were made from different specs)\n"
          + "  optimizer.learning_rate 1.0 -> 1.00000001\n"))
    #expect(
      RunDiff.notes(result).first?.hasSuffix(
        "which differ in the BLAS kernel, but the specs differ too (above), which the "
          + "environment does not explain: compare within tolerances only runs of one spec and "
          + "data") == true)
    let json = result.json.rendered
    #expect(
      json.contains(
        #""spec_changes":[{"key":"optimizer.learning_rate","old":"1.0","new":"1.00000001","#))
    #expect(json.contains(#""differ_in":"the BLAS kernel"}"#))
    #expect(json.contains(#""runner_versions":{"a":["0.4.0"],"b":["0.4.0"]}"#))
  }

  @Test("another runner version is named")
  func runnerVersion() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let a = try copy("A", in: root)
    let b = try copy(
      "B", in: root,
      environment: {
        $0.replacingOccurrences(of: "runner_version,0.4.0", with: "runner_version,0.3.0")
      })
    try Self.nudge(b.appendingPathComponent("summary.csv"))
    let result = RunDiff.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(
      RunDiff.notes(result) == [
        "note: A and B were made by different runner versions (A: 0.4.0, B: 0.3.0), whose "
          + "figures can differ; rerun A with the runner that made B to compare one version's "
          + "results"
      ])
  }

  /// A CI `runner diff baseline new` passed (exit 0, "same within tolerance") when one side's
  /// resolved spec was missing, binary or not YAML (tester AK5, session 37): one side could
  /// not say what spec it ran.
  @Test("a resolved spec one side lacks is only in A; a binary or non-YAML one is trouble")
  func missingOrDamagedSpec() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (a, b) = (try copy("A", in: root), try copy("B", in: root))
    let specB = b.appendingPathComponent("spec.resolved.yaml")
    #expect(RunDiff.run(a: a.path, b: b.path, options: DiffOptions()).status == 0)
    try Data([0x6e, 0x61, 0xff, 0xfe, 0x00, 0x3a]).write(to: specB)
    let binary = RunDiff.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(binary.status == DiffCommandResult.trouble)
    #expect(binary.error == "\(specB.path): not UTF-8 text", "\(binary.error)")
    try "name: [unclosed\n".write(to: specB, atomically: true, encoding: .utf8)
    let yaml = RunDiff.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(yaml.status == DiffCommandResult.trouble)
    #expect(
      yaml.error.hasPrefix("\(specB.path): invalid YAML at line 1, column 7: "), "\(yaml.error)")
    try "- a list\n".write(to: specB, atomically: true, encoding: .utf8)
    let list = RunDiff.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(list.error == "\(specB.path): not a spec (a YAML mapping of keys)", "\(list.error)")
    try FileManager.default.removeItem(at: specB)
    let missing = RunDiff.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(missing.status == DiffCommandResult.different, "\(missing.error)")
    #expect(missing.diff?.onlyInA == ["spec.resolved.yaml"])
    #expect(missing.output.contains("spec.resolved.yaml: only in A"), "\(missing.output)")
    let reversed = RunDiff.run(a: b.path, b: a.path, options: DiffOptions())
    #expect(reversed.status == DiffCommandResult.different)
    #expect(reversed.diff?.onlyInB == ["spec.resolved.yaml"])
  }
}
