import Conventions

/// A bayes sweep's search in the order it ran, from `batches.csv` (each trial's batch and
/// sampler, in batch then suggestion order) and the sweep's `summary.csv`: which trials were
/// the random start-up draws and which TPE proposed, and the best objective after each trial
/// (Optuna's optimization history: whether the search was still improving).
public struct BayesHistory: Sendable, Equatable {
  /// One trial, in search order.
  public struct SearchedTrial: Sendable, Equatable {
    /// Its place in the search, 1 first (draws, then each batch's suggestions in order).
    public var number: Int
    /// Its batch (0: the random start-up).
    public var batch: Int
    /// `random` or `tpe`, as `batches.csv` records it.
    public var sampler: String
    /// The trial ID.
    public var id: String
    /// The objective as `summary.csv` records it; empty for a failed or incomplete trial.
    public var text: String
    /// The objective when finite.
    public var value: Double?
    /// The best objective of this trial and those before it (nil until one has a value).
    public var best: Double?
    /// Its text as recorded.
    public var bestText: String
  }

  /// The trials in search order.
  public var trials: [SearchedTrial]

  /// The history of `batches` (columns `batch`, `trial`, `sampler`) over `summary` ranked by
  /// `settings`; nil when `batches` is not a bayes sweep's table.
  public init?(batches: CSVTable, summary: CSVTable?, settings: SweepSettings) {
    guard let batch = batches.columnIndex("batch"), let trial = batches.columnIndex("trial"),
      let sampler = batches.columnIndex("sampler")
    else { return nil }
    var figures: [String: String] = [:]
    if let summary, let id = summary.columnIndex("trial"),
      let column = summary.columnIndex(settings.objective)
    {
      let status = summary.columnIndex("status")
      for row in summary.rows where status.map({ row[$0] == "ok" }) ?? true {
        figures[row[id]] = row[column]
      }
    }
    trials = []
    var best: (value: Double, text: String)?
    for row in batches.rows where !row[trial].isEmpty {
      guard let index = Int(row[batch]) else { return nil }
      let text = figures[row[trial]] ?? ""
      let value = CSVCell.number(from: text).flatMap { $0.isFinite ? $0 : nil }
      if let value,
        best.map({ settings.lowerIsBetter ? value < $0.value : value > $0.value })
          ?? true
      {
        best = (value, text)
      }
      trials.append(
        SearchedTrial(
          number: trials.count + 1, batch: index, sampler: row[sampler], id: row[trial],
          text: text, value: value, best: best?.value, bestText: best?.text ?? ""))
    }
  }

  /// The trials `sampler` gave (`random`, `tpe`).
  public func count(_ sampler: String) -> Int { trials.filter { $0.sampler == sampler }.count }

  /// The batches that hold a trial.
  public var batches: Int { Set(trials.map(\.batch)).count }

  /// The trial whose objective is the final best (the first to reach it), if any.
  public var bestTrial: SearchedTrial? {
    guard let final = trials.last?.best else { return nil }
    return trials.first { $0.value == final }
  }

  /// The best objective of the random start-up trials alone.
  public var startupBest: Double? {
    trials.last { $0.sampler == "random" }?.best
  }

  /// How many trials improved on the best before them (the first with a value included).
  public var improvements: Int {
    var previous: Double?
    var count = 0
    for trial in trials where trial.best != previous {
      count += 1
      previous = trial.best
    }
    return count
  }
}
