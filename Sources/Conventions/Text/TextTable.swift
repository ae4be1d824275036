/// A plain-text table with left-aligned, space-padded columns, for terminal output (aligned by
/// `displayWidth`: a CJK name takes two cells a character).
public struct TextTable: Sendable {
  /// The header cells.
  public var header: [String]
  /// The rows; shorter rows are padded with empty cells.
  public var rows: [[String]]

  /// A table with a header and rows.
  public init(header: [String], rows: [[String]] = []) {
    self.header = header
    self.rows = rows
  }

  /// The table as lines joined by `\n` (no trailing newline), each prefixed by `indent`.
  public func rendered(indent: String = "") -> String {
    let all = [header] + rows
    let columns = all.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in all {
      for (index, cell) in row.enumerated() {
        widths[index] = max(widths[index], cell.displayWidth)
      }
    }
    return all.map { row in
      let cells = (0..<columns).map { index -> String in
        let cell = index < row.count ? row[index] : ""
        return index == columns - 1
          ? cell : cell.padded(toCells: widths[index])
      }
      var line = indent + cells.joined(separator: "  ")
      while line.last == " " { line.removeLast() }
      return line
    }.joined(separator: "\n")
  }
}
