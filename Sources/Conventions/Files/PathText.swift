import Foundation

/// Path arithmetic on text, for paths as the user wrote them.
public enum PathText {
  /// `path` without its last component, as `NSString.deletingLastPathComponent` gives it
  /// (`/a/b` → `/a`, `/a` → `/`, `a` → ``, `a/b/` → `a`), which traps on a one-character
  /// relative path (`r`, `-`) in swift-corelibs-foundation.
  public static func folder(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    var head = trimmed[..<slash]
    while head.count > 1, head.hasSuffix("/") { head = head.dropLast() }
    return head.isEmpty ? "/" : String(head)
  }

  /// `path` and each of its ancestors that does not exist yet, deepest first (`/a/b/c` with
  /// only `/a` there → `/a/b/c`, `/a/b`): the folders that making `path` would create.
  public static func missingFolders(upTo path: String) -> [String] {
    var missing: [String] = []
    var folder = path
    while folder.count > 1, !FileManager.default.fileExists(atPath: folder) {
      missing.append(folder)
      folder = Self.folder(of: folder)
    }
    return missing
  }
}
