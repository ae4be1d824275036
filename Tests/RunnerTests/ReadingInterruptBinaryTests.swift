import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C or SIGTERM while `runner validate` or `runner data show` reads a big file (tester
/// BP-4): one line and exit 130 or 143 made by the command, as every other command does; they
/// died by the signal, silently. Signalled once the process holds the file open or mapped.
@Suite(
  .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"),
  .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/maps"), "reads /proc"))
struct ReadingInterruptBinaryTests {
  /// A folder holding `big.csv` (`blocks` of 2000 rows; 60 make about 12 MB, seconds of
  /// reading in a debug build) and `big.yaml`, a logreg on it.
  static func project(blocks: Int = 60, label: String = #function) throws -> URL {
    let dir = SweepBinary.temporaryDirectory(label)
    var block = ""
    for i in 0..<2000 {
      block +=
        (0..<16).map { "\(Double((i * 31 + $0 * 7) % 1000) / 997)" }
        .joined(separator: ",") + ",\(i % 2)\n"
    }
    let csv = dir.appendingPathComponent("big.csv")
    let header = (0..<16).map { "x\($0)" }.joined(separator: ",") + ",y\n"
    try header.write(to: csv, atomically: true, encoding: .utf8)
    let handle = try FileHandle(forWritingTo: csv)
    handle.seekToEndOfFile()
    let bytes = Data(block.utf8)
    for _ in 0..<blocks { handle.write(bytes) }
    try handle.close()
    try """
    dataset: {file: big.csv, target: y, split: {train: 0.8, test: 0.2}}
    model: {type: logreg}

    """.write(to: dir.appendingPathComponent("big.yaml"), atomically: true, encoding: .utf8)
    return dir
  }

  /// Whether process `pid` holds `path` open or memory-mapped (it is reading it).
  static func reads(_ path: String, _ pid: Int32) -> Bool {
    if let maps = try? String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8),
      maps.contains(path)
    {
      return true
    }
    let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
    return fds.contains {
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)"))
        == path
    }
  }

  @Test(arguments: [(SIGINT, "interrupted", Int32(130)), (SIGTERM, "terminated", 143)])
  func validateSaysItWroteNothing(signal: Int32, word: String, status: Int32) throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("big.csv").resolvingSymlinksInPath().path
    let r = try SweepBinary.run(
      ["validate", "big.yaml"], in: dir, with: signal, interruptWhen: { Self.reads(csv, $0) })
    #expect(r.signalled, "ended before it was seen reading: \(r.error)")
    #expect(!r.killed, "ended by the signal's default action: \(r.error)")
    #expect(r.status == status, "\(r.error)")
    #expect(
      r.error.hasSuffix(
        "\n\(word): nothing was written (validate only reads the specs and their data)\n"),
      "\(r.error)")
    #expect(r.output.isEmpty, "\(r.output)")
  }

  @Test func validateJSONSaysItStopped() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("big.csv").resolvingSymlinksInPath().path
    let r = try SweepBinary.run(
      ["validate", "big.yaml", "--json"], in: dir, interruptWhen: { Self.reads(csv, $0) })
    #expect(r.signalled && !r.killed && r.status == 130, "\(r.error)")
    #expect(r.output.contains(#""command":"validate""#), "\(r.output)")
    #expect(r.output.contains("nothing was written"), "\(r.output)")
  }

  @Test func dataShowSaysSo() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("big.csv").resolvingSymlinksInPath().path
    let r = try SweepBinary.run(
      ["data", "show", "big.csv"], in: dir, with: SIGTERM,
      interruptWhen: { Self.reads(csv, $0) })
    #expect(r.signalled && !r.killed, "\(r.error)")
    #expect(r.status == 143, "\(r.error)")
    // A local file: no download began, so nothing was written (it said "the files fetched so
    // far are whole and verified").
    #expect(r.error.hasSuffix("\nterminated: nothing was written\n"), "\(r.error)")
  }

  /// As the process starts (the crash hook's `start` point), before the command installs its
  /// own stops: the line saying nothing was written, as `run`'s.
  @Test(arguments: [["validate", "big.yaml"], ["data", "show", "big.csv"]])
  func stoppedAsItStartsSaysNothingWasWritten(arguments: [String]) throws {
    let dir = try Self.project(blocks: 1)
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try SweepBinary.run(
      arguments, environment: ["RUNNER_SWEEP_CRASH_AT": "start:1:int"], in: dir)
    #expect(!r.killed, "ended by the signal's default action: \(r.error)")
    #expect(r.status == 130, "\(r.error)")
    let name = arguments.dropLast().joined(separator: " ")
    #expect(
      r.error.hasSuffix("\ninterrupted: stopped before the \(name) started; nothing was written\n"),
      "\(r.error)")
  }
}
