import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The words every module gives a failed system call: the system's own (`No space left on
/// device`, not Foundation's "The operation could not be completed"), except for a full table of
/// open files, which names the limit and what to do instead of passing for a permission problem.
public enum OSErrorText {
  /// The text for system error `code`: `strerror`'s, or for `EMFILE` `too many open files
  /// (ulimit -n 7): raise it`.
  public static func of(_ code: Int32) -> String {
    switch code {
    case EMFILE: return "too many open files (\(limitText)): raise it"
    case ENFILE:
      return "too many open files on this system (the kernel's table is full, \(limitText) "
        + "for this process): close other programs, or raise fs.file-max"
    default: return String(cString: strerror(code))
    }
  }

  /// The text for the last system error (`errno`).
  public static var last: String { of(errno) }

  /// The system error code inside a Foundation error (itself, or the error it wraps); nil when
  /// it carries none.
  public static func code(of error: any Error) -> Int32? {
    let error = error as NSError
    // (The wrapped error may be a Swift `POSIXError`, which `as? NSError` does not bridge here.)
    let wrapped = (error.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
    let candidates = [error, wrapped].compactMap { $0 }
    return candidates.first { $0.domain == NSPOSIXErrorDomain }.map { Int32($0.code) }
  }

  /// The system error code of reading the file at `path` now, found by opening it (a Foundation
  /// error that carries no code, `NSCocoaErrorDomain error 256`); nil when it opens.
  public static func openingCode(_ path: String) -> Int32? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor < 0 else {
      close(descriptor)
      return nil
    }
    return errno
  }

  /// `ulimit -n 7`: this process's limit on open files, as the shell sets it.
  public static var limitText: String {
    guard let soft = openFileLimit else { return "ulimit -n unlimited" }
    return "ulimit -n \(soft)"
  }

  /// This process's limit on open files (the soft `RLIMIT_NOFILE`); nil when there is none.
  public static var openFileLimit: Int? { ResourceLimit.openFiles.soft.map { Int(clamping: $0) } }
}
