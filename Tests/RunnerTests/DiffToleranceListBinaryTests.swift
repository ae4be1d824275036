import Foundation
import Testing

/// `runner diff --tol` takes a comma list as `--only` and `--ignore` do (tester BB: `--tol
/// dev_loss=0.1,train_loss=0.1` was read as one column `dev_loss=0.1,train_loss`).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct DiffToleranceListBinaryTests {
  @Test func aCommaListGivesEachColumnItsTolerance() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (a, b) = (dir.appendingPathComponent("a.csv"), dir.appendingPathComponent("b.csv"))
    try "epoch,dev_loss,train_loss\n1,1.0,2.0\n".write(to: a, atomically: true, encoding: .utf8)
    try "epoch,dev_loss,train_loss\n1,1.05,2.1\n".write(to: b, atomically: true, encoding: .utf8)
    let listed = try SweepBinary.run([
      "diff", a.path, b.path, "--tol", "dev_loss=0.1,train_loss=0.1",
    ])
    #expect(listed.status == 0, "\(listed.output)\(listed.error)")
    #expect(listed.output.contains("dev_loss rtol 0.1, train_loss rtol 0.1"), "\(listed.output)")
    // The same as two options; one column's tolerance alone leaves the other's change.
    let repeated = try SweepBinary.run([
      "diff", a.path, b.path, "--tol", "dev_loss=0.1", "--tol", "train_loss=0.1",
    ])
    #expect(repeated.status == 0, "\(repeated.error)")
    let one = try SweepBinary.run(["diff", a.path, b.path, "--tol", "dev_loss=0.1"])
    #expect(one.status == 1, "\(one.output)\(one.error)")
  }
}
