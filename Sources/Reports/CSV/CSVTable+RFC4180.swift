/// RFC 4180 text for `CSVTable`: `\n` line ends (also after the last row), a header row, and a
/// field quoted (`"…"`, inner quotes doubled) exactly when it contains a comma, a quote, `\r` or `\n`.
extension CSVTable {
  /// The table as RFC 4180 text.
  public var rendered: String {
    var text = ""
    appendLine(header, to: &text)
    for row in rows { appendLine(row, to: &text) }
    return text
  }

  private func appendLine(_ fields: [String], to text: inout String) {
    for (index, field) in fields.enumerated() {
      if index > 0 { text.append(",") }
      text.append(CSVTable.quoted(field))
    }
    text.append("\n")
  }

  /// The field as it appears in the file: quoted when it contains `,`, `"`, `\r` or `\n`.
  public static func quoted(_ field: String) -> String {
    let needsQuotes = field.unicodeScalars.contains {
      $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r"
    }
    guard needsQuotes else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Parses RFC 4180 text (`\n` or `\r\n` line ends, final line end optional). The first record
  /// is the header; every row must have as many fields as the header.
  public init(parsing text: String) throws(CSVError) {
    let records = try CSVTable.records(in: text)
    guard let header = records.first?.fields else { throw .empty }
    try self.init(header: header)
    for record in records.dropFirst() {
      guard record.fields.count == header.count else {
        throw .raggedRow(line: record.line, expected: header.count, found: record.fields.count)
      }
      try append(text: record.fields)
    }
  }

  private struct Record {
    var line: Int
    var fields: [String]
  }

  private static func records(in text: String) throws(CSVError) -> [Record] {
    var records: [Record] = []
    var fields: [String] = []
    var field = ""
    var line = 1
    var recordLine = 1
    var column = 0
    var inQuotes = false
    var fieldWasQuoted = false
    var scalars = Array(text.unicodeScalars)[...]
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var index = scalars.startIndex
    func endRecord() {
      fields.append(field)
      records.append(Record(line: recordLine, fields: fields))
      fields = []
      field = ""
      fieldWasQuoted = false
    }
    while index < scalars.endIndex {
      let scalar = scalars[index]
      index += 1
      column += 1
      if inQuotes {
        if scalar == "\"" {
          if index < scalars.endIndex && scalars[index] == "\"" {
            field.unicodeScalars.append("\"")
            index += 1
            column += 1
          } else {
            inQuotes = false
          }
        } else {
          if scalar == "\n" {
            line += 1
            column = 0
          }
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case ",":
        fields.append(field)
        field = ""
        fieldWasQuoted = false
      case "\r" where index < scalars.endIndex && scalars[index] == "\n":
        continue
      case "\n", "\r":
        endRecord()
        line += 1
        column = 0
        recordLine = line
      case "\"":
        guard field.isEmpty && !fieldWasQuoted else {
          throw .strayQuote(line: line, column: column)
        }
        inQuotes = true
        fieldWasQuoted = true
      default:
        if fieldWasQuoted { throw .textAfterClosingQuote(line: line, column: column) }
        field.unicodeScalars.append(scalar)
      }
    }
    if inQuotes { throw .unterminatedQuote(line: recordLine) }
    if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
    return records
  }
}
