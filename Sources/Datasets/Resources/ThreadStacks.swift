import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The address space threads' stacks take under `ulimit -v`, counted for a fixed number of
/// threads rather than for those started at the moment of a memory check. The concurrency
/// runtime starts its threads as work comes, each mapping a stack (8 MB under the usual
/// `ulimit -s`): one more or one fewer started when `VmSize` was read moved the address space
/// left by a stack, so identical `runner validate` calls said limits 4 MB apart (a sweep's
/// two jobs sharing it; tester AO12) and `run` could refuse what `validate` passed.
enum ThreadStacks {
  /// The threads besides the main one whose stacks are counted whether started or not: the
  /// concurrency runtime's (up to one per CPU), OpenBLAS's pool (one per CPU but the caller),
  /// the Ctrl-C listener and a few more; 6 had started on 2 CPUs at a check, 8 are counted there.
  static let counted = counted(cpus: ProcessInfo.processInfo.activeProcessorCount)

  /// The threads counted on a machine of `cpus` CPUs: two per CPU and four more.
  static func counted(cpus: Int) -> Int { 2 * max(1, cpus) + 4 }

  /// Bytes glibc maps for a new thread's stack: its default size and guard.
  static let size: Double = {
    var attributes = pthread_attr_t()
    guard pthread_attr_init(&attributes) == 0 else { return 8 * 1_048_576 }
    defer { pthread_attr_destroy(&attributes) }
    var (stack, guardSize) = (0, 0)
    pthread_attr_getstacksize(&attributes, &stack)
    pthread_attr_getguardsize(&attributes, &guardSize)
    return Double(stack + guardSize)
  }()

  /// The address space in use when `mapped` bytes are mapped with `threads` threads running
  /// (the main one included): the started threads' stacks replaced by `counted` of them, or
  /// left as they are when more have started.
  static func used(mapped: Double, threads: Int) -> Double {
    let started = max(0, threads - 1)
    return mapped + Double(max(started, counted) - started) * size
  }
}
