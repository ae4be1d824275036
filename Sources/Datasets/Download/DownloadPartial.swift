import Conventions
import Foundation

/// A download's own file beside its destination while it is fetched and checked:
/// `.part-<pid>-<8 hex>-<name>`, hidden, with the destination's name last so that its suffix
/// (`.gz`) decides how it is checked, as it will be once in place. Each download has its own,
/// so two runs fetching one file at once (two CI jobs sharing the user cache) never remove or
/// replace the other's before it is checked; the checked file becomes the destination by one
/// `rename(2)`, which replaces a copy another run placed meanwhile whole, never half. It is a
/// temporary of this process's (`OwnTemporaries`): a Ctrl-C removes it.
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

  /// Runs `fill`, which writes the partial file, with the file recorded as this process's
  /// temporary, and removes it unless `fill` put it in place.
  func filling<T>(_ fill: () throws -> T) throws -> T {
    let url = URL(fileURLWithPath: path)
    defer {
      try? FileManager.default.removeItem(atPath: path)
      OwnTemporaries.forget(url)
    }
    return try OwnTemporaries.filling(url, fill)
  }

  /// Puts the checked partial file at `destination` in one step. Should the partial file be
  /// gone (a fetch in another container or host that took it for a leftover), a copy at
  /// `destination` that `check` accepts does as well.
  func place(checking check: (String) throws -> Void) throws {
    guard rename(path, destination) != 0 else { return }
    let code = errno
    if code == ENOENT, FileManager.default.fileExists(atPath: destination),
      (try? check(destination)) != nil
    {
      return
    }
    throw DataError.unwritable(
      file: destination,
      reason: "cannot put the downloaded file in place (\(OSErrorText.of(code))): check that the "
        + "cache folder \(PathText.folder(of: destination)) is writable, or set XDG_CACHE_HOME "
        + "to a writable folder")
  }

  /// Removes the partial files of `destination` that a download which is gone left (killed):
  /// its process does not run here, and nothing has written to it for `seconds` (a live
  /// download writes as data arrives, and gives up after its timeout without; its process may
  /// run in another container or host sharing the cache, where its pid means nothing).
  static func removeLeftovers(of destination: String, unwrittenFor seconds: TimeInterval) {
    let folder = PathText.folder(of: destination)
    let suffix = "-" + name(of: destination)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
      let path = folder + "/" + name
      let owner = name.dropFirst(prefix.count).prefix { $0 != "-" }
      guard let pid = pid_t(owner), !ProcessLiveness.isRunning(pid),
        let written = (try? FileManager.default.attributesOfItem(atPath: path))?[
          .modificationDate] as? Date,
        Date().timeIntervalSince(written) >= seconds
      else { continue }
      try? FileManager.default.removeItem(atPath: path)
    }
  }

  /// The last component of `path`.
  private static func name(of path: String) -> String {
    String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
  }
}
