import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension RunLeftovers {
  /// How an earlier run kept beside its folder begins: `.history-<folder>-`, then the UTC time.
  static func keptPrefix(of folder: URL) -> String { ".history-\(folder.lastPathComponent)-" }

  /// Renames `old`, an earlier run that cannot be moved into `.history/` (only its owner may
  /// move a folder of another user's to another parent), to `.history-<folder>-<UTC time>`
  /// beside `current`: hidden, and named as a kept run, never as a staging folder the runner
  /// removes. Returns where, or nil when it cannot be renamed either.
  static func keepBeside(_ old: URL, of current: URL) -> URL? {
    let parent = current.deletingLastPathComponent()
    let stamp = timestamp()
    var target = parent.appendingPathComponent(keptPrefix(of: current) + stamp)
    var n = 1
    while FileManager.default.fileExists(atPath: target.path) {
      n += 1
      target = parent.appendingPathComponent(keptPrefix(of: current) + "\(stamp)-\(n)")
    }
    do { try FileManager.default.moveItem(at: old, to: target) } catch { return nil }
    return target
  }

  /// Moves the earlier runs kept beside `folder` (`keepBeside`) into `.history/<folder>/`
  /// under their time, when this user can; leaves them as they are otherwise.
  static func moveKept(of folder: URL) {
    let parent = folder.deletingLastPathComponent()
    let prefix = keptPrefix(of: folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
    for name in names.sorted() where name.hasPrefix(prefix) {
      let stamp = String(name.dropFirst(prefix.count))
      // Another folder's kept run (`.history-a-b-…` for folder `a`) does not end in a time.
      guard isStamp(stamp) else { continue }
      _ = moveToHistory(parent.appendingPathComponent(name), of: folder, stamp: stamp)
    }
  }

  /// Whether `text` is a history folder's time (`20261201T110605Z`, or with `-2`, `-3`, …).
  static func isStamp(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count <= 2, let time = parts.first, time.count == 16,
      parts.count == 1 || Int(parts[1]) != nil
    else { return false }
    return time.enumerated().allSatisfy { index, character in
      switch index {
      case 8: character == "T"
      case 15: character == "Z"
      default: character.isASCII && character.isNumber
      }
    }
  }
}
