import Foundation
import Testing

/// A `gate.csv` entry without a baseline yet (a row just added, its folder missing or holding
/// no recorded results) is reported with the command that records it, not run, and the other
/// entries are still checked (exit 1); a baseline file that cannot be read fails its entry named
/// at its path in the baseline, never the fresh run's work folder (tester AM's AM4: the gate
/// stopped with `cannot read <work folder>/m: …/results/baseline/x7: no such file`, exit 65).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct GateNoBaselineBinaryTests {
  /// The project of `GateRecoveryBinaryTests.recorded` with a second entry, `x7`, added to
  /// `gate.csv` and not recorded.
  static func withNewEntry(_ label: String = #function) throws -> (root: URL, x7: URL) {
    let (root, baseline) = try GateRecoveryBinaryTests.recorded(label)
    let manifest = baseline.deletingLastPathComponent().appendingPathComponent("gate.csv")
    let handle = try FileHandle(forWritingTo: manifest)
    handle.seekToEndOfFile()
    handle.write(Data("x7,m.yaml,run,1e-10,1e-7,0.25\n".utf8))
    try handle.close()
    return (root, baseline.deletingLastPathComponent().appendingPathComponent("x7"))
  }

  @Test func anEntryWithoutABaselineNamesTheCommandThatRecordsItAndTheOthersAreChecked() throws {
    let (root, x7) = try Self.withNewEntry()
    defer { try? FileManager.default.removeItem(at: root) }
    let record = "`\(SweepBinary.command()) gate --record x7 --root \(root.path)`"
    let missing = try GateRecoveryBinaryTests.gate(root)
    #expect(missing.status == 1, "\(missing.error)")
    #expect(missing.error.isEmpty, "\(missing.error)")
    #expect(missing.output.hasPrefix("m: ok, compared byte for byte"), "\(missing.output)")
    #expect(
      missing.output.contains(
        "\nx7: no baseline yet (\(x7.path) does not exist); record it with \(record)\n"),
      "\(missing.output)")
    #expect(
      missing.output.hasSuffix("gate: 1 of 2 failed (x7 has no baseline), 1 ok\n"),
      "\(missing.output)")
    // A folder made by hand, holding none of the files the gate records.
    try FileManager.default.createDirectory(at: x7, withIntermediateDirectories: false)
    try "why x7\n".write(
      to: x7.appendingPathComponent("NOTES.md"), atomically: true, encoding: .utf8)
    let empty = try GateRecoveryBinaryTests.gate(root, ["x7"])
    #expect(empty.status == 1, "\(empty.error)")
    #expect(
      empty.output == "x7: no baseline yet (\(x7.path) holds no recorded results); record it "
        + "with \(record)\ngate: 1 of 1 failed (x7 has no baseline), 0 ok\n")
    // The command named records it; the gate then passes.
    let recorded = try GateRecoveryBinaryTests.gate(root, ["--record", "x7"])
    #expect(recorded.status == 0, "\(recorded.error)")
    let passing = try GateRecoveryBinaryTests.gate(root)
    #expect(passing.status == 0, "\(passing.output)\(passing.error)")
    #expect(passing.output.hasSuffix("gate: 2 of 2 ok\n"), "\(passing.output)")
  }

  @Test func aBaselineFileThatCannotBeReadIsNamedAtItsPathInTheBaseline() throws {
    let (root, x7) = try Self.withNewEntry()
    defer { try? FileManager.default.removeItem(at: root) }
    let recorded = try GateRecoveryBinaryTests.gate(root, ["--record", "x7"])
    #expect(recorded.status == 0, "\(recorded.error)")
    let metrics = x7.appendingPathComponent("metrics.csv")
    try Data([0x61, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: metrics)
    // Byte for byte (the baseline's numeric environment), then within tolerances (none
    // recorded): either way the entry fails and the other one is checked.
    let bytes = try GateRecoveryBinaryTests.gate(root)
    #expect(bytes.status == 1, "\(bytes.error)")
    #expect(bytes.output.contains("\n  metrics.csv: bytes differ"), "\(bytes.output)")
    #expect(bytes.output.hasSuffix("gate: 1 of 2 failed (x7 differs), 1 ok\n"), "\(bytes.output)")
    try FileManager.default.removeItem(at: x7.appendingPathComponent("environment.csv"))
    let tolerance = try GateRecoveryBinaryTests.gate(root)
    #expect(tolerance.status == 1, "\(tolerance.error)")
    #expect(tolerance.error.isEmpty, "\(tolerance.error)")
    #expect(
      tolerance.output.contains("\n  cannot compare: \(metrics.path): not UTF-8 text"),
      "\(tolerance.output)")
    #expect(!tolerance.output.contains("runner-gate-"), "\(tolerance.output)")
    #expect(
      tolerance.output.hasSuffix("gate: 1 of 2 failed (x7 differs), 1 ok\n"),
      "\(tolerance.output)")
    // A file the fresh run writes missing from the baseline.
    try FileManager.default.removeItem(at: metrics)
    let lacking = try GateRecoveryBinaryTests.gate(root, ["x7"])
    #expect(lacking.status == 1, "\(lacking.error)")
    #expect(
      lacking.output.contains("\n  metrics.csv: only in the fresh results\n"), "\(lacking.output)")
  }
}
