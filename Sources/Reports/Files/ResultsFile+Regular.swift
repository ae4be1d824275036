import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ResultsFile {
  /// Why the file at `path` is not read: `not a regular file (a named pipe)` for a pipe, a
  /// device, a socket or a directory (through links); nil for a regular file or nothing there.
  /// Only the file's type is looked at, so a pipe or device, whose reading may block or never
  /// end, is never opened.
  public static func irregularity(atPath path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    let kind: String
    switch info.st_mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFIFO: kind = " (a named pipe)"
    case S_IFDIR: kind = " (a directory)"
    case S_IFCHR: kind = " (a character device)"
    case S_IFBLK: kind = " (a block device)"
    case S_IFSOCK: kind = " (a socket)"
    default: kind = ""
    }
    return "not a regular file" + kind
  }
}
