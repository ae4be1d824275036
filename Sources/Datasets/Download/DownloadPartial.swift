import Conventions
import Foundation

/// A download's own file beside its destination while it is fetched and checked:
/// `.part-<pid>-<8 hex>-<name>`, hidden, with the destination's name last so that its suffix
/// (`.gz`) decides how it is checked, as it will be once in place. Each download has its own,
/// so two runs fetching one file at once (two CI jobs sharing the user cache) never remove or
/// replace the other's before it is checked; the checked file becomes the destination by one
/// `rename(2)`, which replaces a copy another run placed meanwhile whole, never half.
struct DownloadPartial {
  /// The partial file's path.
  let path: String
  /// Where the download goes once checked.
  let destination: String

  /// What every partial file of `destination` begins with: `.part-`.
  static let prefix = ".part-"

  /// A new partial file's name for `destination` (the file is not created).
  init(for destination: String) {
    self.destination = destination
    let tag = UUID().uuidString.prefix(8).lowercased()
    path =
      PathText.folder(of: destination) + "/\(Self.prefix)\(getpid())-\(tag)-"
      + Self.name(of: destination)
  }

  /// Puts the checked partial file at `destination` in one step.
  func place() throws {
    guard rename(path, destination) == 0 else {
      let reason = OSErrorText.of(errno)
      throw DataError.unreadable(
        file: destination,
        reason: "cannot put the downloaded file in place (\(reason)): check that the cache "
          + "folder \(PathText.folder(of: destination)) is writable, or set XDG_CACHE_HOME to a "
          + "writable folder")
    }
  }

  /// Removes the partial files of `destination` whose download's process is gone (killed while
  /// it checked the file); a running one's are its own.
  static func removeLeftovers(of destination: String) {
    let folder = PathText.folder(of: destination)
    let suffix = "-" + name(of: destination)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
      let owner = name.dropFirst(prefix.count).prefix { $0 != "-" }
      guard let pid = pid_t(owner), !ProcessLiveness.isRunning(pid) else { continue }
      try? FileManager.default.removeItem(atPath: folder + "/" + name)
    }
  }

  /// The last component of `path`.
  private static func name(of path: String) -> String {
    String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
  }
}
