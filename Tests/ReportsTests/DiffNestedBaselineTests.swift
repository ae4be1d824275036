import Conventions
import Foundation
import Testing

@testable import Reports

/// Tester BB F6: `runner diff results/baseline results`, the documented baseline-against-fresh
/// case, could never pass in the project's own layout: B, the results root, holds A itself, so
/// every baseline file was "only in B". The folder of one side that is the other is left out,
/// and said in one line.
@Suite("runner diff: one side inside the other")
struct DiffNestedBaselineTests {
  /// A results root `results/` holding `cat/` and the gate's baseline `baseline/` (its
  /// manifest and its own `cat/`), the same figures in both.
  static func project() throws -> URL {
    let root = try temporaryDirectory()
    let results = root.appendingPathComponent("results")
    let baseline = results.appendingPathComponent("baseline")
    try AtomicFile.write(
      "name,spec,command,atol,rtol,iteration_rtol\ncat,experiments/cat.yaml,run,0,0,0\n",
      to: baseline.appendingPathComponent("gate.csv"))
    for side in [results, baseline] {
      try AtomicFile.write(
        "epoch,loss\n0,1\n", to: side.appendingPathComponent("cat/metrics.csv"))
      try AtomicFile.write(
        "seed: 1\n", to: side.appendingPathComponent("cat/spec.resolved.yaml"))
    }
    return root
  }

  @Test("the baseline inside the results root it is compared with is left out of B")
  func baselineInsideTheResultsRootIsLeftOut() throws {
    let root = try Self.project()
    defer { try? FileManager.default.removeItem(at: root) }
    let (a, b) = (
      root.appendingPathComponent("results/baseline"), root.appendingPathComponent("results")
    )
    let diff = DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(diff.status == .success, "\(diff.output)")
    #expect(
      diff.output.hasPrefix(
        "baseline/: A itself, inside B: left out of B, not compared\n"
          + "gate.csv: the regression gate's manifest, only in A: not a result, not compared\n"),
      "\(diff.output)")
    #expect(diff.json.rendered.contains(#""a_inside_b":"baseline""#), "\(diff.json.rendered)")
    // Reversed, the folder of A that is B is left out of A.
    let reversed = DiffCommandResult.run(a: b.path, b: a.path, options: DiffOptions())
    #expect(reversed.status == .success, "\(reversed.output)")
    #expect(reversed.output.contains("baseline/: B itself, inside A: left out of A"))
    // A file of B's own that differs from the baseline's is still a difference.
    try AtomicFile.write("epoch,loss\n0,2\n", to: b.appendingPathComponent("cat/metrics.csv"))
    let changed = DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(changed.status == .failure, "\(changed.output)")
    #expect(changed.output.contains("cat/metrics.csv: 1 difference"), "\(changed.output)")
  }
}
