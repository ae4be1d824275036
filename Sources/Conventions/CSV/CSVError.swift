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
  /// A quoted field that never closes (`line`: where its opening quote is).
  case unterminatedQuote(line: Int)
  /// A `"` inside an unquoted field.
  case strayQuote(line: Int, column: Int)
  /// Characters between a closing quote and the next comma or line end.
  case textAfterClosingQuote(line: Int, column: Int)

  /// Where in the text: `line 3`, `line 2:4` (line and column), or nil for the whole text.
  public var location: String? {
    switch self {
    case .empty, .noColumns, .duplicateColumn: return nil
    case .raggedRow(let line, _, _), .unterminatedQuote(let line): return "line \(line)"
    case .strayQuote(let line, let column), .textAfterClosingQuote(let line, let column):
      return "line \(line):\(column)"
    }
  }

  /// What is wrong, without the location.
  public var reason: String {
    switch self {
    case .empty: return "the CSV text is empty: expected a header row"
    case .noColumns: return "a CSV table needs at least one column"
    case .duplicateColumn(let name): return "column '\(name)' appears twice in the header"
    case .raggedRow(_, let expected, let found):
      return "expected \(expected) field\(expected == 1 ? "" : "s") like the header, found \(found)"
    case .unterminatedQuote: return "a quoted field is never closed (missing '\"')"
    case .strayQuote:
      return "a '\"' inside an unquoted field; quote the whole field and double the quote"
    case .textAfterClosingQuote:
      return "text after a closing quote; expected ',' or a line end"
    }
  }

  /// The location and the reason (`line 2:4: a '"' inside an unquoted field; ...`).
  public var description: String { location.map { "\($0): \(reason)" } ?? reason }
}
