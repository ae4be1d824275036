import Conventions
import Foundation

/// One worker's wait for a trial another process holds locked (two sweeps of one spec,
/// overlapping shards): when to say what it waits for. The first notice comes after
/// `firstNotice` seconds, later ones as often as a quiet log's status line
/// (`ProgressText.quietInterval` of the time waited).
struct TrialWait {
  /// Seconds of waiting before the first notice.
  static let firstNotice = 3.0
  /// When the wait began.
  let started: Date
  private var lastNotice: Date?

  /// A wait begun at `started`.
  init(started: Date) { self.started = started }

  /// Whether a notice is due at `now`; if so, counts it as given.
  mutating func noticeDue(_ now: Date) -> Bool {
    let waited = now.timeIntervalSince(started)
    guard waited >= Self.firstNotice else { return false }
    if let lastNotice,
      now.timeIntervalSince(lastNotice) < ProgressText.quietInterval(elapsed: waited)
    {
      return false
    }
    lastNotice = now
    return true
  }

  /// Whether process `pid` is stopped (SIGSTOP, Ctrl-Z, a Slurm suspend): Linux's
  /// `/proc/<pid>/stat` state `T` or `t`. False where that cannot be read.
  static func isStopped(_ pid: Int32) -> Bool {
    guard pid > 0,
      let stat = KernelFile.text("/proc/\(pid)/stat"),
      let end = stat.lastIndex(of: ")")
    else { return false }
    // `pid (name) S …`: the name may hold spaces and parentheses; the state follows the last `)`.
    let state = stat[stat.index(after: end)...].drop { $0 == " " }.first
    return state == "T" || state == "t"
  }
}
