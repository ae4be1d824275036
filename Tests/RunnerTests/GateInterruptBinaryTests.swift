import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C and SIGTERM during `runner gate` on the built binary: exit 130 / 143, one line saying
/// how the baselines are, no work folder and no lock file left, every baseline whole. And the
/// work folder a gate killed with `kill -9` left is removed by the next gate, when provably its.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct GateInterruptBinaryTests {
  /// Long enough to be interrupted while training, short enough to end on its own.
  static let long = SweepBinary.longRun("long")

  /// A project whose manifest lists `entries` (`m`, the quick spec, and `long`), each with a
  /// baseline of one hand-written file, as no run writes it.
  static func project(_ entries: [String], _ label: String = #function) throws -> URL {
    let root = try WriteFaultBinaryTests.project(label)
    try long.write(to: root.appendingPathComponent("long.yaml"), atomically: true, encoding: .utf8)
    let baselines = root.appendingPathComponent("results/baseline")
    for name in entries {
      let folder = baselines.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try "loss\n1.0\n".write(
        to: folder.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
    }
    let rows = entries.map { "\($0),\($0).yaml,run,1e-10,1e-7,0.25\n" }.joined()
    try ("name,spec,command,atol,rtol,iteration_rtol\n" + rows).write(
      to: baselines.appendingPathComponent("gate.csv"), atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("tmp"), withIntermediateDirectories: true)
    return root
  }

  /// Runs `runner gate --root root extra` with TMPDIR `root/tmp`; once `ready(work folder)`
  /// holds (polled every 5 ms), sends `signal`. Stopped after two minutes at most.
  static func gate(
    _ root: URL, _ extra: [String], signal: Int32, once ready: (URL) -> Bool
  ) throws -> SweepBinary.Result {
    guard let executable = SweepBinary.executable else { throw BinaryMissing() }
    let process = Process()
    process.executableURL = executable
    process.arguments = ["gate", "--root", root.path] + extra
    process.environment = ProcessInfo.processInfo.environment.merging(
      ["TMPDIR": root.appendingPathComponent("tmp").path, "NO_COLOR": "1"]) { _, b in b }
    let (out, err) = (Pipe(), Pipe())
    (process.standardOutput, process.standardError) = (out, err)
    try process.run()
    nonisolated(unsafe) var errors = Data()
    let drained = DispatchGroup()
    drained.enter()
    DispatchQueue.global().async {
      errors = err.fileHandleForReading.readDataToEndOfFile()
      drained.leave()
    }
    let output = out.fileHandleForReading
    DispatchQueue.global().async { _ = output.readDataToEndOfFile() }
    let work = Self.privateFolder(root).appendingPathComponent(
      "runner-gate-\(process.processIdentifier)")
    let deadline = Date().addingTimeInterval(120)
    while process.isRunning && Date() < deadline {
      if ready(work) {
        kill(process.processIdentifier, signal)
        break
      }
      usleep(5_000)
    }
    if process.isRunning && Date() >= deadline { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    drained.wait()
    return SweepBinary.Result(
      status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
      output: "", error: String(decoding: errors, as: UTF8.self))
  }

  /// The work folder is made and marked, and the run of `long` in it under way (locked).
  static func running(_ work: URL) -> Bool {
    let fm = FileManager.default
    return fm.fileExists(atPath: work.appendingPathComponent(".runner-gate-work").path)
      && fm.fileExists(atPath: work.appendingPathComponent(".long.lock").path)
  }

  /// The folder of this user's gate work folders in the project's `tmp` (the tests' TMPDIR).
  static func privateFolder(_ root: URL) -> URL {
    root.appendingPathComponent("tmp/runner-gate-user-\(geteuid())")
  }

  /// Nothing of the gate's is left: no work folder (the user's private folder of them stays,
  /// empty), no lock file, no hidden folder beside the baselines.
  static func expectNothingLeft(_ root: URL) throws {
    let fm = FileManager.default
    let temporary = try fm.contentsOfDirectory(atPath: root.appendingPathComponent("tmp").path)
    #expect(temporary == [Self.privateFolder(root).lastPathComponent], "\(temporary)")
    let work = try fm.contentsOfDirectory(atPath: Self.privateFolder(root).path)
    #expect(work == [], "\(work)")
    #expect(
      try fm.contentsOfDirectory(atPath: root.appendingPathComponent("results").path) == [
        "baseline"
      ])
    let baselines = root.appendingPathComponent("results/baseline")
    #expect(try fm.contentsOfDirectory(atPath: baselines.path).allSatisfy { !$0.hasPrefix(".") })
  }

  @Test func ctrlCDuringACheckLeavesNothingAndExits130() throws {
    let root = try Self.project(["long"])
    defer { try? FileManager.default.removeItem(at: root) }
    let baselines = root.appendingPathComponent("results/baseline")
    let before = SweepBinary.contents(of: baselines)
    let r = try Self.gate(root, [], signal: SIGINT, once: Self.running)
    #expect(r.status == 130, "\(r.error)")
    #expect(
      r.error
        == "\ninterrupted: a check records no baseline; run the gate again to check\n")
    #expect(SweepBinary.contents(of: baselines) == before)
    try Self.expectNothingLeft(root)
  }

  @Test func sigtermDuringARecordLeavesEveryBaselineAsItWasAndExits143() throws {
    let root = try Self.project(["long"])
    defer { try? FileManager.default.removeItem(at: root) }
    let baselines = root.appendingPathComponent("results/baseline")
    let before = SweepBinary.contents(of: baselines)
    let r = try Self.gate(root, ["--record"], signal: SIGTERM, once: Self.running)
    #expect(r.status == 143, "\(r.error)")
    #expect(r.error == "\nterminated: no baseline was recorded; each is as it was\n")
    #expect(SweepBinary.contents(of: baselines) == before)
    try Self.expectNothingLeft(root)
  }

  /// Interrupted while running the second entry: the first is recorded whole, the second's
  /// baseline is as it was, and the line says so.
  @Test func ctrlCDuringARecordNamesWhatWasRecorded() throws {
    let root = try Self.project(["m", "long"])
    defer { try? FileManager.default.removeItem(at: root) }
    let baselines = root.appendingPathComponent("results/baseline")
    let long = SweepBinary.contents(of: baselines.appendingPathComponent("long"))
    let r = try Self.gate(root, ["--record"], signal: SIGINT, once: Self.running)
    #expect(r.status == 130, "\(r.error)")
    #expect(
      r.error
        == "\ninterrupted: recorded m, each whole; the other baselines are as they were (review "
        + "git diff results/baseline)\n")
    #expect(SweepBinary.contents(of: baselines.appendingPathComponent("long")) == long)
    let m = SweepBinary.contents(of: baselines.appendingPathComponent("m"))
    #expect(m["summary.csv"] != Data("loss\n1.0\n".utf8) && m["spec.resolved.yaml"] != nil)
    try Self.expectNothingLeft(root)
  }

  /// A gate killed with `kill -9` during a fresh run leaves its work folder; the next gate
  /// removes it, and only it: not an unmarked `runner-gate-*`, nor a live process's.
  @Test func theWorkFolderOfAKilledGateIsRemovedByTheNextGate() throws {
    let (root, _) = try GateRecoveryBinaryTests.recorded()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let temporary = Self.privateFolder(root)
    let killed = try GateRecoveryBinaryTests.gate(
      root, environment: ["RUNNER_SWEEP_CRASH_AT": "run-write:1"])
    #expect(killed.killed && killed.status == SIGKILL, "the hook did not fire: \(killed.error)")
    let left = try fm.contentsOfDirectory(atPath: temporary.path)
    #expect(left.count == 1 && left[0].hasPrefix("runner-gate-"), "\(left)")
    let unmarked = temporary.appendingPathComponent("\(left[0])-2")
    try fm.createDirectory(at: unmarked, withIntermediateDirectories: true)
    try "mine\n".write(
      to: unmarked.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let live = temporary.appendingPathComponent("runner-gate-1")
    try fm.createDirectory(at: live, withIntermediateDirectories: true)
    try "1\n".write(
      to: live.appendingPathComponent(".runner-gate-work"), atomically: true, encoding: .utf8)
    // Killed before it marked its folder: an empty one goes too.
    let empty = temporary.appendingPathComponent("\(left[0])-3")
    try fm.createDirectory(at: empty, withIntermediateDirectories: true)
    let check = try GateRecoveryBinaryTests.gate(root)
    #expect(check.status == 0, "\(check.error)")
    let kept = try fm.contentsOfDirectory(atPath: temporary.path).sorted()
    #expect(kept == ["runner-gate-1", "\(left[0])-2"], "\(kept)")
    #expect(fm.fileExists(atPath: unmarked.appendingPathComponent("notes.txt").path))
  }
}
