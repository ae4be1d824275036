import Foundation
import Testing

@testable import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The brief holders of a folder's lock (`runner report`, `runner export`): a writer that finds
/// one waits for it instead of refusing, a brief holder waits for a writer and is told who it
/// is, and a lock this process already holds is not waited for. (`flock` locks belong to open
/// files, so two acquisitions in one process conflict as two processes' do.)
@Suite struct FolderLockBriefTests {
  /// A fresh folder `a` in a temporary directory.
  static func folder() throws -> (root: URL, folder: URL) {
    let root = TestProject.temporaryDirectory()
    let folder = root.appendingPathComponent("a")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return (root, folder)
  }

  @Test func aWriterWaitsForABriefHolderInsteadOfRefusing() throws {
    let (root, folder) = try Self.folder()
    defer { try? FileManager.default.removeItem(at: root) }
    let brief = try #require(FolderLock.acquireBriefly(folder) { _, _ in })
    #expect(brief.isHeld)
    let recorded = try String(contentsOf: FolderLock.lockFile(of: folder), encoding: .utf8)
    #expect(recorded == "\(getpid()) brief\n")
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var taken = false
    DispatchQueue.global().async {
      let writer = try? FolderLock.acquire(folder)
      taken = writer?.isHeld == true
      writer?.release()
      done.signal()
    }
    #expect(done.wait(timeout: .now() + 0.5) == .timedOut)
    brief.release()
    #expect(done.wait(timeout: .now() + 10) == .success)
    #expect(taken)
    #expect(!FileManager.default.fileExists(atPath: FolderLock.lockFile(of: folder).path))
  }

  /// Another process's lock (`flock(1)` for 2 s, the file recording pid 4242 as a writer's
  /// does).
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
  func aBriefHolderWaitsForAWriterAndIsToldWhoHoldsIt() throws {
    let (root, folder) = try Self.folder()
    defer { try? FileManager.default.removeItem(at: root) }
    let holder = try ForeignLockHolder(FolderLock.lockFile(of: folder), seconds: 2)
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var told: [String] = []
    nonisolated(unsafe) var taken = false
    DispatchQueue.global().async {
      let brief = FolderLock.acquireBriefly(folder, shownAs: "results/a") { told.append($0) }
      taken = brief?.isHeld == true
      brief?.release()
      done.signal()
    }
    // Told while it waits (the holder keeps the lock 2 s): awaited, not timed (the first poll
    // may come late on a loaded machine).
    let deadline = Date().addingTimeInterval(1.5)
    while told.isEmpty && Date() < deadline { usleep(10_000) }
    #expect(done.wait(timeout: .now()) == .timedOut)
    // The holder read from its lock file (pid 4242, a writer), said as the folder is shown.
    let line = "note: " + FolderLock.waitingLine(path: "results/a", holder: 4242, brief: false)
    #expect(told == [line])
    #expect(done.wait(timeout: .now() + 10) == .success)
    #expect(taken)
    // Told once, however long it waited.
    #expect(told == [line])
    withExtendedLifetime(holder) {}
  }

  /// A sweep holding its folder's lock that rebuilds its report there takes no second lock of
  /// its own (which would wait for ever).
  @Test func aLockThisProcessHoldsIsNotWaitedFor() throws {
    let (root, folder) = try Self.folder()
    defer { try? FileManager.default.removeItem(at: root) }
    let writer = try FolderLock.acquire(folder)
    defer { writer.release() }
    let brief = try #require(FolderLock.acquireBriefly(folder) { _, _ in Issue.record("waited") })
    #expect(!brief.isHeld)
    brief.release()
    // The writer's lock is untouched: another writer is still refused.
    #expect(throws: FolderError.self) { try FolderLock.acquire(folder) }
  }

  @Test func theWaitingLineNamesTheHolderAndWhatItDoes() {
    #expect(
      FolderLock.waitingLine(path: "results/cat", holder: 42, brief: false)
        == "waiting for results/cat: process 42 is writing it (a run, a sweep's trial or start, "
        + "a merge); going on once it is done (Ctrl-C to stop waiting)")
    #expect(
      FolderLock.waitingLine(path: "results/cat", holder: 0, brief: true).hasPrefix(
        "waiting for results/cat: another process is reading it for a report or an export"))
  }
}
