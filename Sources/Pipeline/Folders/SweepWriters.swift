import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The processes writing a sweep folder now: each sweep (or merge), once it has written the
/// folder's `plan.csv`, holds the lock `.sweep-<pid>.lock` inside it until it ends, so that a
/// sweep of another plan, or a run, can tell the folder is being written, and by whom.
public enum SweepWriters {
  /// This process's registrations, by sweep folder path.
  nonisolated(unsafe) private static var own: [String: FolderLock] = [:]
  private static let registry = NSLock()

  /// Whether this process has begun writing into a sweep folder (`beginWriting`).
  nonisolated(unsafe) private static var writing = false

  /// Whether this process has begun writing into a sweep folder: its repairs of an existing
  /// one, or `SweepFile.startFolder`. A sweep stopped before then wrote nothing.
  public static var hasBegunWriting: Bool { registry.withLock { writing } }

  /// Notes that this process begins writing into a sweep folder.
  static func beginWriting() { registry.withLock { writing = true } }

  /// The name this process registers under in a sweep folder.
  private static var ownName: String { "sweep-\(getpid())" }

  /// The pids of the other live processes registered in sweep folder `folder` (the lock files
  /// of processes that are gone are removed on the way).
  public static func others(in folder: URL) -> [Int32] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    var pids: [Int32] = []
    for name in names.sorted()
    where name.hasPrefix(".sweep-") && name.hasSuffix(".lock") && name != ".\(ownName).lock" {
      let writer = folder.appendingPathComponent(String(name.dropFirst().dropLast(5)))
      do { try FolderLock.acquire(writer).release() } catch {
        if case .inUse(_, let pid) = error { pids.append(pid) }
      }
    }
    return pids
  }

  /// Registers this process as a writer of sweep folder `folder` (once; kept until `leave`).
  static func register(_ folder: URL) {
    registry.withLock {
      guard own[folder.path] == nil else { return }
      own[folder.path] = try? FolderLock.acquire(folder.appendingPathComponent(ownName))
    }
  }

  /// Ends this process's registrations in `folder` and the folders below it.
  public static func leave(_ folder: URL) {
    let locks = registry.withLock {
      let paths = own.keys.filter { $0 == folder.path || $0.hasPrefix(folder.path + "/") }
      return paths.compactMap { own.removeValue(forKey: $0) }
    }
    for lock in locks { lock.release() }
  }
}
