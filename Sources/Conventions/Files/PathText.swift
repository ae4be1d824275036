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
}
