import Conventions

/// `summary.csv`: one row per run, sorted by trial ID.
///
/// Columns: `trial` (only when some row has one), then every hyperparameter, then every figure,
/// each group in first-appearance order over the rows sorted by trial; a row lacking a column
/// has an empty field.
public enum SummaryTable {
  /// The table for `runs`; a name used both as a hyperparameter and as a figure is an error.
  public static func table(_ runs: [RunSummary]) throws(CSVError) -> CSVTable {
    // Sort first, so that the column order does not depend on the order runs finished in.
    let ordered = runs.enumerated().sorted { lhs, rhs in
      let (a, b) = (lhs.element.trial ?? "", rhs.element.trial ?? "")
      return a != b ? a < b : lhs.offset < rhs.offset
    }.map(\.element)
    let hasTrial = runs.contains { $0.trial != nil }
    var header: [String] = hasTrial ? ["trial"] : []
    var seen = Set(header)
    for run in ordered {
      for cell in run.hyperparameters where seen.insert(cell.name).inserted {
        header.append(cell.name)
      }
    }
    for run in ordered {
      for cell in run.figures where seen.insert(cell.name).inserted { header.append(cell.name) }
    }
    var table = try CSVTable(header: header)
    for run in ordered {
      var row = [String: CSVCell]()
      if let trial = run.trial { row["trial"] = .text(trial) }
      for cell in run.hyperparameters + run.figures {
        if row[cell.name] != nil { throw .duplicateColumn(cell.name) }
        row[cell.name] = cell.value
      }
      try table.append(header.map { row[$0] ?? .empty })
    }
    return table
  }
}

extension SummaryTable {
  /// Merges summary tables written by shards of one sweep into the table an unsharded run
  /// writes: rows sorted by `trial`, columns in first-appearance order over the sorted rows (the
  /// same header when every trial has the same columns, as in a grid). A trial present in
  /// several tables must have identical rows there; it is kept once.
  public static func merge(_ tables: [CSVTable]) throws(SummaryMergeError) -> CSVTable {
    var rows: [String: [String: String]] = [:]
    var columnOrder: [String: [String]] = [:]
    for table in tables {
      guard let trialIndex = table.columnIndex("trial") else { throw .noTrialColumn }
      for row in table.rows {
        let trial = row[trialIndex]
        let fields = Dictionary(uniqueKeysWithValues: zip(table.header, row))
        if let existing = rows[trial], existing != fields { throw .conflictingTrial(trial) }
        rows[trial] = fields
        columnOrder[trial] = table.header
      }
    }
    let trials = rows.keys.sorted()
    var header: [String] = []
    var seen = Set<String>()
    for trial in trials {
      for column in columnOrder[trial]! where seen.insert(column).inserted { header.append(column) }
    }
    guard !header.isEmpty else { throw .noTrialColumn }
    var merged = CSVTable(trusted: header)
    for trial in trials {
      merged.append(trusted: header.map { rows[trial]![$0].map(CSVCell.text) ?? .empty })
    }
    return merged
  }
}

/// Why shard summaries could not be merged.
public enum SummaryMergeError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A table without a `trial` column (or no tables at all).
  case noTrialColumn
  /// The same trial with different rows in two shards.
  case conflictingTrial(String)

  /// The reason as one user-facing sentence, naming the conflicting trial if any.
  public var description: String {
    switch self {
    case .noTrialColumn: return "every sweep summary.csv to merge needs a 'trial' column"
    case .conflictingTrial(let trial):
      return "trial \(trial) has different rows in two shards' summary.csv"
    }
  }
}
