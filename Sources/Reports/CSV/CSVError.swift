/// Why a CSV table could not be built or parsed.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text holds no header row.
  case empty
  /// A header with no columns.
  case noColumns
  /// Two columns with the same name.
  case duplicateColumn(String)
  /// A row whose field count differs from the header's (`line` is 1-based, the header is line 1).
  case raggedRow(line: Int, expected: Int, found: Int)
  /// A quoted field that never closes.
  case unterminatedQuote(line: Int)
  /// A `"` inside an unquoted field.
  case strayQuote(line: Int, column: Int)
  /// Characters between a closing quote and the next comma or line end.
  case textAfterClosingQuote(line: Int, column: Int)

  public var description: String {
    switch self {
    case .empty: return "the CSV text is empty: expected a header row"
    case .noColumns: return "a CSV table needs at least one column"
    case .duplicateColumn(let name): return "column '\(name)' appears twice in the header"
    case .raggedRow(let line, let expected, let found):
      return "line \(line): expected \(expected) fields like the header, found \(found)"
    case .unterminatedQuote(let line):
      return "line \(line): a quoted field is never closed (missing '\"')"
    case .strayQuote(let line, let column):
      return
        "line \(line):\(column): a '\"' inside an unquoted field; quote the whole field and double the quote"
    case .textAfterClosingQuote(let line, let column):
      return "line \(line):\(column): text after a closing quote; expected ',' or a line end"
    }
  }
}
