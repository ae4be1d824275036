import Foundation

/// Options of `runner sweep` besides the spec.
public struct SweepOptions: Sendable {
  /// How the spec is read, the environment and the results root (as for one run).
  public var run: RunOptions
  /// Trials run at once (threads in this process); default: the core count.
  public var jobs: Int
  /// `--shard i/n`; nil takes the shard from the environment (see `Shard.fromEnvironment`).
  public var shard: String?
  /// Run trials that are complete but failed again (complete `ok` trials are always skipped).
  public var retryFailed: Bool
  /// Stops the sweep from starting more trials (Ctrl-C).
  public var cancellation: SweepCancellation
  /// `--timeout`: seconds after the sweep starts from which it starts no more trials (running
  /// trials finish); nil: no time budget.
  public var timeout: Double? = nil
  /// Refuse a spec without a `sweep:` section (`runner sweep`; the library runs it as one trial).
  public var requiresSweep = false
  /// The wall clock of the progress events' elapsed time and ETA (tests inject their own).
  public var clock: @Sendable () -> Date = { Date() }

  /// Options; `jobs` defaults to the CPUs this process may use (its affinity), as -1 does
  /// (scikit-learn's n_jobs).
  public init(
    run: RunOptions = .init(), jobs: Int? = nil, shard: String? = nil, retryFailed: Bool = false,
    cancellation: SweepCancellation = SweepCancellation()
  ) {
    self.run = run
    self.jobs = jobs.flatMap { $0 == -1 ? nil : $0 } ?? AvailableCPUs.count
    self.shard = shard
    self.retryFailed = retryFailed
    self.cancellation = cancellation
  }
}

/// A flag that asks a running sweep to start no more trials; trials already running finish and
/// are recorded. Set it from a signal handler (Ctrl-C) or another thread, or by a deadline
/// (`--timeout`).
public final class SweepCancellation: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false
  private var deadline: (date: Date, clock: @Sendable () -> Date)?
  private var spent = false

  /// A flag not yet set.
  public init() {}

  /// Asks the sweep to stop starting trials (unless its time budget was spent first).
  public func cancel() {
    lock.withLock {
      if !cancelled { spent = pastDeadline }
      cancelled = true
    }
    CrashHook.noteStop()
  }

  /// Sets the flag by itself once `clock` reaches `date` (`--timeout`).
  func stop(at date: Date, clock: @escaping @Sendable () -> Date) {
    lock.withLock { deadline = (date, clock) }
  }

  /// True once `cancel()` was called or the deadline passed.
  public var isCancelled: Bool {
    lock.withLock {
      if !cancelled && pastDeadline { (cancelled, spent) = (true, true) }
      return cancelled
    }
  }

  /// True when the time budget was spent before any `cancel()` (the sweep then ends as timed
  /// out, not as interrupted).
  public var timedOut: Bool { lock.withLock { spent } }

  /// Whether the deadline passed (called with the lock held).
  private var pastDeadline: Bool { deadline.map { $0.clock() >= $0.date } ?? false }
}
