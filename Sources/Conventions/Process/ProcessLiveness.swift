#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether a process that left files behind still runs: what it left may be settled only once
/// it is gone.
public enum ProcessLiveness {
  /// Whether process `pid` exists (this process counts as running; one of another user that
  /// the system will not signal, `EPERM`, too).
  public static func isRunning(_ pid: pid_t) -> Bool {
    if pid == getpid() { return true }
    return kill(pid, 0) == 0 || errno == EPERM
  }
}
