import Conventions

/// What a sweep run did.
public struct SweepOutcome: Sendable {
  /// The sweep as it stood before running (trials, shard, states, cost).
  public var preview: SweepPreview
  /// The sweep folder.
  public var directory: String
  /// The sweep-level `summary.csv`.
  public var summary: String
  /// Trials run by this process, in the order they finished.
  public var finished: [TrialStatus]
  /// Trials of the shard skipped because they were already complete, or another process (a
  /// second sweep of the spec) completed them while this one waited.
  public var skipped: Int
  /// Trials of the shard not run because the sweep was cancelled (Ctrl-C).
  public var notStarted: Int
  /// True when the sweep was cancelled before every trial ran.
  public var cancelled: Bool { notStarted > 0 }
  /// The `--timeout` budget in seconds, when it was spent before every trial started (the
  /// sweep then ends as timed out rather than interrupted).
  public var spentBudget: Double? = nil
  /// Trials of the whole sweep (all shards) complete on disk after the run.
  public var completeInFolder: Int
  /// The best complete trial in the folder by the objective, if any trial recorded it.
  public var best: SweepBest? = nil
  /// successive_halving, hyperband: the rungs run and their compute against the full grid's;
  /// bayes: the batches run.
  public var halving: String? = nil
  /// successive_halving, hyperband: each rung's trial runs, rung 0 (the largest bracket) first.
  public var rungRuns: [RungRuns]? = nil
  /// successive_halving, hyperband stopped before any rung was complete: its first rung's
  /// folder inside the sweep folder (`rung-0`, `bracket-2/rung-0`) and how many of its trials
  /// are complete there; the sweep's `summary.csv` is then the header only, and it has no
  /// report yet (`runner report` refuses it as well).
  public var firstRung: (folder: String, complete: Int)? = nil
  /// Every warning the sweep gave (the environment's, then each printed `warning: …` line
  /// without `warning: `, once): what `--json` lists and what `--strict` fails on.
  public var warnings: [String] = []

  /// Trials run by this process that failed.
  public var failed: [TrialStatus] { finished.filter(\.failed) }

  /// How `runner sweep` exits: 124 with the `--timeout` spent, 130 cancelled, 1 when a trial of
  /// the shard failed (now or before) or, under `strict`, the sweep gave a warning (as a run
  /// under `--strict` fails on its warnings, once every trial is written), else 0.
  public func exitStatus(strict: Bool) -> ExitStatus {
    if spentBudget != nil { return .timedOut }
    if cancelled { return .interrupted }
    let failedBefore = preview.trials.contains {
      if case .failed = $0.state { true } else { false }
    }
    let warned = strict && !warnings.isEmpty
    return failedBefore || !failed.isEmpty || warned ? .failure : .success
  }
}
