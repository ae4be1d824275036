#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The limits the shell's `ulimit` sets on this process that the runner checks before it
/// starts work, each read as its soft limit.
public enum ResourceLimit: Sendable {
  /// `ulimit -n`: open files (`RLIMIT_NOFILE`), in files.
  case openFiles
  /// `ulimit -f`: the size of a file written (`RLIMIT_FSIZE`), in bytes.
  case fileSize
  /// `ulimit -v`: the address space (`RLIMIT_AS`), in bytes.
  case addressSpace
  /// `ulimit -s`: a thread's stack (`RLIMIT_STACK`), in bytes.
  case stack

  /// The soft limit; nil when there is none (unlimited) or it cannot be read.
  public var soft: UInt64? {
    let resource =
      switch self {
      case .openFiles: RLIMIT_NOFILE
      case .fileSize: RLIMIT_FSIZE
      case .addressSpace: RLIMIT_AS
      case .stack: RLIMIT_STACK
      }
    var limit = rlimit()
    #if canImport(Glibc)
      let read = getrlimit(__rlimit_resource_t(resource.rawValue), &limit)
    #else
      let read = getrlimit(resource, &limit)
    #endif
    guard read == 0, limit.rlim_cur != rlim_t.max else { return nil }
    return UInt64(limit.rlim_cur)
  }
}
