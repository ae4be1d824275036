import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension WrittenRecord {
  /// The folders this process holds serialized (`serialized(in:_:)`), so that a nested call
  /// runs at once instead of waiting for itself.
  private static let held = Mutex<Set<String>>([])

  /// Runs `body`, which checks, rewrites and records files of `folder` in place, holding an
  /// exclusive `flock` on the folder itself: two processes rewriting one folder (two shards of
  /// a sweep writing its summary and report) then do it one at a time, so neither loses the
  /// other's record line nor keeps the other's file in `.history` as one you edited. A folder
  /// that cannot be opened runs `body` unlocked (its writes then fail on their own).
  static func serialized<T, E: Error>(in folder: URL, _ body: () throws(E) -> T) throws(E) -> T {
    let path = folder.standardizedFileURL.path
    guard held.withLock({ $0.insert(path).inserted }) else { return try body() }
    defer { _ = held.withLock { $0.remove(path) } }
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return try body() }
    defer { close(fd) }
    while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
    defer { _ = flock(fd, LOCK_UN) }
    return try body()
  }
}
