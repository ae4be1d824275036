import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A test-only hook that kills the process with SIGKILL when it reaches a named point for the
/// n-th time, so that tests can check that a sweep killed at that exact moment resumes to the
/// same results. It is armed only by the environment variable `RUNNER_SWEEP_CRASH_AT=point:n`
/// (e.g. `summary-write:3`) together with `RUNNER_TEST_HOOKS=armed-by-runner-tests`, which only
/// the binary tests set (`armingVariable`, `armingValue`), so that a user's environment setting
/// the first by accident crashes nothing; without both, `reach` does nothing.
///
/// Points: `trial-start` (before a trial runs), `trial-committed` (its results folder is in
/// place, its marker not yet written), `marker-write` and `summary-write` (half of the file's
/// bytes written to the temporary file, before the rest and the rename). Single runs (and each
/// trial's own commit): `run-write` (a results file staged), `run-commit` (the previous folder
/// moved aside, the new one not yet in place), `run-retire` (the new folder in place, the old
/// one not yet retired), `run-saved` (the new folder in place and the old one retired).
/// `runner merge`: `merge-copied` (a trial's copy staged, not yet in place). The
/// gate's `--record`: `gate-record-aside` (the old baseline moved aside, the new one not yet in
/// place), `gate-record-placed` (the new one in place, the old one not yet removed). Every
/// command: `start` (as `main` begins, before the command line is parsed). `runner sweep`:
/// `sweep-stops` (its own stops installed, before it reads the spec).
///
/// `point:n:int` sends SIGINT (Ctrl-C) instead (`:term` SIGTERM, `:hup` SIGHUP), then waits for
/// the interrupt to end the process (a minute at most), so tests can press Ctrl-C at that exact
/// moment; a sweep, which its first Ctrl-C does not end, goes on once it has seen the stop.
/// Inside a commit
/// (`ResultsCommits`), whose end the interrupt waits for, it goes on once the interrupt waits.
/// `point:n:stop` stops the process (SIGSTOP) and goes on when it is continued (SIGCONT), so
/// tests can change a file at that exact moment (a data file between two trials).
public final class CrashHook: @unchecked Sendable {
  /// The environment variable naming the point (`point:n`, `point:n:int`, …).
  public static let variable = "RUNNER_SWEEP_CRASH_AT"
  /// The second environment variable the hook needs, set to `armingValue` by the tests only.
  public static let armingVariable = "RUNNER_TEST_HOOKS"
  /// The value of `armingVariable` that arms the hook.
  public static let armingValue = "armed-by-runner-tests"

  private let point: String?
  private let occurrence: Int
  private let signal: Int32
  private var count = 0
  private let lock = NSLock()
  /// Set when a sweep of this process is asked to stop (`SweepCancellation.cancel()`).
  nonisolated(unsafe) private static var stopSeen = false
  private static let stopLock = NSLock()

  /// Notes that a sweep of this process was asked to stop: an armed point waiting for its
  /// signal's effect goes on.
  static func noteStop() { stopLock.withLock { stopSeen = true } }

  /// A hook armed by `environment[variable]` when `environment[armingVariable]` is
  /// `armingValue`; disarmed when either is absent, or the point is malformed.
  init(environment: [String: String]) {
    let armed = environment[Self.armingVariable] == Self.armingValue
    let parts = armed ? environment[Self.variable]?.split(separator: ":") ?? [] : []
    let caught: [Substring: Int32] = [
      "int": SIGINT, "term": SIGTERM, "hup": SIGHUP, "stop": SIGSTOP,
    ]
    signal = parts.count == 3 ? caught[parts[2]] ?? SIGKILL : SIGKILL
    if parts.count == 2 || signal != SIGKILL, let n = Int(parts[1]), n >= 1 {
      point = String(parts[0])
      occurrence = n
    } else {
      point = nil
      occurrence = 0
    }
  }

  /// Reaches point `name` of the hook this process's environment arms.
  public static func reachInProcess(_ name: String) {
    CrashHook(environment: ProcessInfo.processInfo.environment).reach(name)
  }

  /// A disarmed hook.
  static let disarmed = CrashHook(environment: [:])

  /// Kills (or interrupts) the process if this is the armed point's n-th occurrence.
  func reach(_ name: String) {
    guard let point, point == name else { return }
    let hit = lock.withLock {
      count += 1
      return count == occurrence
    }
    guard hit else { return }
    kill(getpid(), signal)
    // Stopped: continued by the test once it is done.
    guard signal != SIGKILL, signal != SIGSTOP else { return }
    // The signal may be caught on another thread, later: inside a commit, until the interrupt
    // waits for it (at most 10 s; a sweep's first Ctrl-C does not end the process).
    let inCommit = ResultsCommits.isCommittingOnThisThread
    for _ in 0..<(inCommit ? 1000 : 6000) {
      if inCommit && ResultsCommits.shared.interruptIsWaiting { return }
      if !inCommit && Self.stopLock.withLock({ Self.stopSeen }) { return }
      usleep(10_000)
    }
  }
}
