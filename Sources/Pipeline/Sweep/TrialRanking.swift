import Conventions
import Specs

/// Orders a search's trials by its objective: the trial order of a sweep's `summary.csv` and
/// report, and the order later searches promote trials in. It depends only on the trials'
/// final figures and swept values, never on when or where they ran, nor on what only names the
/// trials (`name`, `description`, the trial IDs that hash them): trials that tie go to the
/// smaller swept values, axis by axis in the spec's order (`tieOrder`), then to the lower ID.
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
    /// The trial's swept values in the axes' order (`plan.csv`'s cells), which break ties.
    public var swept: [String]

    /// A trial `id` with its objective `value` and swept values.
    public init(id: String, failed: Bool, value: Double?, swept: [String] = []) {
      self.id = id
      self.failed = failed
      self.value = value
      self.swept = swept
    }

    /// 0: ranked by value; 1: ok without a finite value; 2: failed.
    var group: Int { failed ? 2 : (value?.isFinite == true ? 0 : 1) }
  }

  /// Best first under `objective`: ok trials with a finite value (ties by `tieOrder`), then ok
  /// trials without one, then failed trials, each group in `tieOrder`.
  public static func rank(_ entries: [Candidate], by objective: Objective) -> [Candidate] {
    entries.sorted { a, b in
      if a.group != b.group { return a.group < b.group }
      if a.group == 0, a.value! != b.value! { return objective.better(a.value!, than: b.value!) }
      return tieOrder(a, b)
    }
  }

  /// Whether `a` goes before `b` when their objective ties: the first swept value that differs
  /// decides, the smaller first (numbers as numbers, a key that does not apply, empty, before
  /// any value, else as text); trials with the same swept values go by ID. A grid listed in
  /// rising order so keeps its listed order; a rename or a `description` changes nothing.
  public static func tieOrder(_ a: Candidate, _ b: Candidate) -> Bool {
    for (x, y) in zip(a.swept, b.swept) where x != y {
      if x.isEmpty || y.isEmpty { return x.isEmpty }
      if let u = CSVCell.number(from: x), let v = CSVCell.number(from: y), u != v { return u < v }
      if let u = CSVCell.number(from: x), let v = CSVCell.number(from: y), u == v { continue }
      return x < y
    }
    return a.id < b.id
  }

  /// The rows of a sweep summary (columns `trial`, `status`, `column` and the swept `axes`) in
  /// ranked order.
  static func rank(
    rows: [[String]], header: [String], column: String, axes: [String], by objective: Objective
  ) -> [[String]] {
    let trial = header.firstIndex(of: "trial") ?? 0
    let status = header.firstIndex(of: "status")
    let value = header.firstIndex(of: column)
    let swept = axes.compactMap { header.firstIndex(of: $0) }
    let byID = Dictionary(rows.map { ($0[trial], $0) }, uniquingKeysWith: { first, _ in first })
    let entries = rows.map { row in
      Candidate(
        id: row[trial], failed: status.map { row[$0] == "failed" } ?? false,
        value: value.flatMap { CSVCell.number(from: row[$0]) }, swept: swept.map { row[$0] })
    }
    return rank(entries, by: objective).map { byID[$0.id]! }
  }
}
