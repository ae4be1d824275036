import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes to standard output and standard error without stopping the process when the stream
/// fails (a log redirected to a full disk, `/dev/full`): `FileHandle.write(_:)` traps there,
/// with a backtrace.
public enum StandardStream {
  /// Writes `text` to standard error; a failure is ignored, as there is nowhere left to say so.
  public static func error(_ text: String) {
    _ = write(text, to: STDERR_FILENO)
  }

  /// Writes `text` to standard output; returns the system's reason when it could not.
  public static func out(_ text: String) -> String? {
    write(text, to: STDOUT_FILENO)
  }

  /// Writes all of `text` to `descriptor`; returns the system's reason for a failure, else nil.
  private static func write(_ text: String, to descriptor: Int32) -> String? {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { buffer in
        #if canImport(Glibc)
          Glibc.write(descriptor, buffer.baseAddress, buffer.count)
        #else
          Darwin.write(descriptor, buffer.baseAddress, buffer.count)
        #endif
      }
      if written < 0 {
        if errno == EINTR { continue }
        return String(cString: strerror(errno))
      }
      bytes = bytes.dropFirst(written)
    }
    return nil
  }
}
