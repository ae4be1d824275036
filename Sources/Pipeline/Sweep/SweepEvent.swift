import Datasets
import Foundation

/// What a sweep reports while it goes, for the command line to render on stderr.
public enum SweepEvent: Sendable {
  /// The sweep is about to run: its trials, this shard's share, and how many are already done.
  case planned(SweepPreview)
  /// A remark (e.g. jobs × threads exceeds the cores).
  case note(String)
  /// The progress of a download of data the trials read, before any trial starts; nil once
  /// the downloads are over (done or failed).
  case download(DownloadProgress?)
  /// A trial started.
  case trialStarted(id: String)
  /// This process has waited `seconds` for `trial`, locked by process `holder` (0: unknown),
  /// which is `stopped` (SIGSTOP, Ctrl-Z) or not; sent after a few seconds, then as often as a
  /// quiet log's status line.
  case waiting(trial: String, holder: Int32, stopped: Bool, seconds: Double)
  /// A trial this process ran finished (ok or failed) after `seconds` of wall-clock time.
  case trialFinished(TrialStatus, seconds: Double)
  /// A trial another process finished (two sweeps of one spec, overlapping shards) before this
  /// one could take it: its results are taken as they are, not run here.
  case trialTaken(TrialStatus)
  /// The counts and the estimated time left (sent on each start and finish, and at most twice a
  /// second while trials train).
  case progress(SweepProgress)
}

/// Receives sweep events from any of the sweep's worker threads, possibly at the same time
/// (an observer that keeps state must lock it).
public typealias SweepObserver = @Sendable (SweepEvent) -> Void

/// A sweep's counts at one moment.
public struct SweepProgress: Sendable, Equatable {
  /// Trials this run has to run (this shard's share minus those already complete).
  public var total: Int
  /// Trials finished in this run (ok or failed).
  public var done: Int
  /// Trials training now.
  public var running: Int
  /// Trials finished in this run that failed.
  public var failed: Int
  /// Trials this process waits for while another process holds them locked (not in `running`).
  public var waiting = 0
  /// Seconds since the sweep started running trials.
  public var elapsed: Double
  /// Estimated seconds left, when at least some progress was made.
  public var eta: Double?

  /// Counts.
  public init(
    total: Int, done: Int, running: Int, failed: Int, elapsed: Double, eta: Double?,
    waiting: Int = 0
  ) {
    self.total = total
    self.done = done
    self.running = running
    self.failed = failed
    self.waiting = waiting
    self.elapsed = elapsed
    self.eta = eta
  }

  /// The estimate: the elapsed time scaled by the work left over the work done, where a
  /// running trial counts as the fraction of its steps done.
  public static func estimate(total: Int, finished: Int, runningFraction: Double, elapsed: Double)
    -> Double?
  {
    let progress = Double(finished) + runningFraction
    guard progress > 0, elapsed > 0 else { return nil }
    return max(0, elapsed * (Double(total) - progress) / progress)
  }
}
