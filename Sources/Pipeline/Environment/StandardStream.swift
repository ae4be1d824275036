import CProcessControl
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes to standard output and standard error without stopping the process when the stream
/// fails (a log redirected to a full disk, `/dev/full`, or into a pipe whose reader is gone):
/// `FileHandle.write(_:)` traps there, with a backtrace.
public enum StandardStream {
  /// The standard streams (0, 1, 2) the process started without (`runner run x.yaml >&-`),
  /// which a constructor opened on `/dev/null` before main (`runner_closed_standard_streams`).
  private static let closedAtStart: Set<Int32> = Set(
    [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO].filter {
      runner_closed_standard_streams() & (1 << $0) != 0
    })

  /// The variable a re-executed runner learns `closedAtStart` from (as bits, 2: output).
  static let closedStreamsVariable = "RUNNER_CLOSED_STREAMS"

  /// Passes `closedAtStart` to the process this one is about to become (`execv`).
  static func passClosedStreams() {
    let bits = runner_closed_standard_streams()
    if bits != 0 { setenv(closedStreamsVariable, "\(bits)", 1) }
  }

  /// Writes `text` to standard error; a failure is ignored, as there is nowhere left to say so.
  public static func error(_ text: String) {
    _ = write(text, to: STDERR_FILENO)
  }

  /// Writes `text` to standard output; returns why when it could not.
  public static func out(_ text: String) -> WriteFailure? {
    write(text, to: STDOUT_FILENO)
  }

  /// Why a stream could not be written.
  public struct WriteFailure: Error, Sendable {
    /// The system's reason, `No space left on device`.
    public let reason: String
    /// Whether the reader closed the pipe (`EPIPE`: `| head` has read all it wanted).
    public let readerGone: Bool
  }

  /// Writes all of `text` to `descriptor`; returns why it failed, else nil. A reader that
  /// closed its pipe is an `EPIPE` failure, not the `SIGPIPE` that would end the process:
  /// the runner ignores that signal from its start (`Runner.main`).
  private static func write(_ text: String, to descriptor: Int32) -> WriteFailure? {
    if closedAtStart.contains(descriptor) {
      return WriteFailure(
        reason: "it was closed when the runner started (Bad file descriptor)", readerGone: false)
    }
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
        return WriteFailure(reason: String(cString: strerror(errno)), readerGone: errno == EPIPE)
      }
      bytes = bytes.dropFirst(written)
    }
    return nil
  }
}
