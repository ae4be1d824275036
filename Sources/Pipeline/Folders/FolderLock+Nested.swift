import Conventions
import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FolderLock {
  /// A folder above or below a results folder that another live process is writing: the
  /// folder, that process's pid (0 when unreadable) and whether it lies above (`encloses`).
  public struct NestedWriter: Equatable, Sendable {
    /// The folder the other process holds the lock of.
    public var folder: String
    /// Its pid as its lock file records it (0 when unreadable).
    public var pid: Int32
    /// Whether `folder` encloses the results folder (else it lies inside it).
    public var encloses: Bool
    /// Whether `folder` is or encloses the results root (--results-dir) too, so that no
    /// `output` below that root gets out of it; false when the root is not known.
    public var holdsResultsRoot = false
  }

  /// The first folder enclosing `folder`, then the first one inside it, whose lock another live
  /// writer holds (a run, a sweep's start or trial, a merge; not a brief holder, not this
  /// process); of a sweep's folder enclosing it, a live registration (`SweepWriters`) unless
  /// `folder` is one of its rung or bracket folders: a run into `x/y` while another one writes
  /// `x` (or the reverse) would be thrown away at the later commit, so the later starter is
  /// refused. With `inside: false` only the
  /// enclosing folders are looked at (a sweep folder holds its own trials' locks); `sweep`: the
  /// caller is a sweep, which shares `folder` with the other sweeps registered in it. Call it
  /// holding `folder`'s own lock: of two starting at once, one then sees the other.
  public static func nestedWriter(around folder: URL, inside: Bool = true, sweep: Bool = false)
    -> NestedWriter?
  {
    var below = folder.standardizedFileURL
    var above = below.deletingLastPathComponent()
    while above.path != "/" && !above.path.isEmpty {
      if ResultsFolderKind.of(above) == .sweep {
        // A sweep's folder encloses its rungs' and trials' folders, which its own process and
        // the sweep's other shards write; anything else inside it (a run, another sweep) is
        // refused while a sweep is registered there.
        if !AdaptiveSweep.isRungOrBracketFolder(below.lastPathComponent),
          let pid = registeredSweep(in: above)
        {
          return NestedWriter(folder: above.path, pid: pid, encloses: true)
        }
      } else if let pid = otherWriter(lockFile(of: above)) {
        return NestedWriter(folder: above.path, pid: pid, encloses: true)
      }
      below = above
      above = above.deletingLastPathComponent()
    }
    guard inside else { return nil }
    return writerInside(folder.standardizedFileURL, depth: 0, sweep: sweep)
  }

  /// The refusal of `folder` when another live process writes it (`.inUse`, its lock held) or
  /// a folder around or inside it (`.nestedInUse`, `nestedWriter(around:inside:sweep:)`); nil
  /// when none does. Held by this process, its own lock counts for nothing.
  /// `root`, the results root when known, tells whether the other folder holds it too.
  public static func liveWriterRefusal(
    of folder: URL, inside: Bool = true, sweep: Bool = false, root: URL? = nil
  ) -> FolderError? {
    if let pid = otherWriter(lockFile(of: folder)) { return .inUse(path: folder.path, pid: pid) }
    guard var writer = nestedWriter(around: folder, inside: inside, sweep: sweep) else {
      return nil
    }
    if writer.encloses, let top = root?.standardizedFileURL.path {
      writer.holdsResultsRoot = top == writer.folder || top.hasPrefix(writer.folder + "/")
    }
    return .nestedInUse(path: folder.path, writer: writer)
  }

  /// The pid of another live process registered as a writer of sweep folder `folder`
  /// (`SweepWriters`), if any.
  private static func registeredSweep(in folder: URL) -> Int32? {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    for name in names where name.hasPrefix(".sweep-") && name.hasSuffix(".lock") {
      if let pid = otherWriter(folder.appendingPathComponent(name)) { return pid }
    }
    return nil
  }

  /// The first lock file below `folder` (its own folders, not links, to a depth of 16) that
  /// another live writer holds, as the folder it locks (a sweep's registration: the sweep);
  /// for a `sweep`, not the registrations of the other sweeps of `folder` itself.
  private static func writerInside(_ folder: URL, depth: Int, sweep: Bool = false)
    -> NestedWriter?
  {
    guard depth < 16, PathEntry.isPlainDirectory(folder.path) else { return nil }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    for name in names where name.hasPrefix(".") && name.hasSuffix(".lock") {
      if sweep && depth == 0 && name.hasPrefix(".sweep-") { continue }
      guard let pid = otherWriter(folder.appendingPathComponent(name)) else { continue }
      let locked = String(name.dropFirst().dropLast(".lock".count))
      let shown = locked.hasPrefix("sweep-") ? folder : folder.appendingPathComponent(locked)
      return NestedWriter(folder: shown.path, pid: pid, encloses: false)
    }
    for name in names {
      if let found = writerInside(folder.appendingPathComponent(name), depth: depth + 1) {
        return found
      }
    }
    return nil
  }

  /// The pid (0 when unreadable) of the live writer holding lock file `file`, when another
  /// process holds it as a writer; nil when it is free, missing, held by this process or by a
  /// brief holder. Probed with a shared lock taken and let go at once, never held.
  private static func otherWriter(_ file: URL) -> Int32? {
    guard PathEntry.isPlainFile(file.path), !isHeldHere(file.path) else { return nil }
    let fd = open(file.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    if flock(fd, LOCK_SH | LOCK_NB) == 0 {
      _ = flock(fd, LOCK_UN)
      return nil
    }
    let holder = Holder(words: settledHolderWords(fd))
    return holder.brief ? nil : holder.pid
  }
}
