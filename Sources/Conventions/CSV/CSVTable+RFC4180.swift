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
    var quoted = "\""
    for scalar in field.unicodeScalars {
      if scalar == "\"" { quoted.unicodeScalars.append(scalar) }
      quoted.unicodeScalars.append(scalar)
    }
    quoted.unicodeScalars.append("\"")
    return quoted
  }

  /// What a line holding nothing means: a row of one empty field (results tables, where a
  /// one-column table may hold an empty value), or nothing at all (data files).
  public enum BlankLines: Sendable {
    case kept, skipped
  }

  /// Parses RFC 4180 text (`\n`, `\r\n` or `\r` line ends, final line end optional, a UTF-8
  /// byte-order mark skipped). The first record is the header; every row must have as many
  /// fields as the header. A NUL byte is refused at its line and column: binary data, whose
  /// cells a number reader would cut short (`1\0junk` read as 1).
  public init(parsing text: String, blankLines: BlankLines = .kept) throws(CSVError) {
    var copy = text
    let result = copy.withUTF8 { bytes in
      Result { () throws(CSVError) in
        try CSVTable(parsing: UnsafeRawBufferPointer(bytes), blankLines: blankLines)
      }
    }
    self = try result.get()
  }

  /// What a header ending in two or more unnamed columns (`x,y,,`) means: two columns of one
  /// name (results tables), or, in a data file, Excel's blank formatted columns, read as the one
  /// unnamed last column a single trailing comma gives when every row leaves the others empty.
  public enum UnnamedTrailingColumns: Sendable {
    case refused, mergedWhenEmpty
  }

  /// Parses RFC 4180 text given as UTF-8 bytes (see `init(parsing:blankLines:)`).
  public init(
    parsing bytes: UnsafeRawBufferPointer, blankLines: BlankLines = .kept,
    unnamedTrailing: UnnamedTrailingColumns = .refused
  ) throws(CSVError) {
    var reader = RecordReader(bytes: bytes, skipBlankLines: blankLines == .skipped)
    guard let header = try reader.next() else { throw .empty }
    let unnamed = header.fields.reversed().prefix { $0.isEmpty }.count
    let merged = unnamedTrailing == .mergedWhenEmpty ? max(0, unnamed - 1) : 0
    do { try self.init(header: Array(header.fields.dropLast(merged))) } catch {
      guard case .duplicateColumn(let name, _, let columns) = error else { throw error }
      throw .duplicateColumn(name, line: header.line, columns: columns)
    }
    while let record = try reader.next() {
      guard record.fields.count == header.fields.count else {
        throw .raggedRow(
          line: record.line, expected: header.fields.count, found: record.fields.count)
      }
      // A value in a merged column: the header names two columns '', as when not merged,
      // located as a named column's twice is (tools brief, session 50).
      guard record.fields.suffix(merged).allSatisfy(\.isEmpty) else {
        let kept = header.fields.count - merged
        throw .duplicateColumn("", line: header.line, columns: [kept, kept + 1])
      }
      append(checked: Array(record.fields.dropLast(merged)), line: record.line)
    }
  }
}

/// Reads RFC 4180 records one at a time from UTF-8 bytes, counting lines and columns (in
/// Unicode scalars) for error messages.
private struct RecordReader {
  let bytes: UnsafeRawBufferPointer
  let skipBlankLines: Bool
  var index = 0
  var line = 1

  init(bytes: UnsafeRawBufferPointer, skipBlankLines: Bool) {
    self.bytes = bytes
    self.skipBlankLines = skipBlankLines
    let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    index = bom ? 3 : 0
  }

  /// The next record and the line it starts on, or nil at the end of the text.
  mutating func next() throws(CSVError) -> (line: Int, fields: [String])? {
    let quote = UInt8(ascii: "\"")
    let comma = UInt8(ascii: ",")
    let lf = UInt8(ascii: "\n")
    let cr = UInt8(ascii: "\r")
    while index < bytes.count {
      var fields: [String] = []
      var field: [UInt8] = []
      let recordLine = line
      var quoteLine = line
      var column = 0
      var inQuotes = false
      var fieldWasQuoted = false
      var ended = false
      while index < bytes.count && !ended {
        let b = bytes[index]
        index += 1
        if b & 0xC0 != 0x80 { column += 1 }
        if inQuotes {
          if b == quote {
            if index < bytes.count && bytes[index] == quote {
              field.append(quote)
              index += 1
              column += 1
            } else {
              inQuotes = false
            }
          } else {
            if b == 0 { throw .nulByte(line: line, column: column) }
            if b == lf {
              line += 1
              column = 0
            }
            field.append(b)
          }
          continue
        }
        switch b {
        case comma:
          fields.append(String(decoding: field, as: UTF8.self))
          field.removeAll(keepingCapacity: true)
          fieldWasQuoted = false
        case lf, cr:
          if b == cr && index < bytes.count && bytes[index] == lf { index += 1 }
          line += 1
          ended = true
        case quote:
          guard field.isEmpty && !fieldWasQuoted else {
            throw .strayQuote(line: line, column: column)
          }
          inQuotes = true
          fieldWasQuoted = true
          quoteLine = line
        case 0:
          throw .nulByte(line: line, column: column)
        default:
          if fieldWasQuoted { throw .textAfterClosingQuote(line: line, column: column) }
          field.append(b)
        }
      }
      if inQuotes { throw .unterminatedQuote(line: quoteLine) }
      let blank = fields.isEmpty && field.isEmpty && !fieldWasQuoted
      if blank && (skipBlankLines || !ended) { continue }
      fields.append(String(decoding: field, as: UTF8.self))
      return (recordLine, fields)
    }
    return nil
  }
}
