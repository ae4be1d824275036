import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a command is about to change, checked as one against the protections the user set
/// (`chmod a-w`, held for root too: `RunFolderMode`) before it writes anything, so that its
/// refusal (exit 73) means nothing changed (tester BB F8: a sweep, a merge and an export wrote
/// part of their files before one of them was refused).
public struct PlannedWrites: Sendable {
  /// Folders replaced whole (a run's, a trial's, a baseline's), made beside them first: refused
  /// when one of them, anything in it, or the folder holding it is protected, or when it would
  /// be created inside a protected folder.
  public var replaced: [URL]
  /// Files written (created or replaced), with the folders missing above them.
  public var written: [URL]
  /// Folders that get a new entry (created with the folders missing above them when missing):
  /// a `.history` folder, an export's `--logdir`.
  public var receiving: [URL]
  /// Files and folders removed (a stale chart, a finished sweep's checkpoint): refused when one
  /// of them, anything in it, or the folder holding it is protected; one missing changes nothing.
  public var removed: [URL]

  /// The changes `replaced`, `written`, `receiving` and `removed`.
  public init(
    replaced: [URL] = [], written: [URL] = [], receiving: [URL] = [], removed: [URL] = []
  ) {
    (self.replaced, self.written, self.receiving) = (replaced, written, receiving)
    self.removed = removed
  }

  /// A planned change that would go past a protection.
  public struct Protected: Sendable, Equatable {
    /// The folder or file the command would replace, write or add an entry to.
    public var planned: URL
    /// The protected folder or file it would change (`planned` itself, a folder above it, or
    /// an entry in it).
    public var path: URL
    /// The refusal naming `path` (`RunFolderMode.refusal`).
    public var reason: String
  }

  /// The first planned change that would go past a protection; nil when none would.
  public func firstProtected() -> Protected? {
    for folder in replaced {
      if let entry = Self.protectedPart(replacing: folder) {
        return Protected(planned: folder, path: entry, reason: RunFolderMode.refusal(entry))
      }
    }
    for file in written where RunFolderMode.protection(writing: file) != nil {
      let folder = file.deletingLastPathComponent()
      let entry =
        RunFolderMode.isProtected(folder)
        ? folder : RunFolderMode.protectedFolder(creating: folder) ?? file
      return Protected(planned: file, path: entry, reason: RunFolderMode.refusal(entry))
    }
    for folder in receiving {
      if let entry = Self.protectedFolder(receiving: folder) {
        return Protected(planned: folder, path: entry, reason: RunFolderMode.refusal(entry))
      }
    }
    for url in removed {
      var info = stat()
      guard lstat(url.path, &info) == 0, let entry = Self.protectedPart(replacing: url) else {
        continue
      }
      return Protected(planned: url, path: entry, reason: RunFolderMode.refusal(entry))
    }
    return nil
  }

  /// The protected entry that replacing `folder` would change: the folder holding it, the
  /// folder itself or anything in it; or the folder creating it would add an entry to.
  static func protectedPart(replacing folder: URL) -> URL? {
    var info = stat()
    guard lstat(folder.path, &info) == 0 else {
      return RunFolderMode.protectedFolder(creating: folder)
    }
    let parent = folder.standardizedFileURL.deletingLastPathComponent()
    if RunFolderMode.isProtected(parent) { return parent }
    // A link is replaced as the link: what it names is never written.
    guard info.st_mode & S_IFMT != S_IFLNK else { return nil }
    return RunFolderMode.protectedEntry(in: folder)
  }

  /// `folder` when it is protected, else the protected folder creating it would add an entry to.
  static func protectedFolder(receiving folder: URL) -> URL? {
    RunFolderMode.isProtected(folder) ? folder : RunFolderMode.protectedFolder(creating: folder)
  }
}
