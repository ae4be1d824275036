/// Why a CSV table could not be built or parsed.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text holds no header row.
  case empty
  /// A header with no columns.
  case noColumns
  /// Two columns with the same name: in parsed text, on header line `line`, as fields
  /// `columns` (1-based).
  case duplicateColumn(String, line: Int? = nil, columns: [Int] = [])
  /// A row whose field count differs from the header's (`line` is 1-based, the header is line 1).
  case raggedRow(line: Int, expected: Int, found: Int)
  /// A quoted field that never closes (`line`: where its opening quote is).
  case unterminatedQuote(line: Int)
  /// A `"` inside an unquoted field.
  case strayQuote(line: Int, column: Int)
  /// Characters between a closing quote and the next comma or line end.
  case textAfterClosingQuote(line: Int, column: Int)
  /// A NUL byte: binary data, not text (`column` in Unicode scalars, as for `strayQuote`).
  case nulByte(line: Int, column: Int)

  /// Where in the text: `line 3`, `line 2:4` (line and column), or nil for the whole text.
  public var location: String? {
    switch self {
    case .empty, .noColumns: return nil
    case .duplicateColumn(_, let line, _): return line.map { "line \($0)" }
    case .raggedRow(let line, _, _), .unterminatedQuote(let line): return "line \(line)"
    case .strayQuote(let line, let column), .textAfterClosingQuote(let line, let column),
      .nulByte(let line, let column):
      return "line \(line):\(column)"
    }
  }

  /// What is wrong, without the location.
  public var reason: String {
    switch self {
    case .empty: return "the CSV text is empty: expected a header row"
    case .noColumns: return "a CSV table needs at least one column"
    case .duplicateColumn(let name, _, let columns):
      let fields = columns.count == 2 ? " (columns \(columns[0]) and \(columns[1]))" : ""
      return "column '\(name)' appears twice in the header\(fields)"
    case .raggedRow(_, let expected, let found):
      return "expected \(expected) field\(expected == 1 ? "" : "s") like the header, found \(found)"
    case .unterminatedQuote: return "a quoted field is never closed (missing '\"')"
    case .strayQuote:
      return "a '\"' inside an unquoted field; quote the whole field and double the quote"
    case .textAfterClosingQuote:
      return "text after a closing quote; expected ',' or a line end"
    case .nulByte: return "a NUL byte: binary data, not text (a CSV table is UTF-8 text)"
    }
  }

  /// The location and the reason (`line 2:4: a '"' inside an unquoted field; ...`).
  public var description: String { location.map { "\($0): \(reason)" } ?? reason }
}
