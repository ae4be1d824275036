import Foundation
import Testing

/// Two versions of one sweep, as a user makes them: `optimizer.epochs` changed (not swept), so
/// every trial ID changes. `runner diff` pairs the trials by their swept values, and `runner ls`
/// lists the earlier version's trial folders left in the sweep folder, marked.
@Suite("Two versions of a sweep: diff pairs trials, ls marks the earlier ones")
struct SweepVersionsBinaryTests {
  @Test func diffAndLsAcrossVersions() throws {
    let dir = SweepBinary.temporaryDirectory()
    let text = try String(
      contentsOf: SweepBinary.root.appendingPathComponent("experiments/moons-mlp-grid-sweep.yaml"),
      encoding: .utf8)
    let spec = dir.appendingPathComponent("sweep.yaml")
    let results = dir.appendingPathComponent("results")
    let sweep = results.appendingPathComponent("moons-mlp-grid-sweep")
    let old = results.appendingPathComponent("sweep-old")
    // The user edits the spec (a `--set` would name another folder).
    func run(epochs: Int) throws {
      try text.replacingOccurrences(of: "epochs: 100", with: "epochs: \(epochs)")
        .write(to: spec, atomically: true, encoding: .utf8)
      let r = try SweepBinary.run(["sweep", spec.path, "--results-dir", results.path])
      #expect(r.status == 0, "\(r.error)")
    }
    try run(epochs: 3)
    try FileManager.default.copyItem(at: sweep, to: old)
    try run(epochs: 4)

    let diff = try SweepBinary.run(["diff", old.path, sweep.path])
    #expect(diff.status == 1, "\(diff.error)")
    let lines = diff.output.split(separator: "\n").map(String.init)
    let axes = "optimizer.learning_rate, model.layers[0].units"
    #expect(
      lines.first
        == "trial IDs differ (the spec changed besides the swept keys): 12 trials of A paired with "
        + "B's by swept values (\(axes))")
    #expect(
      lines[1].hasPrefix(
        "B: 12 trial folders of an earlier version (not in its plan.csv) not compared: "))
    // The key that changed besides the swept ones, in every paired trial's resolved spec.
    #expect(
      lines.contains(
        "spec differs: 1 key of spec.resolved.yaml (the runs were made from different specs)"),
      "\(diff.output)")
    #expect(lines.contains("  optimizer.epochs 3 -> 4 (in 12 of 12 resolved specs)"))
    #expect(
      lines.contains {
        $0.hasPrefix("summary.csv: ")
          && $0.hasSuffix("(12 matched rows, key: swept values (\(axes)))")
      }, "\(diff.output)")
    #expect(!diff.output.contains(": only in"), "\(diff.output)")
    #expect(lines.filter { $0.contains("/metrics.csv vs ") }.count == 12)

    let ls = try SweepBinary.run(["ls", sweep.path])
    #expect(ls.status == 0, "\(ls.error)")
    let rows = ls.output.split(separator: "\n")
    #expect(rows.filter { !$0.hasPrefix("(") }.allSatisfy { $0.count <= 80 }, "\(ls.output)")
    #expect(rows.filter { $0.contains(" ok (earlier) ") }.count == 12, "\(ls.output)")
    #expect(rows.filter { $0.contains(" ok  ") }.count == 12, "\(ls.output)")
    #expect(
      ls.error.hasPrefix(
        "note: 12 trial folders in \(sweep.path) are from an earlier version of its spec"),
      "\(ls.error)")
    let current = try SweepBinary.run([
      "ls", sweep.path, "--where", "kind!=earlier", "--format", "csv", "--columns", "name",
    ])
    #expect(current.output.split(separator: "\n").count == 1 + 12, "\(current.output)")
  }
}
