import Conventions
import Foundation

extension RunLeftovers {
  /// Settles what dead processes left beside run folder `folder`, which the caller holds
  /// locked: its own staging folders (`clean`), then those of the other run folders in the same
  /// parent, each under that folder's lock (skipped while a live process holds it), and the
  /// runner's lock files (`.<folder>.lock`, holding only the pid of a process that is gone,
  /// `FolderLock.recordedHolder`)
  /// that no process holds. Nothing else
  /// is touched. Returns the notes on folders kept in history.
  public static func cleanBeside(_ folder: URL) -> [String] {
    var notes = clean(folder)
    let parent = folder.deletingLastPathComponent()
    let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
    for name in Set(names.compactMap(stagedFolder)).sorted() where name != folder.lastPathComponent
    {
      let other = parent.appendingPathComponent(name)
      guard let lock = try? FolderLock.acquire(other) else { continue }
      notes += clean(other)
      lock.release()
    }
    let own = FolderLock.lockFile(of: folder).lastPathComponent
    for name in names where name.hasPrefix(".") && name.hasSuffix(".lock") && name != own {
      let file = parent.appendingPathComponent(name)
      // The runner's lock file (a run's, or a report's or export's, brief); its process is gone.
      guard let holder = FolderLock.recordedHolder(of: file), !ProcessLiveness.isRunning(holder.pid)
      else {
        continue
      }
      FolderLock.removeIfFree(file)
    }
    return notes
  }

  /// The run folder that staging folder `name` (`.staging-<folder>-<pid>-<time>`, also with
  /// `-old`) belongs to; nil for any other name.
  static func stagedFolder(_ name: String) -> String? {
    let prefix = ".staging-"
    guard name.hasPrefix(prefix) else { return nil }
    var parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
    if parts.last == "old" { parts.removeLast() }
    guard parts.count >= 3, !parts[0].isEmpty,
      parts.suffix(2).allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
    else { return nil }
    return parts.dropLast(2).joined(separator: "-")
  }
}
