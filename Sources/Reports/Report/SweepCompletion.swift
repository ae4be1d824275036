import Conventions
import Foundation

/// Whether a sweep folder has finished, and if not how far it got: the one answer the report's
/// "not started" line and the MLflow export's `runner.best_trial_so_far` share. Finished when
/// `summary.csv` holds every trial of `plan.csv` and, for a bayes sweep, every batch its
/// `batches.csv` plans has run (a search space that ran out ends with empty batches and is
/// finished; a folder of an earlier version records no batch still to run); for successive
/// halving and Hyperband, when every rung has run.
public struct SweepCompletion: Sendable, Equatable {
  /// The trials `summary.csv` records (complete, ok or failed).
  public var complete: Int
  /// The trials `plan.csv` lists (a bayes sweep's: those suggested so far).
  public var planned: Int
  /// A bayes sweep's batches, from `batches.csv`; nil for other sweeps.
  public var batches: BatchProgress?
  /// For successive halving and Hyperband, whether every rung has run; nil for other sweeps.
  public var rungsComplete: Bool?

  /// How far a bayes sweep's batches got.
  public struct BatchProgress: Sendable, Equatable {
    /// How many batches its plan has (those recorded, and those planned but not started).
    public var count: Int
    /// The batches some but not all of whose trials are complete.
    public var partlyRun: [Int]
    /// The batches none of whose trials is complete, among them those planned and not yet
    /// suggested (an empty batch of a search space that ran out is none).
    public var notStarted: [Int]
  }

  /// The `sampler` of a `batches.csv` row that stands for a batch planned but not yet
  /// suggested (the sweep stopped before it); its `trial` and `settings` are empty.
  public static let plannedSampler = "planned"

  /// The completion of a sweep with `plan` and `summary` (nil: none complete), a bayes sweep's
  /// `batches` table, and for successive halving and Hyperband whether every rung has run.
  public init(plan: CSVTable, summary: CSVTable?, batches: CSVTable?, rungsComplete: Bool?) {
    complete = summary?.rows.count ?? 0
    planned = plan.rows.count
    self.rungsComplete = rungsComplete
    self.batches = batches.flatMap { Self.progress(of: $0, summary: summary) }
  }

  /// The completion of sweep folder `directory`; nil when it has no readable `plan.csv`.
  public init?(directory: URL) {
    func table(_ name: String) -> CSVTable? {
      try? CSVTable(contentsOf: directory.appendingPathComponent(name))
    }
    guard let plan = table(ResultsFile.plan) else { return nil }
    let settings = table(ResultsFile.sweepSettings).flatMap(SweepSettings.init(table:))
    let adaptive = settings.flatMap { AdaptiveSweep(directory: directory, objective: $0.objective) }
    self.init(
      plan: plan, summary: table(ResultsFile.summary), batches: table(ResultsFile.bayesBatches),
      rungsComplete: adaptive?.isComplete(in: directory))
  }

  /// True when every planned trial (and batch, and rung) has run.
  public var isFinished: Bool {
    if let rungsComplete { return rungsComplete }
    return complete >= planned && (batches.map { $0.partlyRun + $0.notStarted }?.isEmpty ?? true)
  }

  /// Each batch's state from `batches` (columns `batch`, `trial`, `sampler`) against the
  /// trials `summary` records; nil when `batches` is not a bayes sweep's table.
  private static func progress(of batches: CSVTable, summary: CSVTable?) -> BatchProgress? {
    guard let batch = batches.columnIndex("batch"), let trial = batches.columnIndex("trial"),
      let sampler = batches.columnIndex("sampler")
    else { return nil }
    let done = Set(summary?.column("trial") ?? [])
    var trials: [Int: [String]] = [:]
    var planned = Set<Int>()
    for row in batches.rows {
      guard let index = Int(row[batch]), index >= 0 else { return nil }
      if row[sampler] == plannedSampler { planned.insert(index) }
      trials[index, default: []] += row[trial].isEmpty ? [] : [row[trial]]
    }
    var progress = BatchProgress(
      count: (trials.keys.max() ?? -1) + 1, partlyRun: [], notStarted: [])
    for index in trials.keys.sorted() {
      let ids = trials[index]!
      let run = ids.filter(done.contains).count
      if planned.contains(index) || (run == 0 && !ids.isEmpty) {
        progress.notStarted.append(index)
      } else if run < ids.count {
        progress.partlyRun.append(index)
      }
    }
    return progress
  }
}
