import Foundation
import Testing

/// `gate --record` on an unchanged checkout leaves each baseline whose results are the fresh
/// run's byte for byte as it is, its `environment.csv` included (tester AB10), says so, and
/// counts it; a baseline whose results changed is recorded.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct GateUnchangedBinaryTests {
  /// Each file below `folder` (hidden ones included) with its bytes and modification time.
  static func snapshot(_ folder: URL) throws -> [String: String] {
    let fm = FileManager.default
    var entries: [String: String] = [:]
    for path in fm.subpaths(atPath: folder.path) ?? [] {
      let url = folder.appendingPathComponent(path)
      let modified = try fm.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
      entries[path] =
        "\(modified?.timeIntervalSince1970 ?? 0) "
        + String(decoding: fm.contents(atPath: url.path) ?? Data(), as: UTF8.self)
    }
    return entries
  }

  @Test func anUnchangedBaselineIsLeftAsItIs() throws {
    let (root, baseline) = try GateRecoveryBinaryTests.recorded()
    defer { try? FileManager.default.removeItem(at: root) }
    let environment = baseline.appendingPathComponent("environment.csv")
    #expect(FileManager.default.fileExists(atPath: environment.path))
    let before = try Self.snapshot(baseline)
    let again = try GateRecoveryBinaryTests.gate(root, ["--record"])
    #expect(again.status == 0, "\(again.error)")
    #expect(
      again.output
        == "m: unchanged, \(baseline.path) left as it is (its results are the fresh run's byte "
        + "for byte)\ngate: 1 of 1 recorded (1 unchanged)\n")
    #expect(again.error == "")
    #expect(try Self.snapshot(baseline) == before)
    // Changed results are recorded: the fresh run's files replace the baseline's.
    let summary = baseline.appendingPathComponent("summary.csv")
    let recorded = try Data(contentsOf: summary)
    try GateRecoveryBinaryTests.outdate(baseline)
    let changed = try GateRecoveryBinaryTests.gate(root, ["--record"])
    #expect(changed.status == 0, "\(changed.error)")
    #expect(changed.output == "m: recorded \(baseline.path)\ngate: 1 of 1 recorded\n")
    #expect(try Data(contentsOf: summary) == recorded)
  }
}
