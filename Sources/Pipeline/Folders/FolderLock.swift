import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive lock on a results folder (or one trial of a sweep), held with `flock` on a hidden
/// lock file beside it that records the holder's pid. The kernel releases the lock when the
/// holder exits, however it exits, so the lock of a dead process is taken over at once.
public final class FolderLock: @unchecked Sendable {
  private var descriptor: Int32
  /// The lock file.
  public let path: String

  /// The lock files this process holds.
  nonisolated(unsafe) private static var held: Set<String> = []
  private static let registry = NSLock()

  private init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

  /// The lock file of `folder`: `.<folder name>.lock` in its parent.
  public static func lockFile(of folder: URL) -> URL {
    folder.deletingLastPathComponent().appendingPathComponent(
      ".\(folder.lastPathComponent).lock")
  }

  /// Takes the lock of `folder`; when another live process holds it, waits for it if `wait`,
  /// else throws `.inUse` with that process's pid. Creates no folder: where the folder's parent
  /// does not exist yet, nothing can conflict, and the lock is a no-op; where the parent exists
  /// but takes no lock file (unwritable, `/proc`), throws `.unusable`.
  public static func acquire(_ folder: URL, wait: Bool = false) throws(FolderError) -> FolderLock {
    try acquire(file: lockFile(of: folder), folder: folder.path, wait: wait ? .blocking : .no)
  }

  /// Takes the lock of `folder`, waiting while another live process holds it: `waiting` is
  /// called with that process's pid (0 when unreadable) about every 0.1 s, and the wait ends,
  /// throwing `.inUse`, once it returns false (the caller stopped waiting).
  public static func acquire(_ folder: URL, waiting: @escaping (Int32) -> Bool)
    throws(FolderError)
    -> FolderLock
  {
    try acquire(file: lockFile(of: folder), folder: folder.path, wait: .polling(waiting))
  }

  /// How `acquire` treats a lock another process holds.
  private enum Wait {
    /// Throws `.inUse` at once.
    case no
    /// Blocks until the holder releases it.
    case blocking
    /// Polls, asking the closure every 0.1 s whether to go on waiting.
    case polling((Int32) -> Bool)
  }

  private static func acquire(file: URL, folder: String, wait: Wait) throws(FolderError)
    -> FolderLock
  {
    while true {
      // From creating the file to recording it as held, the registry is held: an interrupt's
      // `removeHeldFilesForExit` then waits for the record and removes the file, instead of
      // missing a file created a moment before it ran. Waiting for another holder is done
      // without it.
      registry.lock()
      let fd = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard fd >= 0 else {
        registry.unlock()
        let code = errno
        let parent = file.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: parent) else {
          return FolderLock(descriptor: -1, path: file.path)
        }
        throw .unusable(
          path: parent,
          reason:
            "cannot create \(file.lastPathComponent) in it (\(ResultsParent.systemError(code)))")
      }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        registry.unlock()
        try waitForHolder(fd, folder: folder, wait)
        registry.lock()
      }
      // The holder before us unlinks the file as it releases: lock the file now at the path.
      var held = stat()
      var current = stat()
      guard fstat(fd, &held) == 0, stat(file.path, &current) == 0, held.st_ino == current.st_ino
      else {
        registry.unlock()
        close(fd)
        continue
      }
      let text = Array("\(getpid())\n".utf8)
      _ = ftruncate(fd, 0)
      _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
      Self.held.insert(file.path)
      registry.unlock()
      return FolderLock(descriptor: fd, path: file.path)
    }
  }

  /// Waits, as `wait` says, for the live process holding the lock on `fd` to release it; closes
  /// `fd` and throws `.inUse` when not waiting or when the waiting stops.
  private static func waitForHolder(_ fd: Int32, folder: String, _ wait: Wait)
    throws(FolderError)
  {
    switch wait {
    case .no:
      let holder = holderPID(fd)
      close(fd)
      throw .inUse(path: folder, pid: holder)
    case .blocking:
      while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
    case .polling(let waiting):
      repeat {
        let holder = holderPID(fd)
        guard waiting(holder) else {
          close(fd)
          throw .inUse(path: folder, pid: holder)
        }
        usleep(100_000)
      } while flock(fd, LOCK_EX | LOCK_NB) != 0
    }
  }

  /// Removes the lock file at `path` if no live process holds it (the leftover of a holder
  /// killed after its work was done).
  static func removeIfFree(_ file: URL) {
    guard FileManager.default.fileExists(atPath: file.path),
      let lock = try? acquire(file: file, folder: file.path, wait: .no)
    else { return }
    lock.release()
  }

  /// The pid the lock file records (0 when unreadable).
  private static func holderPID(_ fd: Int32) -> Int32 {
    var buffer = [UInt8](repeating: 0, count: 32)
    let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
    guard n > 0 else { return 0 }
    let text = String(decoding: buffer[0..<n], as: UTF8.self)
    return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
  }

  /// False for the no-op lock of a folder whose parent does not exist yet.
  public var isHeld: Bool { descriptor >= 0 }

  /// Releases the lock and removes its file (while still holding it, so a waiter that locked
  /// the unlinked file sees that and locks the path afresh).
  public func release() {
    guard descriptor >= 0 else { return }
    _ = Self.registry.withLock { Self.held.remove(path) }
    unlink(path)
    close(descriptor)
    descriptor = -1
  }

  /// Removes the files of the locks this process holds, for an interrupt about to end it: the
  /// locks themselves go with the process, as `release` lets them go after removing the file.
  public static func removeHeldFilesForExit() {
    registry.withLock {
      for path in held { unlink(path) }
    }
  }

  deinit { release() }
}
