import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether a folder or file the user may have write-protected is one the runner may write.
public enum RunFolderMode {
  /// True when this process may write `folder` and its owner's write bit is set: a folder made
  /// read-only (`chmod a-w`, `chmod u-w`) is left as it is even by root, whom the kernel lets
  /// write anywhere (tester AY F2).
  public static func isWritable(_ folder: URL) -> Bool {
    !ownerMayNotWrite(folder) && access(folder.path, W_OK) == 0
  }

  /// Whether `url` exists with its owner's write bit off.
  private static func ownerMayNotWrite(_ url: URL) -> Bool {
    var info = stat()
    return stat(url.path, &info) == 0 && info.st_mode & S_IWUSR == 0
  }

  /// Why writing `file` (replacing it, or creating it in its folder) would go past a
  /// protection the user set: its folder, or the file itself, has its owner's write bit off
  /// (`chmod a-w`); nil when neither does or they do not exist yet. Root, whom the kernel
  /// lets write anywhere, is held to the bits as every other user is.
  public static func protection(writing file: URL) -> String? {
    let folder = file.deletingLastPathComponent()
    if ownerMayNotWrite(folder) {
      return "\(folder.path) is write-protected (its owner may not write it); the runner leaves "
        + "it as it is: make it writable (chmod u+w) or write elsewhere"
    }
    if ownerMayNotWrite(file) {
      return "it is write-protected (its owner may not write it); the runner leaves it as it "
        + "is: make it writable (chmod u+w) or write elsewhere"
    }
    return nil
  }
}
