import Conventions
import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder `runner gate` runs its fresh experiments in: `runner-gate-<pid>` in the temporary
/// directory, holding a hidden mark that names its pid, so that the folder a gate killed with
/// `kill -9` left is provably the runner's and the next gate removes it.
public struct GateWorkFolder: Sendable {
  /// The folder.
  public let url: URL

  static let prefix = "runner-gate-"
  /// The hidden file, holding the owner's pid, that the gate writes into the folder it makes.
  static let mark = ".runner-gate-work"

  /// The folder of this user's gate work folders in `temporary`, `runner-gate-user-<uid>`,
  /// which only this user may write to, so that no other user can put a folder or a link where
  /// a gate removes its leftovers (one of this user's that others may open is made private).
  /// Nil when there is none to be had (a link, another user's, a file system without owners or
  /// modes): the work folder then goes in `temporary` itself, and no leftovers are removed.
  public static func privateParent(in temporary: URL) -> URL? {
    privateFolder(in: temporary, named: "runner-gate-user-\(geteuid())")
  }

  /// The folder `name` in `temporary` that only this user may write to (made so when it is
  /// this user's and others may write it), as `privateParent(in:)` makes it; nil when there is
  /// none to be had.
  static func privateFolder(in temporary: URL, named name: String) -> URL? {
    let url = temporary.appendingPathComponent(name)
    // Protected (`chmod a-w`), or a TMPDIR that is: nothing is made there, nor made private
    // (`create` then refuses the protected TMPDIR; tester BB F4).
    if PlannedWrites(receiving: [url]).firstProtected() != nil { return nil }
    // A TMPDIR that does not exist is not made (as mktemp): `create` then says so.
    _ = mkdir(url.path, 0o700)
    var info = stat()
    guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
      info.st_uid == geteuid()
    else { return nil }
    if info.st_mode & 0o077 != 0 {
      guard chmod(url.path, 0o700) == 0, lstat(url.path, &info) == 0, info.st_mode & 0o022 == 0
      else { return nil }
    }
    return url
  }

  /// Makes this process's work folder in `temporary` (`runner-gate-<pid>`, or `-<pid>-<n>` when
  /// something of that name is there already, which is left alone).
  public static func create(in temporary: URL) throws(GateError) -> GateWorkFolder {
    let pid = getpid()
    let fm = FileManager.default
    var url = temporary.appendingPathComponent(prefix + "\(pid)")
    var n = 1
    while GateMark.type(of: url) != nil {
      n += 1
      url = temporary.appendingPathComponent(prefix + "\(pid)-\(n)")
    }
    // A write-protected TMPDIR (`chmod a-w`), which the kernel lets root write: left as it is.
    if let refusal = PlannedWrites(receiving: [temporary]).firstProtected() {
      throw .workFolder(path: url.path, reason: refusal.reason)
    }
    // The system's reason (a TMPDIR that is a file: "Not a directory", not "File exists").
    guard mkdir(url.path, 0o777) == 0 else {
      throw .workFolder(path: url.path, reason: String(cString: strerror(errno)))
    }
    do { try Data("\(pid)\n".utf8).write(to: url.appendingPathComponent(mark)) } catch {
      try? fm.removeItem(at: url)
      throw .workFolder(path: url.path, reason: AtomicFile.reason(error))
    }
    return GateWorkFolder(url: url)
  }

  /// Removes the folder, its mark last (trying again while a write under way puts files back).
  public func remove() {
    for _ in 0..<5 where GateMark.holds(url, Self.mark) {
      if (try? GateMark.remove(url, Self.mark)) != nil { return }
    }
  }

  /// Removes the work folders of gates no longer running in `temporary`: those named
  /// `runner-gate-<pid>` (or `-<pid>-<n>`) holding the mark that names that pid, where no process
  /// of that pid runs. Anything else is left alone. Returns the folders removed.
  @discardableResult
  public static func removeLeftovers(in temporary: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
    var removed: [URL] = []
    for name in names.sorted() {
      guard let pid = owner(name), !ProcessLiveness.isRunning(pid) else { continue }
      let folder = temporary.appendingPathComponent(name)
      // Killed before it marked its folder: an empty one goes (nothing is lost).
      if GateMark.removeIfEmpty(folder) {
        removed.append(folder)
        continue
      }
      let text = FileManager.default.contents(atPath: folder.appendingPathComponent(mark).path)
      guard GateMark.holds(folder, mark), text == Data("\(pid)\n".utf8) else { continue }
      if (try? GateMark.remove(folder, mark)) != nil { removed.append(folder) }
    }
    return removed
  }

  /// The pid a work folder's name holds, nil for a name not of the gate's scheme.
  static func owner(_ name: String) -> pid_t? {
    guard name.hasPrefix(prefix) else { return nil }
    let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
    let digits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    guard (1...2).contains(parts.count), digits, let pid = pid_t(parts[0]), pid > 0 else {
      return nil
    }
    return pid
  }
}
