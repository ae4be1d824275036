import Conventions
import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder a results folder goes into (the results root), readied before any work: its
/// missing folders are created, so that the results folder can be locked from the start, and it
/// must take new files. An unusable root (a file, a read-only or unwritable place, a kernel
/// pseudo-filesystem: `/proc`, `/sys`, `/dev`) is refused at once with its path and why, before
/// data is loaded or anything trained. A command that then fails without writing, or is
/// interrupted before it does, removes the folders it created (bad data writes nothing).
struct ResultsParent {
  /// The folders `prepare` created, deepest first.
  private(set) var created: [URL] = []

  /// Readies the parent of `folder`: creates its missing folders and checks that it is a
  /// writable folder; throws `.unusable` naming the parent and the reason.
  static func prepare(for folder: URL) throws(FolderError) -> ResultsParent {
    let parent = folder.deletingLastPathComponent().standardizedFileURL
    func unusable(_ reason: String) -> FolderError { .unusable(path: parent.path, reason: reason) }
    var missing: [URL] = []
    var existing = parent
    var info = stat()
    while stat(existing.path, &info) != 0 {
      guard errno == ENOENT || errno == ENOTDIR, existing.path != "/" else {
        throw unusable("cannot reach \(existing.path) (\(Self.systemError()))")
      }
      missing.append(existing)
      existing = existing.deletingLastPathComponent()
    }
    if let notAFolder = PathEntry.of(existing.path).notAFolder {
      throw unusable("\(existing.path) \(notAFolder)")
    }
    // A missing folder inside one its owner made read-only (`chmod a-w`) is not created, even
    // by root (tester BB F1): the protected folder is named.
    if let protected = RunFolderMode.protectedFolder(creating: parent) {
      throw unusable(
        "\(protected.path) is write-protected (its owner may not write it): the runner creates "
          + "nothing inside it")
    }
    var result = ResultsParent()
    for url in missing.reversed() {
      if mkdir(url.path, 0o777) == 0 {
        result.created.insert(url, at: 0)
      } else if errno != EEXIST {
        let reason = "cannot create the folder \(url.path) (\(Self.systemError()))"
        result.removeIfUnused()
        throw unusable(reason)
      }
    }
    if let reason = SystemFolder.reason(parent.path) {
      result.removeIfUnused()
      throw unusable(reason)
    }
    // Root may write anywhere: a folder its owner made read-only (`chmod a-w`) is refused all
    // the same, as a write-protected run folder is (`RunFolderMode`).
    let denied = access(parent.path, W_OK | X_OK) == 0 ? nil : Self.systemError()
    guard denied == nil, RunFolderMode.isWritable(parent) else {
      let reason =
        denied.map(ReadOnlyMount.cannotCreateFiles)
        ?? "it is write-protected (its owner may not write it): the runner leaves it as it is"
      result.removeIfUnused()
      throw unusable(reason)
    }
    // An interrupt removes them too while they are empty.
    OwnTemporaries.createdFolders(result.created)
    return result
  }

  /// Removes the folders `prepare` created that are still empty, deepest first, and no longer
  /// counts them as this process's for an interrupt to remove.
  func removeIfUnused() {
    for url in created { rmdir(url.path) }
    OwnTemporaries.forgetFolders(created)
  }

  /// The text of system error `code`, by default the last one (`Permission denied`).
  static func systemError(_ code: Int32 = errno) -> String { OSErrorText.of(code) }
}
