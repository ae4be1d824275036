import Conventions
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The kernel's pseudo-filesystems (`/proc`, `/sys`, `/dev`) hold no results: a
/// results root, a folder of runs or an output file there is refused before anything is read
/// or written (walking `/proc` reaches every process's root, the whole filesystem).
public enum SystemFolder {
  /// The folders refused by path; `/dev/shm` (an ordinary tmpfs) is allowed.
  static let roots = ["/proc", "/sys", "/dev"]

  /// Why `path` (which need not exist) is a system folder, e.g. `it is in /proc, a kernel
  /// pseudo-filesystem`; nil for an ordinary place. Links are resolved first.
  public static func reason(_ path: String) -> String? {
    let resolved = resolve(path)
    for root in roots where resolved == root || resolved.hasPrefix(root + "/") {
      if resolved == "/dev/shm" || resolved.hasPrefix("/dev/shm/") { break }
      return "it is in \(root), a kernel pseudo-filesystem"
    }
    return nil
  }

  /// `path`, absolute, with the links of its deepest existing part resolved; as it is when it
  /// cannot be made absolute (the current folder is past PATH_MAX), where going up never ends.
  static func resolve(_ path: String) -> String {
    var head = URL(fileURLWithPath: path).standardizedFileURL.path
    guard head.hasPrefix("/") else { return head }
    var tail: [String] = []
    while head != "/" {
      if let base = PathEntry.realPath(head) {
        let joined = ([base == "/" ? "" : base] + tail.reversed()).joined(separator: "/")
        return joined.isEmpty ? "/" : joined
      }
      tail.append((head as NSString).lastPathComponent)
      head = PathText.folder(of: head)
    }
    return "/" + tail.reversed().joined(separator: "/")
  }
}
