import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension WrittenRecord {
  /// The lock of one folder within this process: a thread holding it may take it again (a
  /// nested call), another thread waits for it, and only the outermost holder takes the
  /// folder's `flock`.
  private final class FolderGate: @unchecked Sendable {
    let lock = NSRecursiveLock()
    /// How deep the thread holding `lock` is in nested calls (read and written under `lock`).
    var depth = 0
    /// The calls holding or waiting for `lock` (read and written under `gates`' lock).
    var users = 0
  }

  /// The gates of the folders this process holds or waits for serialized, by path.
  private static let gates = Mutex<[String: FolderGate]>([:])

  /// Runs `body`, which checks, rewrites and records files of `folder` in place, holding an
  /// exclusive `flock` on the folder itself: two processes rewriting one folder (two shards of
  /// a sweep writing its summary and report) then do it one at a time, so neither loses the
  /// other's record line nor keeps the other's file in `.history` as one you edited. Two
  /// threads of one process (a sweep's trials finishing at once) wait for each other alike
  /// (tester BN-1: the second ran unlocked); a nested call on the same thread runs at once. A
  /// folder that cannot be opened runs `body` unlocked (its writes then fail on their own).
  static func serialized<T, E: Error>(in folder: URL, _ body: () throws(E) -> T) throws(E) -> T {
    let path = folder.standardizedFileURL.path
    let gate = gates.withLock { gates in
      let gate = gates[path] ?? FolderGate()
      gate.users += 1
      gates[path] = gate
      return gate
    }
    defer {
      gates.withLock { gates in
        gate.users -= 1
        if gate.users == 0 { gates[path] = nil }
      }
    }
    gate.lock.lock()
    defer { gate.lock.unlock() }
    gate.depth += 1
    defer { gate.depth -= 1 }
    guard gate.depth == 1 else { return try body() }
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return try body() }
    defer { close(fd) }
    while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
    defer { _ = flock(fd, LOCK_UN) }
    return try body()
  }
}
