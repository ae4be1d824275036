import Conventions

/// The differences between two versions of one CSV table: A (old) and B (new).
public struct TableDiff: Sendable, Equatable {
  /// One cell that differs beyond tolerance.
  public struct CellChange: Sendable, Equatable {
    /// The row's key, e.g. `iteration=100` (or `row 3` when matching by position).
    public var row: String
    /// The column name.
    public var column: String
    /// A's text.
    public var old: String
    /// B's text.
    public var new: String
  }

  /// The file's name (relative path inside a results directory); A's when the trials of two
  /// versions of a sweep are paired (`SweepPairing`).
  public let name: String
  /// B's name for the file: `name`, or the path in B's paired trial folder.
  public internal(set) var nameInB: String
  /// Whether rows were matched by the swept values of two versions of a sweep (`SweepPairing`):
  /// then `keyColumns` are the swept keys and `trial` is not compared.
  public internal(set) var pairedBySweptValues = false
  /// Whether `seed` was left out: trials paired by their swept values have seeds derived from
  /// their differing IDs (`SweepPairing.derivesSeed`).
  public internal(set) var derivedSeedLeftOut = false
  /// The columns rows were matched by (empty: by position).
  public let keyColumns: [String]
  /// Cells beyond tolerance, in B's row order then column order.
  public internal(set) var changes: [CellChange] = []
  /// Cells of one-sided (`--better`) columns that changed beyond tolerance for the better:
  /// listed, never a difference.
  public internal(set) var improvements: [CellChange] = []
  /// Keys of rows only in A.
  public internal(set) var missingRows: [String] = []
  /// Keys of rows only in B.
  public internal(set) var newRows: [String] = []
  /// Compared columns only in A.
  public let removedColumns: [String]
  /// Compared columns only in B.
  public let addedColumns: [String]
  /// The columns compared (present in both files, not keys, not left out).
  public let comparedColumns: [String]
  /// Every column of either file (keys and left-out columns too), in A's then B's order.
  public let columns: [String]
  /// The number of rows present in both.
  public private(set) var matchedRows = 0

  /// True when anything differs.
  public var differs: Bool {
    !changes.isEmpty || !missingRows.isEmpty || !newRows.isEmpty || !removedColumns.isEmpty
      || !addedColumns.isEmpty
  }

  /// Whether, as a comparison of two `data_files.csv`, only file names differ, in rows whose
  /// digests were compared and agree (`sha256` neither left out nor a key): the same content
  /// read under another name.
  public var onlyRenamesDataFiles: Bool {
    !changes.isEmpty && changes.allSatisfy { $0.column == DataFilesColumn.file }
      && missingRows.isEmpty && newRows.isEmpty && removedColumns.isEmpty
      && addedColumns.isEmpty && comparedColumns.contains(DataFilesColumn.sha256)
  }

  /// Compares `old` (A) with `new` (B).
  public init(name: String, old: CSVTable, new: CSVTable, options: DiffOptions = DiffOptions())
    throws(DiffError)
  {
    self.name = name
    nameInB = name
    let keys = options.keyColumns(a: old.header, b: new.header)
    for key in keys {
      if old.columnIndex(key) == nil { throw .missingKeyColumn(file: name, column: key, side: "A") }
      if new.columnIndex(key) == nil { throw .missingKeyColumn(file: name, column: key, side: "B") }
    }
    keyColumns = keys
    let compared = { (column: String) in options.compares(column) && !keys.contains(column) }
    removedColumns = old.header.filter { compared($0) && new.columnIndex($0) == nil }
    addedColumns = new.header.filter { compared($0) && old.columnIndex($0) == nil }
    let common = new.header.filter { compared($0) && old.columnIndex($0) != nil }
    comparedColumns = common
    columns = old.header + new.header.filter { old.columnIndex($0) == nil }

    let oldRows = Self.keyedRows(old, keys: keys)
    let newRows = Self.keyedRows(new, keys: keys)
    var oldByKey: [String: [String]] = [:]
    for (key, row) in oldRows { oldByKey[key] = row }
    let newKeys = Set(newRows.map(\.key))
    missingRows = oldRows.map(\.key).filter { !newKeys.contains($0) }
    for (key, newRow) in newRows {
      guard let oldRow = oldByKey[key] else {
        self.newRows.append(key)
        continue
      }
      matchedRows += 1
      for column in common {
        let (a, b) = (oldRow[old.columnIndex(column)!], newRow[new.columnIndex(column)!])
        if !options.agree(a, b, column: column) {
          let change = CellChange(row: key, column: column, old: a, new: b)
          if options.better[column]?.improves(a, b) == true {
            improvements.append(change)
          } else {
            changes.append(change)
          }
        }
      }
    }
  }

  /// Each row with its key text: the key columns' `name=value` pairs (a repeated key gets
  /// `#2`, `#3`, … in file order), or `row N` (1-based) without key columns.
  private static func keyedRows(_ table: CSVTable, keys: [String]) -> [(key: String, row: [String])]
  {
    let indices = keys.compactMap(table.columnIndex)
    var seen: [String: Int] = [:]
    return table.rows.enumerated().map { offset, row in
      guard !indices.isEmpty else { return ("row \(offset + 1)", row) }
      var key = zip(keys, indices).map { "\($0)=\(row[$1])" }.joined(separator: ", ")
      seen[key, default: 0] += 1
      if let count = seen[key], count > 1 { key += " #\(count)" }
      return (key, row)
    }
  }
}
