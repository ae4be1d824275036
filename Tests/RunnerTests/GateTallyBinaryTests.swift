import Foundation
import Testing

/// `runner gate` puts every verdict on stdout, an entry that did not run included, and ends
/// with a count naming the failing entries (tester B's B7: a CI log of stdout showed all-ok
/// with a red exit).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct GateTallyBinaryTests {
  @Test func theGateEndsWithACountNamingTheEntryThatDidNotRun() throws {
    let (root, _) = try GateRecoveryBinaryTests.recorded()
    defer { try? FileManager.default.removeItem(at: root) }
    let passing = try GateRecoveryBinaryTests.gate(root)
    #expect(passing.status == 0, "\(passing.error)")
    #expect(passing.output.hasSuffix("gate: 1 of 1 ok\n"), "\(passing.output)")
    // The entry's spec broken: it does not run, and stdout says so.
    try "name: m\nmodel: {type: nonsense}\n".write(
      to: root.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
    let failing = try GateRecoveryBinaryTests.gate(root)
    #expect(failing.status == 1, "\(failing.error)")
    #expect(failing.output.contains("m: did not run cleanly: "), "\(failing.output)")
    #expect(
      failing.output.hasSuffix("gate: 1 of 1 failed (m did not run), 0 ok\n"), "\(failing.output)")
  }
}
