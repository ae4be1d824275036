import COpenBLAS
import Synchronization

/// The process-wide OpenBLAS thread count.
///
/// OpenBLAS keeps one global thread pool, so changing its size while another computation
/// runs is a data race, and float32 results differ between thread counts. The runner
/// therefore sets it once per process from the spec's `threads` (default 1) and refuses a
/// different value later: parallelism across trials comes from running several 1-thread
/// jobs, never from changing this mid-process.
public enum BLAS {
  private static let configured = Mutex<Int?>(nil)

  /// The error raised when a second, different thread count is requested.
  public struct ThreadCountConflict: Error, CustomStringConvertible {
    public let current: Int
    public let requested: Int
    public var description: String {
      "BLAS threads already set to \(current) in this process; cannot change to \(requested). Run specs with different `threads` in separate processes."
    }
  }

  /// Sets the thread count on first use; later calls must ask for the same count.
  public static func configure(threads: Int) throws(ThreadCountConflict) {
    precondition(threads >= 1, "threads must be >= 1")
    try configured.withLock { (value: inout Int?) throws(ThreadCountConflict) in
      if let current = value {
        if current != threads { throw ThreadCountConflict(current: current, requested: threads) }
        return
      }
      openblas_set_num_threads(Int32(threads))
      value = threads
    }
  }

  /// The thread count set by `configure`, or nil before the first call.
  public static var threads: Int? { configured.withLock { $0 } }
}
