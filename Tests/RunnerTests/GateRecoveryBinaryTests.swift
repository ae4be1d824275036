import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `runner gate --record` killed between its two moves (the old baseline moved aside as
/// `.previous-<name>`, the new one not yet in place, or in place with the old one not yet
/// removed): the next `runner gate` puts the old baseline back (one line) or removes the
/// runner's own leftover; a `.previous-<name>` the runner did not mark is never removed.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct GateRecoveryBinaryTests {
  /// A project with one gate entry `m` (`WriteFaultBinaryTests.spec`), recorded once.
  static func recorded(_ label: String = #function) throws -> (root: URL, baseline: URL) {
    let dir = try WriteFaultBinaryTests.project(label)
    let baselines = dir.appendingPathComponent("results/baseline")
    try FileManager.default.createDirectory(at: baselines, withIntermediateDirectories: true)
    try "name,spec,command,atol,rtol,iteration_rtol\nm,m.yaml,run,1e-10,1e-7,0.25\n".write(
      to: baselines.appendingPathComponent("gate.csv"), atomically: true, encoding: .utf8)
    let first = try gate(dir, ["--record"])
    #expect(first.status == 0, "\(first.error)")
    return (dir, baselines.appendingPathComponent("m"))
  }

  /// Makes `baseline`'s `summary.csv` differ from what a fresh run writes, so that the next
  /// `--record` replaces it (one whose results are unchanged is left untouched).
  static func outdate(_ baseline: URL) throws {
    try "loss\n1.0\n".write(
      to: baseline.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
  }

  static func gate(_ root: URL, _ extra: [String] = [], environment: [String: String] = [:])
    throws -> SweepBinary.Result
  {
    // The fresh runs' folder goes under the project, so a killed gate leaves nothing in /tmp.
    let temporary = root.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    return try SweepBinary.run(
      ["gate", "--root", root.path] + extra,
      environment: environment.merging(["TMPDIR": temporary.path]) { a, _ in a })
  }

  static let putBack = "m: put back the baseline an interrupted --record left in .previous-m\n"

  @Test func aBaselineLeftAsideIsPutBackByTheNextGate() throws {
    let (root, baseline) = try Self.recorded()
    defer { try? FileManager.default.removeItem(at: root) }
    let before = SweepBinary.contents(of: baseline)
    let previous = baseline.deletingLastPathComponent().appendingPathComponent(".previous-m")
    // The state on disk a kill between the moves leaves: only `.previous-m`, marked.
    try Data().write(to: baseline.appendingPathComponent(".moved-aside-by-runner-gate"))
    try FileManager.default.moveItem(at: baseline, to: previous)
    let check = try Self.gate(root)
    #expect(check.status == 0, "\(check.error)")
    #expect(check.error == Self.putBack)
    #expect(SweepBinary.contents(of: baseline) == before)
    #expect(!FileManager.default.fileExists(atPath: previous.path))
  }

  @Test func aRecordKilledBetweenItsMovesIsRepairedByTheNextGate() throws {
    let (root, baseline) = try Self.recorded()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let before = SweepBinary.contents(of: baseline)
    let folder = baseline.deletingLastPathComponent()
    let previous = folder.appendingPathComponent(".previous-m")
    try Self.outdate(baseline)
    // Killed with the old baseline aside: `--record` again puts it back first, then records.
    let aside = try Self.gate(
      root, ["--record"], environment: ["RUNNER_SWEEP_CRASH_AT": "gate-record-aside:1"])
    #expect(aside.killed && aside.status == SIGKILL, "the hook did not fire: \(aside.error)")
    #expect(!fm.fileExists(atPath: baseline.path) && fm.fileExists(atPath: previous.path))
    let again = try Self.gate(
      root, ["--record"], environment: ["RUNNER_SWEEP_CRASH_AT": "gate-record-placed:1"])
    #expect(again.killed && again.status == SIGKILL, "the hook did not fire: \(again.error)")
    #expect(again.error.hasPrefix(Self.putBack), "\(again.error)")
    // Killed with the new baseline in place: the runner's leftover goes, silently.
    #expect(fm.fileExists(atPath: baseline.path) && fm.fileExists(atPath: previous.path))
    let check = try Self.gate(root)
    #expect(check.status == 0, "\(check.error)")
    #expect(check.error == "")
    #expect(SweepBinary.contents(of: baseline) == before)
    #expect(try fm.contentsOfDirectory(atPath: folder.path).sorted() == ["gate.csv", "m"])
    #expect(try fm.contentsOfDirectory(atPath: baseline.path).allSatisfy { !$0.hasPrefix(".") })
  }

  @Test func aPreviousFolderTheRunnerDidNotMarkIsNeverRemoved() throws {
    let (root, baseline) = try Self.recorded()
    defer { try? FileManager.default.removeItem(at: root) }
    let previous = baseline.deletingLastPathComponent().appendingPathComponent(".previous-m")
    try FileManager.default.createDirectory(at: previous, withIntermediateDirectories: true)
    let mine = previous.appendingPathComponent("notes.txt")
    try "mine\n".write(to: mine, atomically: true, encoding: .utf8)
    let check = try Self.gate(root)
    #expect(check.status == 0, "\(check.error)")
    #expect(
      check.error
        == "m: \(previous.path) is not a baseline the runner moved aside; left as it is (move it "
        + "away before recording m)\n")
    let record = try Self.gate(root, ["--record"])
    #expect(record.status == 73)
    #expect(
      record.error.hasSuffix(
        "error: \(previous.path) is in the way: recording keeps the earlier baseline under that "
          + "name, and it is not marked as one the runner moved aside; move it away, then "
          + "record again\n"),
      "\(record.error)")
    #expect(try String(contentsOf: mine, encoding: .utf8) == "mine\n")
  }

  /// A gate started while another holds the baselines' lock says so and waits for it.
  @Test func aGateWaitsForTheGateHoldingTheBaselines() throws {
    let (root, _) = try Self.recorded()
    defer { try? FileManager.default.removeItem(at: root) }
    let fd = open(
      root.appendingPathComponent("results/.baseline.lock").path, O_RDWR | O_CREAT, 0o644)
    #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
    _ = "4242\n".withCString { write(fd, $0, 5) }
    let executable = try #require(SweepBinary.executable)
    let process = Process()
    process.executableURL = executable
    process.arguments = ["gate", "--root", root.path]
    process.environment = ProcessInfo.processInfo.environment.merging(
      ["TMPDIR": root.appendingPathComponent("tmp").path]) { _, b in b }
    let errors = Pipe()
    (process.standardError, process.standardOutput) = (errors, Pipe())
    try process.run()
    DispatchQueue.global().asyncAfter(deadline: .now() + 120) {
      if process.isRunning { process.terminate() }
    }
    var said = ""
    while !said.contains("\n") {
      let data = errors.fileHandleForReading.availableData
      if data.isEmpty { break }
      said += String(decoding: data, as: UTF8.self)
    }
    #expect(said.hasPrefix("waiting for the gate with pid 4242, which holds "), "\(said)")
    #expect(process.isRunning)
    close(fd)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }
}
