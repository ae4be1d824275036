import Foundation

/// A CSV table read per RFC 4180: a header row naming the columns, then records of exactly
/// as many fields. Fields may be quoted (`"a, b"`, `"say ""hi"""`, line breaks inside quotes);
/// lines end in LF or CRLF; a UTF-8 byte-order mark is skipped.
public struct CSVTable: Sendable, Equatable {
  /// Column names from the header row.
  public let header: [String]
  /// The records, each with `header.count` fields.
  public let rows: [[String]]
  /// The 1-based line on which each record starts (for error messages).
  public let lines: [Int]
  /// The file (or label) the table came from.
  public let origin: String

  /// Reads and parses the CSV file at `path`, inflating it first when it is gzip-compressed
  /// (recognized by its magic number, whatever the file's name).
  public static func read(_ path: String) throws -> CSVTable {
    let data = try FileBytes.readInflating(path)
    return try data.withUnsafeBytes { try parse($0, origin: path) }
  }

  /// Parses CSV text.
  public static func parse(_ text: String, origin: String) throws -> CSVTable {
    var copy = text
    return try copy.withUTF8 { try parse(UnsafeRawBufferPointer($0), origin: origin) }
  }

  /// Parses CSV bytes (UTF-8).
  public static func parse(_ bytes: UnsafeRawBufferPointer, origin: String) throws -> CSVTable {
    var records: [[String]] = []
    var lines: [Int] = []
    var field: [UInt8] = []
    var record: [String] = []
    var line = 1
    var recordLine = 1
    var quoteLine = 1
    var i = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    var inQuotes = false
    var fieldWasQuoted = false
    let quote = UInt8(ascii: "\"")
    let comma = UInt8(ascii: ",")
    let lf = UInt8(ascii: "\n")
    let cr = UInt8(ascii: "\r")

    func endField() {
      record.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      fieldWasQuoted = false
    }
    func endRecord() {
      endField()
      // A blank line (one empty unquoted field) is skipped.
      if !(record.count == 1 && record[0].isEmpty) {
        records.append(record)
        lines.append(recordLine)
      }
      record.removeAll(keepingCapacity: true)
    }

    while i < bytes.count {
      let b = bytes[i]
      if inQuotes {
        if b == quote {
          if i + 1 < bytes.count && bytes[i + 1] == quote {
            field.append(quote)
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if b == lf { line += 1 }
          field.append(b)
        }
      } else if b == quote {
        guard field.isEmpty && !fieldWasQuoted else {
          throw DataError.malformed(
            file: origin, location: "line \(line), field \(record.count + 1)",
            reason: "quote inside an unquoted field (quote the whole field and double inner quotes)"
          )
        }
        inQuotes = true
        fieldWasQuoted = true
        quoteLine = line
      } else if b == comma {
        endField()
      } else if b == lf || b == cr {
        if b == cr && i + 1 < bytes.count && bytes[i + 1] == lf { i += 1 }
        endRecord()
        line += 1
        recordLine = line
      } else {
        if fieldWasQuoted {
          throw DataError.malformed(
            file: origin, location: "line \(line), field \(record.count + 1)",
            reason: "characters after a closing quote")
        }
        field.append(b)
      }
      i += 1
    }
    if inQuotes {
      throw DataError.malformed(
        file: origin, location: "line \(quoteLine)", reason: "unterminated quoted field")
    }
    if !field.isEmpty || !record.isEmpty || fieldWasQuoted { endRecord() }

    guard let header = records.first else {
      throw DataError.malformed(
        file: origin, location: nil, reason: "empty file: expected a header row naming the columns")
    }
    if let duplicate = Dictionary(grouping: header, by: { $0 }).first(where: { $0.value.count > 1 }
    )?.key {
      throw DataError.malformed(
        file: origin, location: "line 1",
        reason: "column '\(duplicate)' appears twice in the header")
    }
    for (k, row) in records.enumerated().dropFirst() where row.count != header.count {
      throw DataError.malformed(
        file: origin, location: "line \(lines[k])",
        reason: "\(row.count) fields, but the header has \(header.count) columns")
    }
    return CSVTable(
      header: header, rows: Array(records.dropFirst()), lines: Array(lines.dropFirst()),
      origin: origin)
  }

  /// The index of column `name`; the error lists the columns that exist.
  public func columnIndex(_ name: String) throws -> Int {
    guard let k = header.firstIndex(of: name) else {
      throw DataError.invalidConfiguration(
        "\(origin): no column named '\(name)'; columns: \(header.map { "'\($0)'" }.joined(separator: ", "))"
      )
    }
    return k
  }

  /// The named columns as a `(rows, columns)` float64 array; every cell must be a finite number.
  public func numericColumns(_ names: [String]) throws -> NDArray {
    let indices = try names.map(columnIndex)
    var values = [Double](repeating: 0, count: rows.count * indices.count)
    for (r, row) in rows.enumerated() {
      for (c, k) in indices.enumerated() {
        values[r * indices.count + c] = try number(row[k], line: lines[r], column: header[k])
      }
    }
    return NDArray(
      checkedShape: [rows.count, indices.count], storage: .float64(values), origin: origin)
  }

  /// A categorical column as class indices and the class names they stand for.
  ///
  /// Integer-valued columns (`0, 1, 2`) keep their values as indices, with the names
  /// `"0"`, `"1"`, …; other columns map their distinct values in sorted order to
  /// `0..<k` (as scikit-learn's `LabelEncoder`), and the mapping is returned so it can be recorded.
  public func categoricalColumn(_ name: String) throws -> (indices: [Int], classes: [String]) {
    let k = try columnIndex(name)
    let cells = rows.map { $0[k].trimmingCharacters(in: .whitespaces) }
    if let empty = cells.firstIndex(of: "") {
      throw DataError.invalidValues(
        file: origin, location: "line \(lines[empty]), column '\(name)'", reason: "empty label")
    }
    let integers = cells.map { Int($0) }
    if integers.allSatisfy({ $0 != nil }) {
      let values = integers.map { $0! }
      if let negative = values.firstIndex(where: { $0 < 0 }) {
        throw DataError.invalidValues(
          file: origin, location: "line \(lines[negative]), column '\(name)'",
          reason: "label \(values[negative]) out of range: class indices start at 0")
      }
      let count = (values.max() ?? -1) + 1
      return (values, (0..<count).map(String.init))
    }
    let classes = Array(Set(cells)).sorted()
    let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    return (cells.map { index[$0]! }, classes)
  }

  func number(_ cell: String, line: Int, column: String) throws -> Double {
    let trimmed = cell.trimmingCharacters(in: .whitespaces)
    guard let v = Double(trimmed) else {
      let reason =
        trimmed.isEmpty ? "empty cell where a number is expected" : "'\(cell)' is not a number"
      throw DataError.invalidValues(
        file: origin, location: "line \(line), column '\(column)'", reason: reason)
    }
    guard v.isFinite else {
      throw DataError.invalidValues(
        file: origin, location: "line \(line), column '\(column)'",
        reason: "'\(cell)' is not a finite number (NaN and infinity are not allowed)")
    }
    return v
  }
}
