import Foundation
import Reports
import Specs

/// Runs trials on `jobs` worker threads (each trial single-process, BLAS threads as configured
/// once), hands out trials in trial-ID order, keeps the counts for the progress display, and
/// rewrites the sweep `summary.csv` as trials finish.
final class SweepScheduler: @unchecked Sendable {
  private let trials: [SweepTrial]
  private let executor: TrialExecutor
  private let layout: SweepLayout
  private let jobs: Int
  private let cancellation: SweepCancellation
  private let observer: SweepObserver
  private let hook: CrashHook

  private let lock = NSLock()
  private var next = 0
  private var summary: SweepSummary
  private var finished: [TrialStatus] = []
  private var fractions: [String: Double] = [:]
  private var fatal: (trial: String, error: PipelineError)?
  private var started = Date()
  private var lastProgress = Date.distantPast
  private var lastSummaryWrite = Date.distantPast
  private var summaryError: ResultsFileError?

  init(
    trials: [SweepTrial], executor: TrialExecutor, summary: SweepSummary, layout: SweepLayout,
    jobs: Int,
    cancellation: SweepCancellation, hook: CrashHook, observer: @escaping SweepObserver
  ) {
    self.trials = trials
    self.executor = executor
    self.summary = summary
    self.layout = layout
    self.jobs = max(1, min(jobs, trials.count))
    self.cancellation = cancellation
    self.hook = hook
    self.observer = observer
  }

  /// Runs the trials; returns those finished (in finishing order) and how many never started.
  func run() throws(SweepError) -> (finished: [TrialStatus], notStarted: Int) {
    started = Date()
    let group = DispatchGroup()
    for _ in 0..<jobs {
      group.enter()
      let thread = Thread { [self] in
        work()
        group.leave()
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    group.wait()
    if let fatal { throw .aborted(trial: fatal.trial, fatal.error) }
    if let summaryError { throw .results(summaryError) }
    return (finished, trials.count - next)
  }

  /// One worker: takes the next trial until none is left, the sweep is cancelled or a trial
  /// hit an error that stops every trial.
  private func work() {
    while let trial = take() {
      let clock = Date()
      observer(.trialStarted(id: trial.id))
      emitProgress(force: true)
      do {
        let status = try executor.run(trial) { [self] event in
          if case .progress(let step, let total) = event, total > 0 {
            lock.withLock { fractions[trial.id] = Double(step) / Double(total) }
            emitProgress(force: false)
          }
        }
        record(status, seconds: Date().timeIntervalSince(clock))
      } catch {
        lock.withLock {
          fractions[trial.id] = nil
          if fatal == nil { fatal = (trial.id, error) }
        }
      }
    }
  }

  private func take() -> SweepTrial? {
    lock.withLock {
      guard fatal == nil, !cancellation.isCancelled, next < trials.count else { return nil }
      defer { next += 1 }
      fractions[trials[next].id] = 0
      return trials[next]
    }
  }

  /// Records a finished trial and rewrites the summary (at most once a second, and always for
  /// the last trial; the sweep rebuilds it from disk at the end anyway).
  private func record(_ status: TrialStatus, seconds: Double) {
    lock.withLock {
      fractions[status.trial] = nil
      finished.append(status)
      summary.refresh(status.trial, in: layout)
      let now = Date()
      let last = finished.count == trials.count
      if last || now.timeIntervalSince(lastSummaryWrite) >= 1 {
        lastSummaryWrite = now
        if let error = writeSummary() { summaryError = summaryError ?? error }
      }
    }
    observer(.trialFinished(status, seconds: seconds))
    emitProgress(force: true)
  }

  /// Writes the summary as it stands (called with the lock held).
  private func writeSummary() -> ResultsFileError? {
    do {
      try SweepFile.write(summary.table.rendered, to: layout.summary, point: "summary", hook: hook)
      return nil
    } catch { return error }
  }

  /// Sends the counts, at most twice a second unless `force`.
  private func emitProgress(force: Bool) {
    let progress: SweepProgress? = lock.withLock {
      let now = Date()
      guard force || now.timeIntervalSince(lastProgress) >= 0.5 else { return nil }
      lastProgress = now
      let elapsed = now.timeIntervalSince(started)
      let running = fractions.count
      let eta = SweepProgress.estimate(
        total: trials.count, finished: finished.count,
        runningFraction: fractions.values.reduce(0, +),
        elapsed: elapsed)
      return SweepProgress(
        total: trials.count, done: finished.count, running: running,
        failed: finished.filter(\.failed).count,
        elapsed: elapsed, eta: eta)
    }
    if let progress { observer(.progress(progress)) }
  }
}
