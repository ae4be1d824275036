import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A sweep killed while another sweep of the same spec ran leaves its `.sweep-<pid>.lock`; the
/// sweep that finishes the work removes it at its end, as it does at its start (tester B's
/// B10: the lock stayed until the next sweep).
@Suite(.serialized)
struct EndCleanupBinaryTests {
  @Test func aSweepRemovesTheLockOfASweepThatDiedWhileItRan() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let sweep = results.appendingPathComponent("sweep-kill-grid")
    try FileManager.default.createDirectory(at: sweep, withIntermediateDirectories: true)
    // The other sweep: its registration held by this process, let go (as when it is killed)
    // once this sweep has finished its first trial.
    let lockFile = sweep.appendingPathComponent(".sweep-\(getpid()).lock")
    let fd = open(lockFile.path, O_RDWR | O_CREAT, 0o644)
    defer { close(fd) }
    #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
    var released = false
    let r = try SweepBinary.run(
      [
        "sweep", SweepBinary.fixture("kill-grid.yaml"), "--jobs", "1", "--results-dir",
        results.path,
      ],
      killWhen: {
        if !released, SweepBinary.completeTrials(in: sweep) > 0 {
          flock(fd, LOCK_UN)
          released = true
        }
        return false
      })
    #expect(r.status == 0, "\(r.error)")
    #expect(released)
    #expect(!FileManager.default.fileExists(atPath: lockFile.path))
  }
}
