/// A CSV table: a header row and rows of fields, each row as wide as the header.
///
/// Fields are kept as text (numbers already printed by `CSVCell`), so that a table read back from
/// a file and the table that was written compare equal, and `rendered` is byte-for-byte stable.
public struct CSVTable: Sendable, Equatable {
  /// The column names, in their documented order.
  public let header: [String]
  /// The data rows; each has `header.count` fields.
  public private(set) var rows: [[String]]

  /// A table with the given columns and no rows.
  public init(header: [String]) throws(CSVError) {
    guard !header.isEmpty else { throw .noColumns }
    var seen = Set<String>()
    for name in header where !seen.insert(name).inserted {
      throw .duplicateColumn(name)
    }
    self.header = header
    self.rows = []
  }

  /// A table with the given columns and rows of text.
  public init(header: [String], rows: [[String]]) throws(CSVError) {
    try self.init(header: header)
    for row in rows { try append(text: row) }
  }

  /// A table whose header the module built itself from distinct names (not user input).
  init(trusted header: [String]) {
    assert(
      !header.isEmpty && Set(header).count == header.count, "duplicate or no columns: \(header)")
    self.header = header
    self.rows = []
  }

  /// Appends a row the module built itself with the header's width.
  mutating func append(trusted cells: [CSVCell]) {
    assert(cells.count == header.count, "row width \(cells.count) != \(header.count)")
    rows.append(cells.map(\.text))
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
    rows.append(fields)
  }

  /// The index of the column named `name`, if any.
  public func columnIndex(_ name: String) -> Int? {
    header.firstIndex(of: name)
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
    copy.rows = rows.enumerated().sorted { lhs, rhs in
      for index in indices {
        let order = CSVTable.compareFields(lhs.element[index], rhs.element[index])
        if order != 0 { return order < 0 }
      }
      return lhs.offset < rhs.offset
    }.map(\.element)
    return copy
  }

  /// -1, 0 or 1: numbers before text, numbers by value, text by Unicode scalars.
  static func compareFields(_ a: String, _ b: String) -> Int {
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
