import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A Ctrl-C, SIGTERM or SIGHUP in the first moments of `runner run` or `runner sweep`, before
/// the command line is parsed (the crash hook's `start` point signals the process there): the
/// line saying nothing was written, the signal's exit status, and nothing written; they ended
/// silently before.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct StopsFromStartBinaryTests {
  @Test(arguments: [
    ("int", "interrupted", Int32(130)), ("term", "terminated", 143), ("hup", "terminated", 129),
  ])
  func aRunStoppedAsItStartsSaysNothingWasWritten(signal: String, word: String, status: Int32)
    throws
  {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("early.yaml")
    try SweepBinary.longRun("early", epochs: 30).write(to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results")
    let r = try SweepBinary.run(
      ["run", spec.path, "--results-dir", results.path],
      environment: ["RUNNER_SWEEP_CRASH_AT": "start:1:\(signal)"])
    #expect(!r.killed, "ended by the signal's default action: \(r.error)")
    #expect(r.status == status, "\(r.error)")
    #expect(r.error.hasSuffix("\n\(word): stopped before the run started; nothing was written\n"))
    #expect(!FileManager.default.fileExists(atPath: results.path))
    // `runner SPEC` (the default command) and `--json`: the same line, and its JSON document.
    let j = try SweepBinary.run(
      [spec.path, "--results-dir", results.path, "--json"],
      environment: ["RUNNER_SWEEP_CRASH_AT": "start:1:\(signal)"])
    #expect(j.status == status, "\(j.error)")
    #expect(j.output.contains(#""command":"run""#), "\(j.output)")
    #expect(j.output.contains("nothing was written"), "\(j.output)")
  }

  @Test func aSweepStoppedAsItStartsSaysNothingWasWritten() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let r = try SweepBinary.run(
      ["sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir", results.path],
      environment: ["RUNNER_SWEEP_CRASH_AT": "start:1:term"])
    #expect(!r.killed, "ended by the signal's default action: \(r.error)")
    #expect(r.status == 143, "\(r.error)")
    #expect(
      r.error.hasSuffix("\nterminated: stopped before the sweep started; nothing was written\n"))
    #expect(!FileManager.default.fileExists(atPath: results.path))
  }

  /// Once the sweep's own stops are installed and before it writes anything, SIGTERM and
  /// SIGHUP say nothing was written, as in its first moments (it said "finished trials are
  /// kept", tester BB).
  @Test(arguments: [("term", Int32(143)), ("hup", 129)])
  func aSweepStoppedBeforeItWritesSaysNothingWasWritten(signal: String, status: Int32) throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let r = try SweepBinary.run(
      ["sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir", results.path],
      environment: ["RUNNER_SWEEP_CRASH_AT": "sweep-stops:1:\(signal)"])
    #expect(!r.killed, "ended by the signal's default action: \(r.error)")
    #expect(r.status == status, "\(r.error)")
    #expect(
      r.error.hasSuffix("\nterminated: stopped before the sweep started; nothing was written\n"),
      "\(r.error)")
    #expect(!FileManager.default.fileExists(atPath: results.path))
  }
}
