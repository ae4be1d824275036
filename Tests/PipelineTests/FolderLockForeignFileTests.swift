import Foundation
import Testing

@testable import Pipeline

/// A lock file's name is predictable (`.<folder>.lock`): a symbolic link there had the runner
/// truncate its target, any file, and write its pid into it, and a file of the user's at that
/// name was overwritten and then removed (tester BU-18). Only the runner's own lock file is
/// written or removed; anything else refuses the folder, left as it is.
@Suite struct FolderLockForeignFileTests {
  @Test func aLinkAtTheLockFilesNameIsNotWrittenThrough() throws {
    let (root, folder) = try FolderLockBriefTests.folder()
    defer { try? FileManager.default.removeItem(at: root) }
    let victim = root.appendingPathComponent("victim.txt")
    try "VICTIM\n".write(to: victim, atomically: true, encoding: .utf8)
    let lock = FolderLock.lockFile(of: folder)
    try FileManager.default.createSymbolicLink(at: lock, withDestinationURL: victim)
    #expect {
      try FolderLock.acquire(folder)
    } throws: { error in
      "\(error)".contains(
        "its lock file .a.lock is a symbolic link to \(victim.path), which the runner never "
          + "writes through: remove the link")
    }
    #expect(FolderLock.acquireBriefly(folder) { _, _ in } == nil)
    FolderLock.removeIfFree(lock)
    #expect(try String(contentsOf: victim, encoding: .utf8) == "VICTIM\n")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: lock.path) == victim.path)
  }

  @Test func aFileOfYoursAtTheLockFilesNameIsKept() throws {
    let (root, folder) = try FolderLockBriefTests.folder()
    defer { try? FileManager.default.removeItem(at: root) }
    let lock = FolderLock.lockFile(of: folder)
    try "my notes\n".write(to: lock, atomically: true, encoding: .utf8)
    #expect {
      try FolderLock.acquire(folder)
    } throws: { error in
      "\(error)".contains(".a.lock in it is no lock file the runner wrote")
    }
    FolderLock.removeIfFree(lock)
    #expect(try String(contentsOf: lock, encoding: .utf8) == "my notes\n")
    // The runner's own lock file, left by a process that is gone, is taken over and removed.
    try "2147483646\n".write(to: lock, atomically: true, encoding: .utf8)
    let taken = try FolderLock.acquire(folder)
    #expect(taken.isHeld)
    #expect(try String(contentsOf: lock, encoding: .utf8) == "\(getpid())\n")
    taken.release()
    #expect(!FileManager.default.fileExists(atPath: lock.path))
  }
}
