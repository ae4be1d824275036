import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Copies a folder the runner wrote (a shard's trial folder that `runner merge` copies) as if
/// its files were written fresh: folders and files get the modes the runner gives what it writes
/// (`mkdir` 0777 and files 0644, less the umask), never the source's, so that a shard folder
/// made read-only (`chmod -R a-w`) gives a merged folder the next resume or merge may write,
/// not one refused as protected (tester BD 10). Links are copied as links; times are kept.
public enum FreshCopy {
  /// Copies folder `source` to the missing `destination`, with the runner's own modes.
  public static func copy(_ source: URL, to destination: URL) throws {
    try copy(path: source.path, to: destination.path)
  }

  /// The mode the runner creates its results files with (less the umask), as `AtomicFile` does.
  static let fileMode: mode_t = 0o644

  /// `copy` on paths.
  private static func copy(path source: String, to destination: String) throws {
    var info = stat()
    guard lstat(source, &info) == 0 else { throw posixError(source) }
    switch info.st_mode & S_IFMT {
    case S_IFDIR:
      guard mkdir(destination, 0o777) == 0 else { throw posixError(destination) }
      let names = try FileManager.default.contentsOfDirectory(atPath: source)
      for name in names.sorted() {
        try copy(path: source + "/" + name, to: destination + "/" + name)
      }
      keepTimes(of: info, on: destination)
    case S_IFLNK:
      let target = try FileManager.default.destinationOfSymbolicLink(atPath: source)
      guard symlink(target, destination) == 0 else { throw posixError(destination) }
    default:
      try copyFile(source, to: destination)
      keepTimes(of: info, on: destination)
    }
  }

  /// Gives `destination` the access and modification times of `info` (a copied trial keeps
  /// the times it was written at, which stale-data warnings compare with the data's).
  private static func keepTimes(of info: stat, on destination: String) {
    var times = [info.st_atim, info.st_mtim]
    _ = utimensat(AT_FDCWD, destination, &times, 0)
  }

  /// Copies the bytes of file `source` into the new file `destination`.
  private static func copyFile(_ source: String, to destination: String) throws {
    let input = open(source, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else { throw posixError(source) }
    defer { close(input) }
    let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
    guard output >= 0 else { throw posixError(destination) }
    defer { close(output) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = read(input, &buffer, buffer.count)
      if count < 0 {
        if errno == EINTR { continue }
        throw posixError(source)
      }
      if count == 0 { return }
      var written = 0
      while written < count {
        let n = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, count - written) }
        if n < 0 {
          if errno == EINTR { continue }
          throw posixError(destination)
        }
        written += n
      }
    }
  }

  /// The error `errno` stands for, at `path`.
  private static func posixError(_ path: String) -> NSError {
    NSError(
      domain: NSPOSIXErrorDomain, code: Int(errno), userInfo: [NSFilePathErrorKey: path])
  }
}
