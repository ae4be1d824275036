import Foundation
import Testing

/// Tester AW's F11: data the exact solver refuses (a constant column, a copied column) was
/// "ok" to `runner validate` and refused by `runner run` with exit 65, breaking a CI that
/// validates first. Both now refuse it with the same located error, from the run's own solve.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ExactSolverDataBinaryTests {
  /// A folder with `data.csv` (x1, x2 as `second` makes it from row i, y) and `spec.yaml`.
  static func project(
    second: (Int) -> String, more: String = "", label: String = #function
  ) throws -> (dir: URL, spec: String) {
    let dir = SweepBinary.temporaryDirectory(label)
    let rows = (0..<12).map { i in "\(i),\(second(i)),\(Double(i * 7 % 5) + 0.5 * Double(i))" }
    try (["x1,x2,y"] + rows).joined(separator: "\n").write(
      to: dir.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    let text = """
      dataset: {file: data.csv, target: y}
      model: {type: linreg, solver: exact}
      \(more)
      """
    let spec = dir.appendingPathComponent("spec.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    return (dir, spec.path)
  }

  @Test(arguments: [("constant", 0), ("copied", 1)])
  func validateRefusesWhatTheRunsSolveRefuses(name: String, kind: Int) throws {
    let (dir, spec) = try Self.project(
      second: { i in kind == 0 ? "3.0" : "\(i)" }, label: "exact-\(name)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let message =
      "\(spec):2:31: error: cannot solve least squares: feature 2 ('x2') is (nearly) a linear "
      + "combination of the others (remove it or add l2)"
    let results = dir.appendingPathComponent("results")
    for command in [["validate", spec], ["run", spec, "--results-dir", results.path]] {
      let r = try SweepBinary.run(command)
      #expect(r.status == 65, "\(command[0]): \(r.error)")
      #expect(r.error.contains(message), "\(command[0]): \(r.error)")
      #expect(!r.output.contains("ok"), "\(command[0]): \(r.output)")
    }
    // With l2 (ridge) the same data solves, and validates.
    let ridge = try Self.project(
      second: { i in kind == 0 ? "3.0" : "\(i)" }, more: "regularization: {l2: 0.1}",
      label: "exact-ridge-\(name)")
    defer { try? FileManager.default.removeItem(at: ridge.dir) }
    let r = try SweepBinary.run(["validate", ridge.spec])
    #expect(r.status == 0, "\(r.error)")
  }

  /// A sweep's trials on the same data are solved each with its own l2: the trial without it
  /// is refused though the ridge trial before it, on the very data, was checked first.
  @Test func eachSweptL2IsSolvedOnTheData() throws {
    let (dir, spec) = try Self.project(
      second: { i in "\(2 * i)" },
      more: "sweep: {method: grid, parameters: {regularization.l2: [0.1, 0.0]}}")
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try SweepBinary.run(["validate", spec])
    #expect(r.status == 65, "\(r.error)")
    #expect(r.error.contains("feature 2 ('x2') is (nearly) a linear combination"), "\(r.error)")
  }
}
