import Conventions
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether a folder or file the user may have write-protected is one the runner may write.
public enum RunFolderMode {
  /// The words every refusal of a protected entry says (`refusal`, `protection(writing:)`).
  public static let protectedWords = "write-protected (its owner may not write it)"

  /// True when this process may write `folder` and its owner's write bit is set: a folder made
  /// read-only (`chmod a-w`, `chmod u-w`) is left as it is even by root, whom the kernel lets
  /// write anywhere (tester AY F2).
  public static func isWritable(_ folder: URL) -> Bool {
    !ownerMayNotWrite(folder) && access(folder.path, W_OK) == 0
  }

  /// Whether `url` exists with its owner's write bit off (`chmod a-w`).
  public static func isProtected(_ url: URL) -> Bool { ownerMayNotWrite(url) }

  /// Whether `url` exists with its owner's write bit off.
  private static func ownerMayNotWrite(_ url: URL) -> Bool {
    var info = stat()
    return stat(url.path, &info) == 0 && info.st_mode & S_IWUSR == 0
  }

  /// Why writing `file` (replacing it, or creating it and its missing folders) would go past a
  /// protection the user set: the folder that would take a new entry (its folder, or the
  /// nearest existing folder above it: `protectedFolder(creating:)`), or the file itself, has
  /// its owner's write bit off (`chmod a-w`); nil when none does. Root, whom the kernel lets
  /// write anywhere, is held to the bits as every other user is.
  public static func protection(writing file: URL) -> String? {
    let folder = file.deletingLastPathComponent()
    if let protected = ownerMayNotWrite(folder)
      ? Optional(folder) : protectedFolder(creating: folder)
    {
      return refusal(protected)
    }
    if ownerMayNotWrite(file) {
      return "it is \(protectedWords); the runner leaves it as it "
        + "is: make it writable (chmod u+w) or write elsewhere"
    }
    return nil
  }

  /// The write-protected folder that creating the missing `url` (a folder or file, with the
  /// missing folders above it) would add an entry to: its nearest existing folder above it,
  /// when that folder's owner may not write it (tester BB F1: `ro/new/deeper` made folders
  /// inside `chmod a-w` `ro`); nil when `url` exists or that folder is writable.
  public static func protectedFolder(creating url: URL) -> URL? {
    var info = stat()
    guard lstat(url.path, &info) != 0 else { return nil }
    var folder = url.standardizedFileURL.deletingLastPathComponent()
    while stat(folder.path, &info) != 0 {
      guard errno == ENOENT, folder.path != "/" else { return nil }
      folder = folder.deletingLastPathComponent()
    }
    // A kernel pseudo-filesystem's mode (`/proc` is r-x) is no protection a user set: the
    // folder is refused as such where the command checks it (`SystemFolder`).
    let isFolder = info.st_mode & S_IFMT == S_IFDIR && SystemFolder.reason(folder.path) == nil
    return isFolder && info.st_mode & S_IWUSR == 0 ? folder : nil
  }

  /// The refusal of writing inside the write-protected `folder`, naming it.
  public static func refusal(_ folder: URL) -> String {
    "\(folder.path) is \(protectedWords); the runner leaves it as it "
      + "is: make it writable (chmod u+w) or write elsewhere"
  }

  /// Creates `folder` and its missing folders, unless one of them would go inside a
  /// write-protected folder (`protectedFolder(creating:)`): then nothing is created and the
  /// refusal names that folder. Every folder a command creates for its files goes through here.
  public static func createFolders(_ folder: URL) throws(ResultsFileError) {
    if let protected = protectedFolder(creating: folder) {
      throw .cannotCreateDirectory(path: folder.path, reason: refusal(protected))
    }
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw .cannotCreateDirectory(path: folder.path, reason: AtomicFile.reason(error))
    }
  }

  /// The first entry in `folder` (itself, then what it holds, to any depth, in name order)
  /// whose owner may not write it; nil when there is none. A run replaces its folder as a
  /// whole, so a file protected inside it refuses the run as the folder itself does.
  public static func protectedEntry(in folder: URL) -> URL? {
    if ownerMayNotWrite(folder) { return folder }
    let manager = FileManager.default
    guard PathEntry.isPlainDirectory(folder.path),
      let names = try? manager.subpathsOfDirectory(atPath: folder.path)
    else { return nil }
    for name in names.sorted() {
      let url = folder.appendingPathComponent(name)
      var info = stat()
      // A link's own mode is no protection; what it names is not the folder's.
      guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT != S_IFLNK else { continue }
      if info.st_mode & S_IWUSR == 0 { return url }
    }
    return nil
  }
}
