import Conventions
import Foundation
import Reports

/// The sweep-level `summary.csv`: one row per complete trial, sorted by trial ID.
///
/// Columns: `trial`, `status` (`ok` or `failed`), the swept key paths (values as in
/// `plan.csv`), then the columns of the trials' own `summary.csv` (fixed hyperparameters and
/// final figures) in first-appearance order over the sorted rows, then `reason` (why a trial
/// failed). The table is built only from the plan and the trial folders on disk, so an
/// unsharded run, a resumed run and a merge of shards write the same bytes.
struct SweepSummary {
  /// The plan (`trial` + swept key paths), sorted by trial ID.
  let plan: CSVTable
  /// Complete trials: their status and their own summary row (column → field).
  private var rows: [String: (status: TrialStatus, fields: [(String, String)])] = [:]

  init(plan: CSVTable) { self.plan = plan }

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
    var header = ["trial", "status"] + axes
    var seen = Set(header + ["reason"])
    let complete = plan.rows.filter { rows[$0[0]] != nil }
    for planRow in complete {
      for (name, _) in rows[planRow[0]]!.fields where seen.insert(name).inserted {
        header.append(name)
      }
    }
    header.append("reason")
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
    return table
  }
}
