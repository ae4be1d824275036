import Foundation
import Reports
import Specs

/// Runs trials on `jobs` worker threads (each trial single-process, BLAS threads as configured
/// once), hands out trials in the given order, keeps the counts for the progress display, and
/// rewrites the sweep `summary.csv` as trials finish.
///
/// A trial another process holds locked (two sweeps of one spec, overlapping shards) is put
/// back at the end of the queue, so that the free trials are taken first; taken again, it is
/// waited for, said after a few seconds (`TrialWait`), until the other process is done with it
/// or the sweep stops starting trials (it is then not started).
///
/// The running count is exact: each worker's first trial is handed out before any starts, and a
/// worker counts as running until it finds no trial left to take, so that no event shows a
/// worker that is merely between two trials as idle (the count is the live workers, at most
/// the trials not finished). Progress events are sent under the lock, in the order their counts
/// were taken.
final class SweepScheduler: @unchecked Sendable {
  private let trials: [SweepTrial]
  /// The trials to hand out: `trials`, then those found locked by another process once more.
  private var queue: [SweepTrial]
  /// Trials found locked by another process: waited for when taken again.
  private var deferred: Set<String> = []
  /// Trials whose wait ended with the sweep stopping: not started.
  private var abandoned = 0
  /// Trials a worker is waiting for now (not counted as running).
  private var waitingFor: Set<String> = []
  private let executor: TrialExecutor
  private let layout: SweepLayout
  private let jobs: Int
  private let cancellation: SweepCancellation
  private let observer: SweepObserver
  private let hook: CrashHook
  private let clock: @Sendable () -> Date

  private let lock = NSLock()
  private var next = 0
  private var summary: SweepSummary
  private var finished: [TrialStatus] = []
  /// Trials another process finished while this one waited for their lock (in `finished` too).
  private var taken: Set<String> = []
  private var fractions: [String: Double] = [:]
  private var workers = 0
  private var fatal: (trial: String, error: PipelineError)?
  private var started = Date.distantPast
  private var lastProgress = Date.distantPast
  private var lastSummaryWrite = Date.distantPast
  private var summaryError: ResultsFileError?

  init(
    trials: [SweepTrial], executor: TrialExecutor, summary: SweepSummary, layout: SweepLayout,
    jobs: Int,
    cancellation: SweepCancellation, hook: CrashHook,
    clock: @escaping @Sendable () -> Date = { Date() }, observer: @escaping SweepObserver
  ) {
    self.trials = trials
    self.queue = trials
    self.executor = executor
    self.summary = summary
    self.layout = layout
    self.jobs = max(1, min(jobs, trials.count))
    self.cancellation = cancellation
    self.hook = hook
    self.clock = clock
    self.observer = observer
  }

  /// Runs the trials; returns those this process ran (in finishing order), how many another
  /// process finished first (two sweeps of one spec) and how many never started.
  func run() throws(SweepError) -> (finished: [TrialStatus], taken: Int, notStarted: Int) {
    started = clock()
    let first = (0..<jobs).compactMap { _ in lock.withLock { takeLocked() } }
    workers = first.count
    for trial in first { observer(.trialStarted(id: trial.id)) }
    emitProgress(force: true)
    let group = DispatchGroup()
    for trial in first {
      group.enter()
      let thread = Thread { [self] in
        work(starting: trial)
        group.leave()
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    group.wait()
    if let fatal { throw .aborted(trial: fatal.trial, fatal.error) }
    if let summaryError { throw .results(summaryError) }
    return (
      finished.filter { !taken.contains($0.trial) }, taken.count, queue.count - next + abandoned
    )
  }

  /// One worker: runs `trial`, then the next until none is left, the sweep is cancelled or a
  /// trial hit an error that stops every trial.
  private func work(starting trial: SweepTrial) {
    var current: SweepTrial? = trial
    while let trial = current {
      let begun = clock()
      let waits = lock.withLock { deferred.contains(trial.id) }
      var wait = TrialWait(started: begun)
      do {
        let waiting: ((Int32) -> Bool)? =
          waits ? { [self] holder in keepWaiting(for: trial.id, holder: holder, &wait) } : nil
        let result = try executor.run(trial, waiting: waiting) { [self] event in
          if case .progress(let step, let total) = event, total > 0 {
            lock.withLock { fractions[trial.id] = Double(step) / Double(total) }
            emitProgress(force: false)
          }
          // A trial's warnings (a diverged curve point, L-BFGS out of budget) reach the user
          // as a single run's do, naming the trial.
          if case .note(let text) = event, text.hasPrefix("warning: ") {
            observer(.note("warning: trial \(trial.id): " + text.dropFirst("warning: ".count)))
          }
          // As a single run's: an earlier folder kept in history (it held a user's files).
          if case .note(let text) = event, text.hasPrefix("note: ") { observer(.note(text)) }
          // Located at the spec's key, as a single run's (saved values read as 0).
          if case .warning(let diagnostic) = event { observer(.note(diagnostic.description)) }
        }
        if let (status, ran) = result {
          let seconds = clock().timeIntervalSince(begun)
          lock.withLock {
            waitingFor.remove(trial.id)
            if !ran { taken.insert(status.trial) }
            record(status)
          }
          observer(ran ? .trialFinished(status, seconds: seconds) : .trialTaken(status))
        } else {
          // Locked by another process: taken again after the free trials; or its wait ended.
          lock.withLock {
            (fractions[trial.id], waitingFor) = (nil, waitingFor.subtracting([trial.id]))
            if waits {
              abandoned += 1
            } else {
              deferred.insert(trial.id)
              queue.append(trial)
            }
          }
        }
      } catch {
        lock.withLock {
          (fractions[trial.id], waitingFor) = (nil, waitingFor.subtracting([trial.id]))
          if fatal == nil { fatal = (trial.id, error) }
        }
      }
      current = lock.withLock {
        let next = takeLocked()
        if next == nil { workers -= 1 }
        return next
      }
      if let current { observer(.trialStarted(id: current.id)) }
      emitProgress(force: true)
    }
  }

  /// The next trial to run, counted as running (called with the lock held).
  private func takeLocked() -> SweepTrial? {
    guard fatal == nil, !cancellation.isCancelled, next < queue.count else { return nil }
    defer { next += 1 }
    fractions[queue[next].id] = 0
    return queue[next]
  }

  /// Called about every 0.1 s while a worker waits for `trial`, locked by process `holder`:
  /// says what it waits for when due, keeps the status line going (a quiet log's line comes as
  /// documented), and ends the wait once the sweep stops starting trials.
  private func keepWaiting(for trial: String, holder: Int32, _ wait: inout TrialWait) -> Bool {
    let (stop, first) = lock.withLock {
      (fatal != nil || cancellation.isCancelled, waitingFor.insert(trial).inserted)
    }
    guard !stop else { return false }
    let now = clock()
    if wait.noticeDue(now) {
      observer(
        .waiting(
          trial: trial, holder: holder, stopped: TrialWait.isStopped(holder),
          seconds: now.timeIntervalSince(wait.started)))
    }
    emitProgress(force: first)
    return true
  }

  /// Records a finished trial and rewrites the summary (at most once a second, and always for
  /// the last trial; the sweep rebuilds it from disk at the end anyway). Called with the lock
  /// held.
  private func record(_ status: TrialStatus) {
    fractions[status.trial] = nil
    finished.append(status)
    summary.refresh(status.trial, in: layout)
    let now = clock()
    let last = finished.count == trials.count
    if last || now.timeIntervalSince(lastSummaryWrite) >= 1 {
      lastSummaryWrite = now
      if let error = writeSummary() { summaryError = summaryError ?? error }
    }
  }

  /// Writes the summary as it stands (called with the lock held); a summary you edited while
  /// the sweep ran is kept, and the note saying where is passed on (tester BN-1: dropped).
  private func writeSummary() -> ResultsFileError? {
    do {
      if let kept = try SweepFile.writeSummary(
        summary.table.rendered, to: layout.summary, hook: hook)
      {
        observer(.note(kept))
      }
      return nil
    } catch { return error }
  }

  /// Sends the counts, at most twice a second unless `force`, under the lock so that events
  /// arrive in the order their counts were taken.
  private func emitProgress(force: Bool) {
    lock.withLock {
      let now = clock()
      guard force || now.timeIntervalSince(lastProgress) >= 0.5 else { return }
      lastProgress = now
      let elapsed = now.timeIntervalSince(started)
      let eta = SweepProgress.estimate(
        total: trials.count, finished: finished.count,
        runningFraction: fractions.values.reduce(0, +), elapsed: elapsed)
      let running = max(0, min(workers, trials.count - finished.count) - waitingFor.count)
      // Only waits left: when they end is another process's to say.
      let known = running > 0 || waitingFor.isEmpty
      observer(
        .progress(
          SweepProgress(
            total: trials.count, done: finished.count, running: running,
            failed: finished.filter(\.failed).count, elapsed: elapsed, eta: known ? eta : nil,
            waiting: waitingFor.count)))
    }
  }
}
