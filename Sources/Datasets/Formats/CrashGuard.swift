import CCrashGuard
import Foundation

/// Calls into a C library that a damaged file can crash (libhdf5 reading through a broken
/// root-group heap or B-tree) so that the crash becomes a data error naming the file instead
/// of killing the runner (`runner_crash_guarded`). Once one has crashed, the library is not
/// called again in this process: its state may be corrupt.
final class CrashGuard: @unchecked Sendable {
  /// The library's name in messages ("HDF5").
  let library: String
  /// How to get a good file, ending the crash message.
  let remedy: String
  private let lock = NSLock()
  private var crashedReading: String?

  init(library: String, remedy: String) {
    self.library = library
    self.remedy = remedy
  }

  /// Runs `body`, which reads or writes the file at `path`; a crash inside it is refused as
  /// damage to that file, and after one, `body` is refused without being run (with the same
  /// error for that file, as not read for any other).
  func run<R>(_ path: String, _ body: @escaping () throws -> R) throws -> R {
    if let earlier = lock.withLock({ crashedReading }) {
      guard earlier != path else { throw crashed(path) }
      throw DataError.malformed(
        file: path, location: nil,
        reason: "not read: \(library) crashed earlier in this process reading '\(earlier)' and "
          + "may be left corrupt; repair or remove that file and run again")
    }
    let outcome = UnsafeMutablePointer<Result<R, any Error>?>.allocate(capacity: 1)
    outcome.initialize(to: nil)
    defer { outcome.deinitialize(count: 1).deallocate() }
    // Only this pointer is written once `body` returns: a crash abandons `body`'s frames, so
    // nothing the guard reads afterwards may be left mid-access by them.
    let call = GuardedCall { outcome.pointee = Result { try body() } }
    let signal = withExtendedLifetime(call) {
      runner_crash_guarded(
        { context in Unmanaged<GuardedCall>.fromOpaque(context!).takeUnretainedValue().run() },
        Unmanaged.passUnretained(call).toOpaque())
    }
    guard signal == 0, let result = outcome.pointee else {
      lock.withLock { crashedReading = path }
      throw crashed(path)
    }
    return try result.get()
  }

  /// The error for the file at `path`, which crashed the library (then or earlier).
  private func crashed(_ path: String) -> DataError {
    .malformed(
      file: path, location: nil,
      reason: "\(library) crashed reading it: the file is damaged (its internal structure is "
        + "broken; \(remedy))")
  }
}

/// A Swift closure that C calls back through a context pointer.
private final class GuardedCall {
  let run: () -> Void
  init(_ run: @escaping () -> Void) { self.run = run }
}
