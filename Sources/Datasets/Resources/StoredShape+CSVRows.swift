import Foundation

/// The rows of a CSV table for the memory estimate, counted as the reader takes them (records
/// ended by `\n`, `\r\n` or `\r` outside quotes, blank lines skipped) in its first bytes.
extension StoredShape {
  /// The decompressed bytes of a CSV table counted for its records; past them the rows are
  /// bounded by the size (at most one per two bytes per column).
  static let countedCSVBytes = 32 << 20

  /// What counting a CSV table's records found: the records (header included), the bytes
  /// read, and whether they were all of the table's.
  struct CSVRecordCount: Equatable {
    var records = 0
    var bytesRead = 0
    var complete = false
  }

  /// The rows of the CSV table at `path` (its header not counted) with `columns` columns
  /// holding `bytes` bytes: counted in its first `limit` bytes, the rest bounded by its size.
  static func csvRows(_ path: String, columns: Int, bytes: Double, limit: Int = countedCSVBytes)
    -> Double
  {
    let bound = bytes / Double(2 * max(columns, 1))
    guard let count = csvRecords(path, limit: limit) else { return bound }
    let counted = Double(max(count.records - 1, 0))
    if count.complete { return counted }
    return counted + max(bytes - Double(count.bytesRead), 0) / Double(2 * max(columns, 1))
  }

  /// Counts the records of the CSV table at `path` in its first `limit` decompressed bytes
  /// (at least); nil when it cannot be read (the loader names why).
  static func csvRecords(_ path: String, limit: Int) -> CSVRecordCount? {
    guard let stream = try? ByteStream(path: path) else { return nil }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var count = CSVRecordCount()
    var inQuotes = false
    var lineHasContent = false
    while count.bytesRead < limit {
      guard let n = try? chunk.withUnsafeMutableBytes({ try stream.read(into: $0) }) else {
        return nil
      }
      if n == 0 {
        count.complete = true
        break
      }
      count.bytesRead += n
      chunk.withUnsafeBytes { bytes in
        for b in bytes.prefix(n) {
          if b == 0x22 {
            // `""` inside quotes toggles twice: still quoted.
            inQuotes.toggle()
            lineHasContent = true
          } else if !inQuotes, endsLine(b) {
            // `\r\n` ends a record at `\r`, then a blank line at `\n` (not a record).
            if lineHasContent { count.records += 1 }
            lineHasContent = false
          } else {
            lineHasContent = true
          }
        }
      }
    }
    if count.complete, lineHasContent { count.records += 1 }
    return count
  }
}
