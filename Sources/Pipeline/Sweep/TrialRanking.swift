import Conventions
import Specs

/// Orders a search's trials by its objective: the trial order of a sweep's `summary.csv` and
/// report, and the order later searches promote trials in. It depends only on the trials'
/// final figures, never on when or where they ran.
public enum TrialRanking {
  /// One trial to rank: its ID, whether it failed, and its objective value (nil when it did
  /// not record one).
  public struct Candidate: Sendable, Equatable {
    /// The trial ID.
    public var id: String
    /// True for a trial recorded as failed.
    public var failed: Bool
    /// The objective's value.
    public var value: Double?

    /// A trial `id` with its objective `value`.
    public init(id: String, failed: Bool, value: Double?) {
      self.id = id
      self.failed = failed
      self.value = value
    }

    /// 0: ranked by value; 1: ok without a finite value; 2: failed.
    var group: Int { failed ? 2 : (value?.isFinite == true ? 0 : 1) }
  }

  /// Best first under `objective`: ok trials with a finite value (ties to the lower trial ID),
  /// then ok trials without one, then failed trials, each group in trial-ID order.
  public static func rank(_ entries: [Candidate], by objective: Objective) -> [Candidate] {
    entries.sorted { a, b in
      if a.group != b.group { return a.group < b.group }
      if a.group == 0, a.value! != b.value! { return objective.better(a.value!, than: b.value!) }
      return a.id < b.id
    }
  }

  /// The rows of a sweep summary (columns `trial`, `status` and `column`) in ranked order.
  static func rank(rows: [[String]], header: [String], column: String, by objective: Objective)
    -> [[String]]
  {
    let trial = header.firstIndex(of: "trial") ?? 0
    let status = header.firstIndex(of: "status")
    let value = header.firstIndex(of: column)
    let byID = Dictionary(rows.map { ($0[trial], $0) }, uniquingKeysWith: { first, _ in first })
    let entries = rows.map { row in
      Candidate(
        id: row[trial], failed: status.map { row[$0] == "failed" } ?? false,
        value: value.flatMap { CSVCell.number(from: row[$0]) })
    }
    return rank(entries, by: objective).map { byID[$0.id]! }
  }
}
