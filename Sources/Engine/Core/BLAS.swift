import COpenBLAS
import Synchronization

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// The process-wide OpenBLAS thread count.
///
/// OpenBLAS keeps one global thread pool, so changing its size while another computation
/// runs is a data race, and results (float64 and float32) differ between thread counts. The runner
/// therefore sets it once per process from the spec's `threads` (default 1) and refuses a
/// different value later: parallelism across trials comes from running several 1-thread
/// jobs, never from changing this mid-process. An OpenMP build reads the count from the
/// calling thread's OpenMP settings, so every thread that calls BLAS is given it first
/// (`prepareCallingThread`).
public enum BLAS {
  private static let configured = Mutex<Int?>(nil)
  /// The configured count when the build is OpenMP's (each thread must be given it), else 0.
  static let perThreadCount = Atomic<Int>(0)

  /// The error raised when a second, different thread count is requested.
  public struct ThreadCountConflict: Error, CustomStringConvertible {
    /// The thread count this process already uses.
    public let current: Int
    /// The different count asked for.
    public let requested: Int
    /// The conflict and the fix: run specs with different `threads` in separate processes.
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
      if parallelModel == .openMP {
        pthread_setspecific(threadKey, UnsafeRawPointer(bitPattern: threads))
        perThreadCount.store(threads, ordering: .releasing)
      }
    }
  }

  /// The thread count set by `configure`, or nil before the first call.
  public static var threads: Int? { configured.withLock { $0 } }
}

extension BLAS {
  /// The kernel OpenBLAS loaded, e.g. `Haswell` (`openblas_get_corename`).
  public static var coreName: String { String(cString: openblas_get_corename()) }

  /// OpenBLAS's build description, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell …`.
  /// Read once: `openblas_get_config` builds it in one static buffer, so two threads calling it
  /// at once garble it (`MAX_THREADS=64 MAX_THREADS=6`).
  public static let buildConfiguration: String = String(cString: openblas_get_config())
    .trimmingSpaces

  /// The library's version, e.g. `0.3.21` (the second word of its build description).
  public static var version: String {
    let words = buildConfiguration.split(separator: " ")
    return words.count > 1 ? String(words[1]) : ""
  }

  /// True when OpenBLAS chooses its kernel at load time (DYNAMIC_ARCH), so
  /// `OPENBLAS_CORETYPE` takes effect.
  public static var choosesKernelAtLoad: Bool { buildConfiguration.contains("DYNAMIC_ARCH") }

  /// The thread count OpenBLAS is using now.
  public static var activeThreads: Int { Int(openblas_get_num_threads()) }
}

extension String {
  fileprivate var trimmingSpaces: String {
    split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
  }
}
