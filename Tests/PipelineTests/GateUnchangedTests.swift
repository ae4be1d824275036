import Foundation
import Testing

@testable import Pipeline

/// `gate --record` leaves a baseline whose compared files the fresh run wrote byte for byte as
/// it is, its `environment.csv` included (tester AB10: every re-record churned the environment
/// records of unchanged baselines, git noise); one whose results changed is recorded.
struct GateUnchangedTests {
  /// The project of `GateRecoveryTests` with the fresh run's `summary.csv` the baseline's, and
  /// an environment record on each side that differs (another time, another machine).
  static func unchanged(_ label: String = #function) throws -> (RegressionGate, GateEntry, URL) {
    let (gate, entry, fresh) = try GateRecoveryTests.project(label)
    let baseline = gate.baseline(entry)
    try "loss\n1.0\n".write(
      to: fresh.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
    try "key,value\nstarted_at,2026-12-04T21:25:16Z\n".write(
      to: baseline.appendingPathComponent("environment.csv"), atomically: true, encoding: .utf8)
    try "key,value\nstarted_at,2026-12-05T02:40:00Z\n".write(
      to: fresh.appendingPathComponent("environment.csv"), atomically: true, encoding: .utf8)
    return (gate, entry, fresh)
  }

  @Test func aBaselineWhoseResultsAreTheFreshRunsIsLeftUntouched() throws {
    let (gate, entry, fresh) = try Self.unchanged()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    let baseline = gate.baseline(entry)
    let before = try Self.snapshot(baseline)
    #expect(try gate.record(entry, fresh: fresh) == .unchanged)
    #expect(try Self.snapshot(baseline) == before)
    #expect(
      try String(contentsOf: baseline.appendingPathComponent("environment.csv"), encoding: .utf8)
        == "key,value\nstarted_at,2026-12-04T21:25:16Z\n")
    #expect(GateRecoveryTests.names(gate.baselineRoot) == ["gate.csv", "m"])
  }

  /// The unchanged check and the gate's account of differences find the differing files one
  /// way: the account lists them all, the check stops at the first.
  @Test func theUnchangedCheckStopsWhereTheAccountBegins() throws {
    let (gate, entry, fresh) = try Self.unchanged()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    let baseline = gate.baseline(entry)
    #expect(try RegressionGate.differingFiles(baseline, fresh).isEmpty)
    #expect(try RegressionGate.byteDifferences(baseline, fresh).isEmpty)
    try "loss\n1.00\n".write(
      to: fresh.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
    try "a\n1\n".write(
      to: fresh.appendingPathComponent("metrics.csv"), atomically: true, encoding: .utf8)
    let all = try RegressionGate.differingFiles(baseline, fresh)
    #expect(all.count == 2)
    #expect(try RegressionGate.differingFiles(baseline, fresh, limit: 1) == Array(all.prefix(1)))
    let account = try RegressionGate.byteDifferences(baseline, fresh)
    #expect(account.count == all.count)
    #expect(account.last == "metrics.csv: only in the fresh results")
    #expect(!gate.isUnchanged(entry, fresh: fresh))
  }

  /// One changed byte, a compared file on one side only, or an environment record missing from
  /// the baseline: recorded.
  @Test func aChangedResultIsRecorded() throws {
    for change in ["byte", "extra file", "no environment record"] {
      let (gate, entry, fresh) = try Self.unchanged("aChangedResultIsRecorded\(change)")
      defer { try? FileManager.default.removeItem(at: gate.root) }
      let baseline = gate.baseline(entry)
      switch change {
      case "byte":
        try "loss\n1.00\n".write(
          to: fresh.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
      case "extra file":
        try "a\n1\n".write(
          to: fresh.appendingPathComponent("metrics.csv"), atomically: true, encoding: .utf8)
      default:
        try FileManager.default.removeItem(at: baseline.appendingPathComponent("environment.csv"))
      }
      #expect(try gate.record(entry, fresh: fresh) == .recorded(note: nil), "\(change)")
      #expect(
        try String(contentsOf: baseline.appendingPathComponent("environment.csv"), encoding: .utf8)
          == "key,value\nstarted_at,2026-12-05T02:40:00Z\n", "\(change)")
    }
  }

  /// Each entry of `folder` (hidden ones included) with its bytes and modification time.
  static func snapshot(_ folder: URL) throws -> [String: String] {
    let fm = FileManager.default
    var entries: [String: String] = [:]
    for name in try fm.contentsOfDirectory(atPath: folder.path) {
      let path = folder.appendingPathComponent(name).path
      let modified = try fm.attributesOfItem(atPath: path)[.modificationDate] as? Date
      entries[name] =
        "\(modified?.timeIntervalSince1970 ?? 0) "
        + String(decoding: fm.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
    return entries
  }
}
