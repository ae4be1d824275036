import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive lock on a results folder (or one trial of a sweep), held with `flock` on a hidden
/// lock file beside it that records the holder's pid. The kernel releases the lock when the
/// holder exits, however it exits, so the lock of a dead process is taken over at once.
///
/// Two kinds of holders: a writer (`runner run`, a sweep's trial, a sweep's start, a merge),
/// which may hold it for a whole training, and a brief holder (`runner report`, `runner export`
/// writing into the folder: `acquireBriefly`), which reads the folder and writes into it in a
/// moment. The lock file records `<pid>` for a writer and `<pid> brief` for a brief holder.
/// Everyone but a brief holder that finds the lock taken by a brief holder waits for it, even
/// when it would otherwise refuse (`wait: false`): a run is never refused for a report. Brief
/// holders take the lock one at a time too (exclusive, not shared: the lock file is unlinked on
/// release, which a shared lock's holders could not agree on).
public final class FolderLock: @unchecked Sendable {
  private var descriptor: Int32
  /// The lock file.
  public let path: String

  /// The lock files this process holds.
  nonisolated(unsafe) private static var held: Set<String> = []
  private static let registry = NSLock()

  /// The mark a brief holder writes after its pid in the lock file.
  private static let briefMark = "brief"

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
    try acquire(
      file: lockFile(of: folder), folder: folder.path, wait: .polling({ waiting($0.pid) }))
  }

  /// Takes the lock of `folder` for a brief holder (a report or an export that reads the folder
  /// and writes into it), waiting for any other holder: `waiting` is called once, with the
  /// holder's pid (0 when unreadable) and whether it is a brief holder too, before the wait.
  /// Nil, holding nothing, where the folder's parent takes no lock file (read-only: no run can
  /// replace the folder there either); the no-op lock where the parent does not exist, or
  /// where this process holds the lock already.
  public static func acquireBriefly(_ folder: URL, waiting: @escaping (Int32, Bool) -> Void)
    -> FolderLock?
  {
    // Held by this process already (a sweep's start, rebuilding its report): nothing to wait
    // for, and a second `flock` of this process's own would wait for ever.
    let file = lockFile(of: folder)
    if registry.withLock({ held.contains(file.path) }) {
      return FolderLock(descriptor: -1, path: file.path)
    }
    var told = false
    do {
      return try acquire(
        file: file, folder: folder.path,
        wait: .polling({ holder in
          if !told {
            told = true
            waiting(holder.pid, holder.brief)
          }
          return true
        }), brief: true)
    } catch { return nil }
  }

  /// `acquireBriefly(_:waiting:)` saying, through `say`, the one line a brief holder says as it
  /// waits: `note: ` and the `waitingLine` of `folder` shown as `path`.
  public static func acquireBriefly(
    _ folder: URL, shownAs path: String, say: @escaping (String) -> Void
  ) -> FolderLock? {
    acquireBriefly(folder) { holder, brief in
      say("note: " + waitingLine(path: path, holder: holder, brief: brief))
    }
  }

  /// The line a brief holder prints as it waits for `path`'s lock, held by process `holder` (0:
  /// unknown), itself a brief holder or not: `waiting for results/mlp: process 4242 is writing
  /// it (a run, a sweep's trial, a merge); going on once it is done (Ctrl-C to stop waiting)`.
  public static func waitingLine(path: String, holder: Int32, brief: Bool) -> String {
    let process = holder > 0 ? "process \(holder)" : "another process"
    let doing =
      brief
      ? "is reading it for a report or an export"
      : "is writing it (a run, a sweep's trial or start, a merge)"
    return "waiting for \(path): \(process) \(doing); going on once it is done "
      + "(Ctrl-C to stop waiting)"
  }

  /// How `acquire` treats a lock another process holds.
  private enum Wait {
    /// Throws `.inUse` at once.
    case no
    /// Blocks until the holder releases it.
    case blocking
    /// Polls, asking the closure every 0.1 s, with the holder, whether to go on waiting.
    case polling((Holder) -> Bool)
  }

  /// The holder of a lock as its lock file records it: its pid (0 when unreadable) and whether
  /// it is a brief holder (`<pid> brief`).
  struct Holder {
    var pid: Int32
    var brief: Bool

    /// The holder the lock file open on `fd` records, read once.
    init(_ fd: Int32) { self.init(words: FolderLock.holderWords(fd)) }

    init(words: [String]) {
      pid = Int32(words.first ?? "") ?? 0
      brief = words.dropFirst().first == FolderLock.briefMark
    }
  }

  private static func acquire(
    file: URL, folder: String, wait: Wait, brief: Bool = false, waitForBrief: Bool = true
  )
    throws(FolderError)
    -> FolderLock
  {
    while true {
      // From creating the file to recording it as held, the registry is held: an interrupt's
      // `removeHeldFilesForExit` then waits for the record and removes the file, instead of
      // missing a file created a moment before it ran. Waiting for another holder is done
      // without it.
      registry.lock()
      // A link is never written through: one at a lock file's (predictable) name would have
      // the runner truncate its target, any file, and write its pid there.
      let fd = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
      let parent = file.deletingLastPathComponent().path
      guard fd >= 0 else {
        registry.unlock()
        let code = errno
        guard FileManager.default.fileExists(atPath: parent) else {
          return FolderLock(descriptor: -1, path: file.path)
        }
        if code == ELOOP {
          let target =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: file.path))
            .map { " to \($0)" } ?? ""
          throw .unusable(
            path: parent,
            reason: "its lock file \(file.lastPathComponent) is a symbolic link\(target), which "
              + "the runner never writes through: remove the link")
        }
        throw .unusable(
          path: parent,
          reason:
            "cannot create \(file.lastPathComponent) in it (\(ResultsParent.systemError(code)))")
      }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        registry.unlock()
        // A brief holder is waited for by everyone (it is done in a moment), except by another
        // brief holder, which waits as it asked (and says so), by a caller that polls (a
        // sweep's trial: its own wait says what it waits for and ends at Ctrl-C), and by a
        // clean-up, which has nothing to wait for.
        var wait = wait
        if case .polling = wait {
        } else if waitForBrief, !brief, isBriefHolder(fd) {
          wait = briefHolderWait(folder)
        }
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
      // Only the runner's own lock file is written (and removed on release): a file of yours
      // at its name, which is no `<pid>` record, is left as it is.
      guard isRunnersLockFile(fd) else {
        registry.unlock()
        close(fd)
        throw .unusable(
          path: parent,
          reason: "\(file.lastPathComponent) in it is no lock file the runner wrote (it holds "
            + "other text, or is no regular file); the runner leaves it as it is: move it away")
      }
      let text = Array("\(getpid())\(brief ? " \(briefMark)" : "")\n".utf8)
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
      let holder = Holder(fd).pid
      close(fd)
      throw .inUse(path: folder, pid: holder)
    case .blocking:
      while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
    case .polling(let waiting):
      // The first time given a moment to be written (a holder that has just taken the lock).
      var holder = Holder(words: settledHolderWords(fd))
      while true {
        guard waiting(holder) else {
          close(fd)
          throw .inUse(path: folder, pid: holder.pid)
        }
        usleep(100_000)
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { break }
        holder = Holder(fd)
      }
    }
  }

  /// The wait for a brief holder (a report or an export): as long as it takes, saying so on
  /// stderr after a second, and how to resume the holder when it is stopped (Ctrl-Z): a run
  /// waiting without a word looked hung (tester AR1).
  private static func briefHolderWait(_ folder: String) -> Wait {
    var polls = 0
    return .polling { holder in
      polls += 1
      if polls == 10 {
        let pid = holder.pid
        var line = waitingLine(path: folder, holder: pid, brief: true)
        if TrialWait.isStopped(pid) {
          line += "; process \(pid) is stopped: it goes on when resumed (fg, kill -CONT \(pid))"
        }
        StandardStream.error("note: \(line)\n")
      }
      return true
    }
  }

  /// Removes the lock file at `path` if no live process holds it (the leftover of a holder
  /// killed after its work was done).
  static func removeIfFree(_ file: URL) {
    guard FileManager.default.fileExists(atPath: file.path),
      let lock = try? acquire(file: file, folder: file.path, wait: .no, waitForBrief: false)
    else { return }
    lock.release()
  }

  /// Whether the lock file open on `fd` records a brief holder (`<pid> brief`), given a moment
  /// to be written (`settledHolderWords`).
  private static func isBriefHolder(_ fd: Int32) -> Bool {
    Holder(words: settledHolderWords(fd)).brief
  }

  /// `holderWords(fd)`, a holder that has just taken the lock and not yet written the file
  /// given a moment (up to 0.2 s).
  static func settledHolderWords(_ fd: Int32) -> [String] {
    var words = holderWords(fd)
    for _ in 0..<20 where words.isEmpty {
      usleep(10_000)
      words = holderWords(fd)
    }
    return words
  }

  /// The holder lock file `file` records when it is of the runner's form, `<pid>\n` or
  /// `<pid> brief\n` (a brief holder's), and nothing else; nil otherwise.
  static func recordedHolder(of file: URL) -> (pid: Int32, brief: Bool)? {
    (try? String(contentsOf: file, encoding: .utf8)).flatMap(recordedHolder(text:))
  }

  /// The holder a lock file's `text` records, when of the runner's form; nil otherwise.
  private static func recordedHolder(text: String) -> (pid: Int32, brief: Bool)? {
    guard text.hasSuffix("\n") else { return nil }
    let words = text.dropLast().split(separator: " ", omittingEmptySubsequences: false)
    guard let first = words.first, let pid = Int32(first), pid > 0, "\(pid)" == first,
      words.count == 1 || (words.count == 2 && words[1] == briefMark)
    else { return nil }
    return (pid, words.count == 2)
  }

  /// Whether the file open on `fd` is a lock file as the runner writes it: a regular file,
  /// empty (just created) or holding `<pid>\n` or `<pid> brief\n`.
  private static func isRunnersLockFile(_ fd: Int32) -> Bool {
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size < 32 else {
      return false
    }
    var buffer = [UInt8](repeating: 0, count: 32)
    let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 32, 0) }
    guard n > 0 else { return n == 0 }
    return recordedHolder(text: String(decoding: buffer[0..<n], as: UTF8.self)) != nil
  }

  /// The words of the lock file open on `fd`: the holder's pid, then `brief` for a brief holder.
  private static func holderWords(_ fd: Int32) -> [String] {
    var buffer = [UInt8](repeating: 0, count: 32)
    let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
    guard n > 0 else { return [] }
    return String(decoding: buffer[0..<n], as: UTF8.self).split(whereSeparator: \.isWhitespace)
      .map(String.init)
  }

  /// Whether this process holds the lock file at `path`.
  static func isHeldHere(_ path: String) -> Bool { registry.withLock { held.contains(path) } }

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
