import Foundation

/// The hidden temporaries this process is writing (a results staging folder, an `AtomicFile`
/// temporary), so that a handled Ctrl-C or SIGTERM ending the process removes them, as a write
/// that fails does, instead of leaving them until the next run of the same output.
public enum OwnTemporaries {
  /// Recursive: a commit (`committing`) forgets the temporaries it puts in place.
  private static let lock = NSRecursiveLock()
  nonisolated(unsafe) private static var paths: Set<String> = []
  /// The folders recorded by `createdFolders`, deepest first.
  nonisolated(unsafe) public private(set) static var folders: [String] = []

  /// Runs `create`, which makes temporary `url`, and records it; no temporary is made once
  /// `removeAllForExit` has run (the caller waits for the exit), so an interrupt never races a
  /// write that would make a removed staging folder again.
  public static func creating<T, Failure: Error>(_ url: URL, _ create: () throws(Failure) -> T)
    throws(Failure) -> T
  {
    lock.lock()
    defer { lock.unlock() }
    paths.insert(url.path)
    return try create()
  }

  /// Records temporary `url`, then runs `fill` outside the lock: a long copy into it (a merge's
  /// trial) that an interrupt removes at once instead of waiting for; the copy's later writes
  /// into the removed folder fail, and its thread then waits for the exit in `forget`.
  public static func filling<T, Failure: Error>(_ url: URL, _ fill: () throws(Failure) -> T)
    throws(Failure) -> T
  {
    lock.withLock { _ = paths.insert(url.path) }
    return try fill()
  }

  /// Runs `commit`, which puts written temporaries in place (several renames that belong
  /// together), before an interrupt can remove them: an interrupt that comes meanwhile waits
  /// for it to end, and once an interrupt has begun (`removeAllForExit`) no commit starts, so
  /// the files are all put in place or none is.
  public static func committing<T, Failure: Error>(_ commit: () throws(Failure) -> T)
    throws(Failure) -> T
  {
    lock.lock()
    defer { lock.unlock() }
    return try commit()
  }

  /// Forgets temporary `url`: it was renamed into place or removed.
  public static func forget(_ url: URL) {
    lock.withLock { _ = paths.remove(url.path) }
  }

  /// Records folders this process created for its results (a missing results root), deepest
  /// first: an interrupt removes those still empty, as a command that fails without writing does.
  public static func createdFolders(_ urls: [URL]) {
    // Once each: every MLflow request records its session's folders again.
    lock.withLock {
      for path in urls.map(\.path) where !folders.contains(path) { folders.append(path) }
    }
  }

  /// Forgets the recorded created folders `urls`: the command that made them is done with them
  /// (removed them, or keeps what it wrote there), so an interrupt later in the process never
  /// removes an empty folder someone else has made at that path since.
  public static func forgetFolders(_ urls: [URL]) {
    let done = Set(urls.map(\.path))
    lock.withLock { folders.removeAll { done.contains($0) } }
  }

  /// Removes the recorded created folders that are empty (`rmdir`: never one holding anything),
  /// deepest first (the longest path first: a folder recorded by one command after its parent
  /// was by another goes before it); after `removeAllForExit` and the lock files' removal,
  /// whose lock it keeps.
  public static func removeEmptyFoldersForExit() {
    for path in folders.sorted(by: { $0.count > $1.count }) { rmdir(path) }
  }

  /// Removes every temporary still recorded, for an interrupt about to end the process (no
  /// results are put in place from then on: `ResultsCommits.interrupt`). The lock stays
  /// taken, so that no thread makes another one before the exit.
  public static func removeAllForExit() {
    lock.lock()
    for path in paths.sorted() {
      // A folder another thread still writes into may gain an entry while it is removed.
      for _ in 0..<3 where FileManager.default.fileExists(atPath: path) {
        try? FileManager.default.removeItem(atPath: path)
      }
    }
  }
}
