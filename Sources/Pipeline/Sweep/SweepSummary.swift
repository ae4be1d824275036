import Conventions
import Foundation
import Reports
import Specs

/// The sweep-level `summary.csv`: one row per complete trial, best first by the objective
/// (`TrialRanking`: ties to the lower trial ID, failed trials last).
///
/// Columns: `trial`, `status` (`ok` or `failed`), the swept key paths (values as in
/// `plan.csv`), then the columns of the trials' own `summary.csv` (hyperparameters and final
/// figures): first those whose value varies between the rows (the objective's column, the other
/// final figures, then the rest such as `seed`), then the constant ones, each in
/// first-appearance order over the trial-ID-sorted rows; last `reason` (why a trial failed).
/// The table is built only from the plan, `sweep.csv` and the trial folders on disk, so an
/// unsharded run, a resumed run and a merge of shards write the same bytes.
struct SweepSummary {
  /// The plan (`trial` + swept key paths), sorted by trial ID.
  let plan: CSVTable
  /// The objective and axes (`sweep.csv`); nil for a folder written before it existed.
  let settings: SweepSettings?
  /// Complete trials: their status and their own summary row (column → field).
  private var rows: [String: (status: TrialStatus, fields: [(String, String)])] = [:]

  init(plan: CSVTable, settings: SweepSettings?) {
    self.plan = plan
    self.settings = settings
  }

  /// Reads trial `id`'s marker and summary from `layout`; forgets the trial when it is not
  /// complete.
  mutating func refresh(_ id: String, in layout: SweepLayout) {
    guard let status = TrialStatus.read(layout.marker(id)), status.trial == id else {
      rows[id] = nil
      return
    }
    var fields: [(String, String)] = []
    let url = layout.trialDirectory(id).appendingPathComponent(ResultsFile.summary)
    if let table = try? CSVTable(contentsOf: url), let row = table.rows.first {
      fields = Array(zip(table.header, row))
    }
    rows[id] = (status, fields)
  }

  /// Reads every trial of the plan from `layout`.
  mutating func refreshAll(in layout: SweepLayout) {
    for id in SweepPlanFile.trialIDs(plan) { refresh(id, in: layout) }
  }

  /// The status of trial `id`, when complete.
  func status(_ id: String) -> TrialStatus? { rows[id]?.status }

  /// How many trials of the plan are complete.
  var completeCount: Int { rows.count }

  /// The summary table.
  var table: CSVTable {
    let axes = Array(plan.header.dropFirst())
    var seen = Set(["trial", "status", "reason"] + axes)
    var columns: [String] = []
    let complete = plan.rows.filter { rows[$0[0]] != nil }
    for planRow in complete {
      for (name, _) in rows[planRow[0]]!.fields where seen.insert(name).inserted {
        columns.append(name)
      }
    }
    let fields = complete.map {
      Dictionary(rows[$0[0]]!.fields, uniquingKeysWith: { first, _ in first })
    }
    let header =
      ["trial", "status"] + axes
      + Self.ordered(columns, rows: fields, objective: settings?.objective) + ["reason"]
    // Names are distinct by construction (the `seen` set).
    var table = try! CSVTable(header: header)
    for planRow in complete {
      let (status, fields) = rows[planRow[0]]!
      var cells: [String: String] = [
        "trial": planRow[0], "status": status.statusText, "reason": status.reason,
      ]
      for (name, value) in zip(axes, planRow.dropFirst()) { cells[name] = value }
      for (name, value) in fields where cells[name] == nil { cells[name] = value }
      try! table.append(text: header.map { cells[$0] ?? "" })
    }
    let (column, objective) = rankedBy(header: header)
    // Same header, same rows: only their order changes.
    return try! CSVTable(
      header: header,
      rows: TrialRanking.rank(
        rows: table.rows, header: header, column: column, axes: axes, by: objective))
  }

  /// `columns` (in first-appearance order) as a sweep's `summary.csv` orders them: first those
  /// whose value varies between `rows` (the `objective` column, the other final figures, then
  /// the rest such as `seed`), then the constant ones, each group in the given order. A column
  /// missing from some rows varies too (its cells are empty there).
  static func ordered(_ columns: [String], rows: [[String: String]], objective: String?)
    -> [String]
  {
    func varies(_ name: String) -> Bool {
      let values = rows.map { $0[name] }
      return values.contains(nil) || Set(values).count > 1
    }
    // Among the varying columns: the objective, the other final figures (train-dev's and
    // train_cost too, which no objective ranks on), then the rest (seed).
    func group(_ name: String) -> Int {
      let figure =
        Objective.parts(name).split != nil || name.hasPrefix(Split.trainDev.column(""))
        || name == Split.train.column(SplitValues.cost)
      return name == objective ? 0 : figure ? 1 : 2
    }
    let varying = columns.filter(varies).enumerated().sorted {
      (group($0.element), $0.offset) < (group($1.element), $1.offset)
    }.map(\.element)
    return varying + columns.filter { !varies($0) }
  }

  /// The header of a summary merged from sweep summaries (successive halving's rungs,
  /// Hyperband's brackets): `leading` (`trial`, `status` and the merge's own columns), the
  /// swept `axes`, the other `columns` (first-appearance order) as `ordered` orders them over
  /// the merged `rows` (a column constant in each rung may vary between them), and `reason`
  /// last when present.
  static func mergedHeader(
    leading: [String], axes: [String], columns: [String], rows: [[String: String]],
    objective: String?
  ) -> [String] {
    let placed = Set(leading + axes + ["reason"])
    let rest = columns.filter { !placed.contains($0) }
    return leading + axes.filter(columns.contains)
      + ordered(rest, rows: rows, objective: objective)
      + (columns.contains("reason") ? ["reason"] : [])
  }

  /// The column and objective the rows are ranked by: `sweep.csv`'s, else the default
  /// objective on the dev loss (the test loss, the train loss) of the columns present.
  func rankedBy(header: [String]) -> (column: String, objective: Objective) {
    if let settings {
      return (
        settings.objective,
        Objective(metric: settings.objective, goal: Objective.Goal(rawValue: settings.goal))
      )
    }
    let column = Objective.default.column(
      hasDev: header.contains("dev_loss"), hasTest: header.contains("test_loss"))
    return (column, .default)
  }
}
