import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tester B's B9 and B10 with real processes: a sweep stopped (SIGSTOP, as Ctrl-Z) while it
/// holds a trial's lock. A second sweep of the spec runs the free trials first, then says what
/// it waits for (the holder's pid, stopped) and shows the quiet log's status line with the
/// trial as waiting; its `--timeout` ends the wait (exit 124). A third sweep, waiting while the
/// stopped one is killed, takes the trial over, and at its end removes the killed sweep's
/// `.sweep-<pid>.lock`; the folder is then the bytes of a sweep never stopped.
@Suite(.serialized)
struct SweepLockWaitBinaryTests {
  static let spec = SweepBinary.fixture("kill-grid.yaml")

  /// Starts `runner arguments` in the background, its output discarded.
  static func start(_ arguments: [String]) throws -> Process {
    guard let executable = SweepBinary.executable else { throw BinaryMissing() }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NO_COLOR": "1",
      "LLVM_PROFILE_FILE": "/dev/null",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// The trial whose lock process `pid` holds in `folder`, once it holds one (nil after 20 s).
  static func heldTrial(in folder: URL, by pid: Int32) -> String? {
    for _ in 0..<10_000 {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      for name in names
      where name.hasPrefix(".") && name.hasSuffix(".lock") && !name.hasPrefix(".sweep-") {
        let text = try? String(
          contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        if text == "\(pid)\n" { return String(name.dropFirst().dropLast(".lock".count)) }
      }
      usleep(2_000)
    }
    return nil
  }

  @Test func aSweepWaitsForAStoppedHolderSayingSoAfterTheFreeTrials() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let whole = root.appendingPathComponent("whole")
    let reference = try SweepBinary.run(["sweep", Self.spec, "--results-dir", whole.path])
    #expect(reference.status == 0, "\(reference.error)")
    let results = root.appendingPathComponent("results")
    let sweep = results.appendingPathComponent("sweep-kill-grid")
    let arguments = ["sweep", Self.spec, "--results-dir", results.path, "--jobs", "1"]

    // The holder, stopped (as Ctrl-Z stops it) while it holds a trial's lock: stopped, the
    // lock file still names it, so it still holds that lock.
    let holder = try Self.start(arguments)
    let pid = holder.processIdentifier
    defer {
      kill(pid, SIGKILL)
      kill(pid, SIGCONT)
      holder.waitUntilExit()
    }
    var locked: String?
    for _ in 0..<50 where locked == nil {
      guard let trial = Self.heldTrial(in: sweep, by: pid) else { break }
      kill(pid, SIGSTOP)
      let lockFile = sweep.appendingPathComponent(".\(trial).lock")
      usleep(50_000)
      if (try? String(contentsOf: lockFile, encoding: .utf8)) == "\(pid)\n" {
        locked = trial
      } else {
        kill(pid, SIGCONT)
      }
    }
    let trial = try #require(locked, "the holder never held a trial's lock")

    let waiting = try SweepBinary.run(arguments + ["--timeout", "16s"])
    #expect(waiting.status == 124, "\(waiting.error)")
    #expect(waiting.error.contains("waiting for trial \(trial) (3s so far), "), "\(waiting.error)")
    #expect(
      waiting.error.contains(
        "s so far), locked by process \(pid) (stopped; it goes on when that process is resumed "
          + "(fg, kill -CONT \(pid)) or ends)"), "\(waiting.error)")
    // The quiet log's status line comes while it waits, with the trial as waiting.
    #expect(waiting.error.contains(", 0 running, 1 waiting, 0 failed"), "\(waiting.error)")
    #expect(
      waiting.output.contains(
        "time budget of 16s spent: 1 trial not started; re-run the same command to resume"),
      "\(waiting.output)")
    // Every free trial ran while the holder was stopped.
    #expect(SweepBinary.completeTrials(in: sweep) == 11)
    #expect(
      !FileManager.default.fileExists(
        atPath: sweep.appendingPathComponent("\(trial)/status.csv").path))

    // A third sweep waits; the stopped holder is killed meanwhile: the trial is taken over, and
    // the killed sweep's registration is gone at the end.
    let started = Date()
    let finishing = try SweepBinary.run(
      arguments,
      killWhen: {
        if Date().timeIntervalSince(started) > 1.5 {
          kill(pid, SIGKILL)
          kill(pid, SIGCONT)
        }
        return false
      })
    #expect(finishing.status == 0, "\(finishing.error)")
    #expect(
      finishing.output.contains("ran 1 trial (1 ok, 0 failed), skipped 11"), "\(finishing.output)")
    let left = (try? FileManager.default.contentsOfDirectory(atPath: sweep.path)) ?? []
    #expect(left.filter { $0.hasSuffix(".lock") }.isEmpty, "\(left)")
    #expect(
      SweepBinary.contents(of: sweep)
        == SweepBinary.contents(of: whole.appendingPathComponent("sweep-kill-grid")))
  }
}
