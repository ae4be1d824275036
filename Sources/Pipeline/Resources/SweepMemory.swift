import Datasets

extension MemoryEstimate {
  /// Bytes a sweep process takes beyond one run's `processOverhead`, for a sweep of `trials`
  /// recording at most `recordedRows` rows each: 8 MB for its scheduler (threads, the plan, the
  /// summary) and per trial 32 KB and 256 bytes a recorded row, for the records it keeps and the
  /// report, plots and HTML it writes at the end. Measured (debug build, x86-64 Linux) as a
  /// sweep's peak less that of its largest trial run alone: 3.4 MB for one trial, 5.3 MB for 12,
  /// 10.8 MB for 192 and 29.9 MB for 768 (11 rows each); 26 MB for 40 trials of 4001 rows.
  public static func sweepOverhead(trials: Int, recordedRows: Int) -> Double {
    8 * 1024 * 1024 + Double(max(0, trials)) * (32 * 1024 + 256 * Double(max(0, recordedRows)))
  }
}

extension SweepPlan {
  /// At most the rows the sweep's summary and report hold: a trial each (bayes: its `trials`,
  /// of which the plan holds the first batch), or for successive halving and Hyperband a row per
  /// rung a trial reaches, at most twice the trials (each rung keeps a `1/eta ≤ 1/2` of the one
  /// before).
  public var summaryRows: Int {
    guard let sweep = base.spec.sweep else { return trials.count }
    if sweep.method == .bayes { return max(trials.count, sweep.trials) }
    return sweep.method.isAdaptive ? 2 * trials.count : trials.count
  }

  /// The most rows a trial of this sweep records (`metrics.csv`).
  public var recordedRows: Int { trials.map(\.spec.recordedRows).max() ?? 0 }

  /// The share of `limit` each of `jobs` trials running at once gets in this sweep, once the
  /// sweep's own `MemoryEstimate.sweepOverhead` is set aside.
  public func trialBudget(_ limit: MemoryBudget, jobs: Int) -> MemoryBudget {
    let own = MemoryEstimate.sweepOverhead(trials: summaryRows, recordedRows: recordedRows)
    return limit.reserving(own, for: "the sweep itself").shared(among: jobs)
  }
}
