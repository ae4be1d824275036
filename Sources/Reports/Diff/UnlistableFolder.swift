import Conventions
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A folder that exists but cannot be listed (`Permission denied`): `runner diff` refuses it
/// (trouble, not "missing" files) and `runner ls` lists it with a warning, never as empty.
public enum UnlistableFolder {
  /// Why the folder at `url` cannot be listed, in the system's words; nil when it can, or when
  /// nothing (or no folder) is there.
  public static func reason(_ url: URL) -> String? {
    guard let directory = opendir(url.path) else {
      let code = errno
      return code == ENOENT || code == ENOTDIR ? nil : OSErrorText.of(code)
    }
    closedir(directory)
    return nil
  }

  /// The first visible folder at or below `root` (hidden ones skipped, links not followed)
  /// that cannot be listed, with why; nil when every one can.
  public static func first(below root: URL) -> (path: String, reason: String)? {
    if let reason = reason(root) { return (root.path, reason) }
    let fm = FileManager.default
    let names = ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
    for name in names where !name.hasPrefix(".") {
      let child = root.appendingPathComponent(name, isDirectory: true)
      guard PathEntry.isPlainDirectory(child.path) else { continue }
      if let found = first(below: child) { return found }
    }
    return nil
  }
}
