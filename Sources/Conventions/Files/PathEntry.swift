import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What is at a path, found with `stat` (symbolic links followed) before anything opens it.
///
/// The one classification the data loaders, the results files and the spec loader share, so
/// that each names a pipe, a device or a directory in the same words. Only regular files are
/// read: a FIFO would block the reader forever, a device (`/dev/zero`) never ends, and a
/// directory or a symbolic-link loop is named for what it is rather than "not found".
public enum PathEntry: Equatable, Sendable {
  /// A regular file of `size` bytes.
  case regular(size: Int)
  /// Nothing is there (or a folder on the path is a file).
  case missing
  /// A directory.
  case directory
  /// A named pipe (FIFO).
  case fifo
  /// A character device (`/dev/null`, `/dev/zero`, a terminal).
  case characterDevice
  /// A block device (a disk).
  case blockDevice
  /// A Unix-domain socket.
  case socket
  /// A symbolic link that leads back to itself (`ELOOP`).
  case symlinkLoop
  /// `stat` failed for another reason (`EACCES` on a parent folder, an I/O error).
  case inaccessible(reason: String)
  /// `stat` succeeded with a file type none of the above.
  case unknown

  /// Whether `path` is itself a directory, not a link to one (folders the runner walks: a
  /// link is never followed, so nothing outside is read and nothing is listed twice).
  public static func isPlainDirectory(_ path: String) -> Bool { unfollowedType(path) == S_IFDIR }

  /// Whether `path` is itself a regular file, not a link to one.
  public static func isPlainFile(_ path: String) -> Bool { unfollowedType(path) == S_IFREG }

  /// What the symbolic link at `path` points to, as written in the link (`readlink`); nil when
  /// `path` is no link.
  public static func linkTarget(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else { return nil }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Where the chain of symbolic links from `path` ends (each relative target taken from its
  /// link's folder, at most 40 links as the kernel follows): `path` itself when it is no link.
  public static func linkEnd(_ path: String) -> String {
    var end = path
    for _ in 0..<40 {
      guard let next = linkTarget(end) else { break }
      end = next.hasPrefix("/") ? next : PathText.folder(of: end) + "/" + next
    }
    return end
  }

  /// The file type bits of `path` itself (`lstat`), nil when nothing is there.
  private static func unfollowedType(_ path: String) -> mode_t? {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
  }

  /// The kind of entry at `path` (symbolic links followed); nothing is opened.
  public static func of(_ path: String) -> PathEntry {
    var info = stat()
    guard stat(path, &info) == 0 else {
      let code = errno
      switch code {
      case ENOENT, ENOTDIR: return .missing
      case ELOOP: return .symlinkLoop
      default: return .inaccessible(reason: OSErrorText.of(code))
      }
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regular(size: Int(info.st_size))
    case S_IFDIR: return .directory
    case S_IFIFO: return .fifo
    case S_IFCHR: return .characterDevice
    case S_IFBLK: return .blockDevice
    case S_IFSOCK: return .socket
    default: return .unknown
    }
  }

  /// How the entry is named in every message: `a named pipe (FIFO)`.
  public var noun: String {
    switch self {
    case .regular: "a regular file"
    case .missing: "missing"
    case .directory: "a directory"
    case .fifo: "a named pipe (FIFO)"
    case .characterDevice: "a character device"
    case .blockDevice: "a block device"
    case .socket: "a socket"
    case .symlinkLoop: "a symbolic link loop (too many levels of links)"
    case .inaccessible(let reason): "inaccessible (\(reason))"
    case .unknown: "of an unknown file type"
    }
  }

  /// Why the entry cannot hold files, `is a file, not a folder`; nil for a directory and for
  /// nothing there.
  public var notAFolder: String? { insteadOfFolder.map { "is " + $0 } }

  /// What the entry is where a folder was expected, `a named pipe (FIFO), not a folder`; nil
  /// for a directory and for nothing there.
  public var insteadOfFolder: String? {
    switch self {
    case .directory, .missing: nil
    case .regular: "a file, not a folder"
    default: "\(noun), not a folder"
    }
  }

  /// Why the entry is not read as a file, `is a named pipe (FIFO), not a regular file`; nil for
  /// a regular file and for nothing there.
  public var refusal: String? {
    switch self {
    case .regular, .missing: nil
    default: "is \(noun), not a regular file"
    }
  }
}

extension PathEntry {
  /// Whether the absolute form of `path` is longer than the system allows (PATH_MAX): a file
  /// there cannot be named absolutely (`getcwd` fails in it; `realpath` either fails with
  /// `ENAMETOOLONG` or walks up to a name that no call takes).
  public static func isPastPathLimit(_ path: String) -> Bool {
    guard let real = realpath(path, nil) else { return errno == ENAMETOOLONG }
    defer { free(real) }
    return strlen(real) >= Int(PATH_MAX)
  }

  /// `path` with every link, `.` and `..` resolved (`realpath`); nil when it does not exist.
  public static func realPath(_ path: String) -> String? {
    guard let real = realpath(path, nil) else { return nil }
    defer { free(real) }
    return String(cString: real)
  }
}

extension PathEntry {
  /// The nearest entry at or above `path` that exists (a relative `path` walks up its own
  /// components: `notes.txt` of `notes.txt/out`), as given, with why it cannot hold files (`is
  /// a file, not a folder`); nil when it is a folder, when it cannot be looked at (the write
  /// says why), or when nothing there exists.
  public static func blocking(atOrAbove path: String) -> (entry: String, why: String)? {
    var path = path
    while !path.isEmpty {
      switch of(path) {
      case .missing:
        let above = (path as NSString).deletingLastPathComponent
        guard above != path else { return nil }
        path = above
      case .inaccessible: return nil
      case let entry: return entry.notAFolder.map { (path, $0) }
      }
    }
    return nil
  }
}
