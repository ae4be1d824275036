import Conventions
import Foundation
import Reports

/// What a successive-halving sweep wrote, built from its complete rungs' ranked summaries
/// only: `rungs.csv` (per rung: budget, trials, which went on, compute), the sweep-level
/// `summary.csv` and the line comparing its compute with the full grid's.
struct HalvingRecord {
  let rungs: HalvingRungs
  /// The complete rungs' `summary.csv` tables (ranked best first), rung 0 first.
  let tables: [CSVTable]
  /// `epochs` or `iterations`.
  let unit: String

  /// The trials of rung `index` that went on to the next rung, best first.
  func wentOn(_ index: Int) -> [String] {
    guard index + 1 < tables.count else { return [] }
    let next = Set(tables[index + 1].rows.map { $0[0] })
    return tables[index].rows.map { $0[0] }.filter(next.contains)
  }

  /// Epochs (or iterations) trained by the complete rungs.
  var used: Int {
    zip(rungs.rungs, tables).map { $0.budget * $1.rows.count }.reduce(0, +)
  }

  /// `rungs.csv`: `rung`, `budget`, `trials` planned, `complete`, the compute of the complete
  /// trials (named after the unit), and `went_on` (the promoted trial IDs, best first).
  var rungTable: CSVTable {
    var table = try! CSVTable(header: ["rung", "budget", "trials", "complete", unit, "went_on"])
    for rung in rungs.rungs {
      let complete = rung.index < tables.count ? tables[rung.index].rows.count : 0
      try! table.append(text: [
        String(rung.index), String(rung.budget), String(rung.trials), String(complete),
        String(complete * rung.budget), wentOn(rung.index).joined(separator: " "),
      ])
    }
    return table
  }

  /// The sweep's `summary.csv`: every trial once, from the highest rung it reached down (so the
  /// best trial of the last rung comes first), each rung's rows in its ranked order; columns
  /// `trial`, `status`, `rung`, `budget`, then the rung summaries' columns in first-appearance
  /// order from rung 0 up.
  var summary: CSVTable {
    var header = ["trial", "status", "rung", "budget"]
    var rows: [[String: String]] = []
    var seen = Set<String>()
    // Columns in rung 0's order (its columns that vary come first, the objective leading).
    for table in tables {
      for name in table.header where !header.contains(name) { header.append(name) }
    }
    for (index, table) in tables.enumerated().reversed() {
      for row in table.rows where seen.insert(row[0]).inserted {
        var cells = Dictionary(zip(table.header, row), uniquingKeysWith: { a, _ in a })
        cells["rung"] = String(index)
        cells["budget"] = String(rungs.rungs[index].budget)
        rows.append(cells)
      }
    }
    if let reason = header.firstIndex(of: "reason") {
      header.remove(at: reason)
      header.append("reason")
    }
    var table = try! CSVTable(header: header)
    for cells in rows { try! table.append(text: header.map { cells[$0] ?? "" }) }
    return table
  }

  /// `successive halving: 81×1, 27×3, 9×9, 3×27 epochs = 324 epochs, 14.8% of the full
  /// grid's 2187`.
  var line: String {
    let done = zip(rungs.rungs, tables).map { "\($1.rows.count)×\($0.budget)" }
    let share = String(format: "%.1f", 100 * Double(used) / Double(max(1, rungs.gridCost)))
    let pending =
      tables.count < rungs.rungs.count
      ? " (\(rungs.rungs.count - tables.count) of \(rungs.rungs.count) rungs still to run)" : ""
    return
      "successive halving: \(done.isEmpty ? "nothing" : done.joined(separator: ", ")) \(unit) = \(used) \(unit), \(share)% of the full grid's \(rungs.gridCost)\(pending)"
  }
}
