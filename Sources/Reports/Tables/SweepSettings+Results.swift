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
