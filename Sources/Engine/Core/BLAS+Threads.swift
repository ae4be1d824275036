import COpenBLAS

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

extension BLAS {
  /// How an OpenBLAS build runs its threads (`openblas_get_parallel`).
  public enum ParallelModel: String, Sendable {
    /// A `SINGLE_THREADED` build: every call runs on the calling thread alone.
    case serial
    /// OpenBLAS's own thread pool: one process-wide thread count.
    case pthreads
    /// OpenMP: the thread count is the calling thread's OpenMP setting.
    case openMP = "OpenMP"
  }

  /// This OpenBLAS build's threading.
  public static var parallelModel: ParallelModel {
    switch openblas_get_parallel() {
    case 0: .serial
    case 2: .openMP
    default: .pthreads
    }
  }

  /// The threads a run asking for `requested` gets from this build: 1 from a serial one.
  public static func threadsRun(requested: Int, model: ParallelModel = parallelModel) -> Int {
    model == .serial ? 1 : requested
  }

  /// Gives the calling thread the configured thread count before it calls BLAS. An OpenMP
  /// build takes the count from the calling thread's OpenMP setting (`omp_get_max_threads`),
  /// which `openblas_set_num_threads` sets for that thread only: a worker thread (a sweep's
  /// trial, a bootstrap round) would otherwise compute with OpenMP's default (the cores, or
  /// `OMP_NUM_THREADS`), other numbers than the configured count gives. Nothing to do in
  /// other builds or before `configure`.
  @inline(__always)
  public static func prepareCallingThread() {
    let wanted = perThreadCount.load(ordering: .relaxed)
    guard wanted != 0 else { return }
    prepareThread(given: Int(bitPattern: pthread_getspecific(threadKey)), wanted: wanted) {
      openblas_set_num_threads(Int32($0))
      pthread_setspecific(threadKey, UnsafeRawPointer(bitPattern: $0))
    }
  }

  /// The hook's logic: `give(wanted)` when a count is `wanted` (0: none, as in a pthreads or
  /// serial build, or before `configure`) and the thread was `given` another one (0: none yet).
  @inline(__always)
  static func prepareThread(given: Int, wanted: Int, give: (Int) -> Void) {
    guard wanted != 0, given != wanted else { return }
    give(wanted)
  }

  /// The per-thread record of the count given (`pthread_getspecific`; 0 when none).
  static let threadKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()
}

extension BLAS {
  /// Runs one call split over OpenBLAS's whole thread pool (an axpy of 2¹⁶ values, above the
  /// length below which OpenBLAS keeps an axpy on the calling thread) and returns when every
  /// pool thread has taken its part, so every pool thread has started. A pthreads pool thread
  /// maps its 128 MB work buffer as it starts (`blas_thread_server`), so until it has run the
  /// address space in use depends on how soon the system scheduled it: under load, a memory
  /// check under `ulimit -v` found 128 MB more left in one command than in another. Call before
  /// `configure` (which sets the count the runs use, 1 by default); a serial build, or a pool
  /// of one, runs it on the calling thread.
  public static func startPoolThreads() {
    let count: Int32 = 1 << 16
    let x = [Double](repeating: 0, count: Int(count))
    var y = x
    cblas_daxpy(count, 1, x, 1, &y, 1)
  }
}
