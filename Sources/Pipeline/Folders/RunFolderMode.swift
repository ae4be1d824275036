import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether a run folder the user may have write-protected is one the runner may replace.
public enum RunFolderMode {
  /// True when this process may write `folder` and its owner's write bit is set: a folder made
  /// read-only (`chmod a-w`, `chmod u-w`) is left as it is even by root, whom the kernel lets
  /// write anywhere (tester AY F2).
  public static func isWritable(_ folder: URL) -> Bool {
    var info = stat()
    guard stat(folder.path, &info) == 0 else { return access(folder.path, W_OK) == 0 }
    return info.st_mode & S_IWUSR != 0 && access(folder.path, W_OK) == 0
  }
}
