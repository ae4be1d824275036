import Conventions
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether a path lies on a file system mounted read-only, where neither `chmod` nor another
/// name beside it lets anything be written: the remedy is another place (tester BF F3: a run
/// there was told to make its folder writable with `chmod -R u+w`).
public enum ReadOnlyMount {
  /// True when the file system holding `path` is mounted read-only (`statvfs`'s `ST_RDONLY`);
  /// false when it is not, or `path` cannot be reached.
  public static func contains(_ path: String) -> Bool {
    var info = statvfs()
    guard statvfs(path, &info) == 0 else { return false }
    return info.f_flag & UInt(ST_RDONLY) != 0
  }

  /// The reason a folder on a read-only file system takes no file, in the words of the
  /// results root's refusal (`cannot create files in it (Read-only file system)`).
  public static let reason = cannotCreateFiles(OSErrorText.of(EROFS))

  /// Why a folder takes no file, for the system's `error` text (`Permission denied`): the
  /// reason every refusal of a folder the runner cannot write in gives.
  public static func cannotCreateFiles(_ error: String) -> String {
    "cannot create files in it (\(error))"
  }
}
