import Conventions

extension SweepSettings {
  /// The rows of a sweep summary that count as results, in its order (ranked best first): the
  /// trial is ok (or the table has no `status`) and recorded a finite objective.
  public func results(_ summary: CSVTable) -> [[String]] {
    guard let value = summary.columnIndex(objective) else { return [] }
    let status = summary.columnIndex("status")
    return summary.rows.filter { row in
      status.map { row[$0] == "ok" } ?? true
        && CSVCell.number(from: row[value]).map(\.isFinite) == true
    }
  }
}

extension SweepSettings {
  /// The ok rows of a ranked sweep `summary` its first row was chosen among: in a
  /// successive-halving or Hyperband summary (column `budget`) those that reached its budget,
  /// as Optuna chooses among the trials that completed the full budget (a trial stopped at a
  /// smaller budget may show a lower loss, on fewer epochs); else every ok row.
  public static func rivals(in summary: CSVTable) -> [[String]] {
    guard let best = summary.rows.first else { return [] }
    let status = summary.columnIndex("status")
    let budget = summary.columnIndex("budget")
    return summary.rows.filter { row in
      (status.map { row[$0] == "ok" } ?? true) && (budget.map { row[$0] == best[$0] } ?? true)
    }
  }
}
