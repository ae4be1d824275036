/// A CSV table: a header row and rows of fields, each row as wide as the header.
///
/// Fields are kept as text (numbers already printed by `CSVCell`), so that a table read back from
/// a file and the table that was written compare equal, and `rendered` is byte-for-byte stable.
/// The one CSV table of the runner: results files and data files are both read and written
/// with it (see `CSVTable+RFC4180.swift`).
public struct CSVTable: Sendable, Equatable {
  /// The column names, in their documented order.
  public let header: [String]
  /// The data rows; each has `header.count` fields.
  public private(set) var rows: [[String]]
  /// The 1-based line on which each row starts (the header is line 1), for error messages.
  public private(set) var lines: [Int]

  /// Tables are equal when their header and rows are (where the rows started does not count).
  public static func == (a: CSVTable, b: CSVTable) -> Bool {
    a.header == b.header && a.rows == b.rows
  }

  /// A table with the given columns and no rows.
  public init(header: [String]) throws(CSVError) {
    guard !header.isEmpty else { throw .noColumns }
    // Names are told apart by their bytes, as class names are (`predicted_é` twice, spelled
    // U+00E9 and e + U+0301, are two columns).
    var seen: [ExactText: Int] = [:]
    for (index, name) in header.enumerated() {
      if let first = seen.updateValue(index, forKey: ExactText(name)) {
        throw .duplicateColumn(name, columns: [first + 1, index + 1])
      }
    }
    self.header = header
    self.rows = []
    self.lines = []
  }

  /// A table with the given columns and rows of text.
  public init(header: [String], rows: [[String]]) throws(CSVError) {
    try self.init(header: header)
    for row in rows { try append(text: row) }
  }

  /// A table whose header the package built itself from distinct names (not user input).
  package init(trusted header: [String]) {
    assert(
      !header.isEmpty && Set(header).count == header.count, "duplicate or no columns: \(header)")
    self.header = header
    self.rows = []
    self.lines = []
  }

  /// Appends a row the package built itself with the header's width.
  package mutating func append(trusted cells: [CSVCell]) {
    assert(cells.count == header.count, "row width \(cells.count) != \(header.count)")
    append(checked: cells.map(\.text), line: nil)
  }

  /// Appends a row of the header's width, starting on `line` (default: the line after the last).
  mutating func append(checked fields: [String], line: Int?) {
    rows.append(fields)
    lines.append(line ?? (lines.last ?? 1) + 1)
  }

  /// Appends a row of cells, printed deterministically.
  public mutating func append(_ cells: [CSVCell]) throws(CSVError) {
    try append(text: cells.map(\.text))
  }

  /// Appends a row of already printed fields.
  public mutating func append(text fields: [String]) throws(CSVError) {
    guard fields.count == header.count else {
      throw .raggedRow(line: rows.count + 2, expected: header.count, found: fields.count)
    }
    append(checked: fields, line: nil)
  }

  /// The index of the column named `name`, if any.
  public func columnIndex(_ name: String) -> Int? {
    header.firstIndex { ExactText($0) == ExactText(name) }
  }

  /// The fields of column `name`, top to bottom, or nil when there is no such column.
  public func column(_ name: String) -> [String]? {
    guard let index = columnIndex(name) else { return nil }
    return rows.map { $0[index] }
  }

  /// The rows sorted by the text of the given key columns (stable; numbers compare as numbers).
  public func sorted(byColumns keys: [String]) -> CSVTable {
    let indices = keys.compactMap(columnIndex)
    var copy = self
    let order = rows.indices.sorted { lhs, rhs in
      for index in indices {
        let order = CSVTable.compareFields(rows[lhs][index], rows[rhs][index])
        if order != 0 { return order < 0 }
      }
      return lhs < rhs
    }
    copy.rows = order.map { rows[$0] }
    copy.lines = order.map { lines[$0] }
    return copy
  }

  /// -1, 0 or 1: numbers before text, numbers by value, text by Unicode scalars.
  package static func compareFields(_ a: String, _ b: String) -> Int {
    switch (CSVCell.number(from: a), CSVCell.number(from: b)) {
    case (let x?, let y?):
      if x < y { return -1 }
      if x > y { return 1 }
      return 0
    case (_?, nil): return -1
    case (nil, _?): return 1
    case (nil, nil):
      let (x, y) = (Array(a.unicodeScalars), Array(b.unicodeScalars))
      if x.lexicographicallyPrecedes(y, by: { $0.value < $1.value }) { return -1 }
      if y.lexicographicallyPrecedes(x, by: { $0.value < $1.value }) { return 1 }
      return 0
    }
  }
}
