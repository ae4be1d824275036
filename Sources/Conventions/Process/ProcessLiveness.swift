import Foundation

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

  /// Whether process `pid`, which started at `start` (`startTime(of:)`; nil: not known), still
  /// runs: it exists and, where its start can be read, started then (not a later process given
  /// the same pid).
  public static func isRunning(_ pid: pid_t, startedAt start: String?) -> Bool {
    guard isRunning(pid) else { return false }
    guard let start, let now = startTime(of: pid) else { return true }
    return now == start
  }

  /// When process `pid` started, in clock ticks since boot (Linux's `/proc/<pid>/stat` field
  /// 22), as text; nil where that cannot be read.
  public static func startTime(of pid: pid_t) -> String? {
    guard pid > 0,
      let stat = KernelFile.text("/proc/\(pid)/stat"),
      let end = stat.lastIndex(of: ")")
    else { return nil }
    // `pid (name) S ppid …`: the name may hold spaces and parentheses; field 3 (the state)
    // follows the last `)`, so field 22 is the 20th after it.
    let fields = stat[stat.index(after: end)...].split(separator: " ")
    return fields.count > 19 ? String(fields[19]) : nil
  }
}
