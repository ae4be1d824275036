import Conventions
import Foundation

/// A CSV data file read with the runner's one RFC 4180 reader (`CSVTable`, blank lines
/// skipped, Excel's empty unnamed last columns read as one): a header row naming the columns, then records of exactly as many fields, with
/// quoted fields, LF or CRLF line ends and a UTF-8 byte-order mark skipped. It remembers where it
/// came from so that errors name the file, line and column.
public struct DataTable: Sendable, Equatable {
  /// The parsed table.
  public let table: CSVTable
  /// The file (or label) the table came from.
  public let origin: String

  /// Column names from the header row.
  public var header: [String] { table.header }
  /// The records, each with `header.count` fields.
  public var rows: [[String]] { table.rows }
  /// The 1-based line on which each record starts (for error messages).
  public var lines: [Int] { table.lines }

  /// Columns shown or listed whole, at most: a wider table shows its first and last
  /// `edgeColumns` with `…` between, as pandas' `display.max_columns` does (a table of a million
  /// columns printed 35 MB). Bundled tables (digits: 65 columns) are shown whole.
  static let maxShownColumns = 100
  /// Columns shown at each end of a wider table.
  static let edgeColumns = 10

  /// The indices of the columns shown, nil marking the `…` of those left out.
  var shownColumns: [Int?] {
    let count = header.count
    guard count > Self.maxShownColumns else { return Array(0..<count) }
    return Array(0..<Self.edgeColumns) + [nil] + Array((count - Self.edgeColumns)..<count)
  }

  /// Reads and parses the CSV file at `path`, inflating it first when it is gzip-compressed
  /// (recognized by its magic number, whatever the file's name).
  public static func read(_ path: String) throws -> DataTable {
    try checkStart(path)
    let data = try FileBytes.readInflating(path)
    return try data.withUnsafeBytes { try parse($0, origin: path) }
  }

  /// Refuses a picture, and a table with a NUL byte in its first 4 KiB (inflated) as `parse`
  /// would, at the first NUL, without reading the rest of the file (a large binary file is not read whole);
  /// a file it cannot open is left to the whole read, which names the problem.
  static func checkStart(_ path: String) throws {
    guard let stream = try? ByteStream(path: path) else { return }
    var head = [UInt8](repeating: 0, count: 4096)
    guard let count = try? head.withUnsafeMutableBytes({ try stream.read(into: $0) }) else {
      return
    }
    // A picture is named as one (a BMP's first NUL comes before the bytes that tell it).
    if let image = FileFormat.image(Array(head.prefix(min(count, 10)))) {
      throw DataError.image(file: path, format: image)
    }
    guard let nul = head.prefix(count).firstIndex(of: 0) else { return }
    try head[...nul].withUnsafeBytes { try TextCheck.check($0, origin: path) }
  }

  /// Parses CSV text.
  public static func parse(_ text: String, origin: String) throws -> DataTable {
    var copy = text
    return try copy.withUTF8 { try parse(UnsafeRawBufferPointer($0), origin: origin) }
  }

  /// Parses CSV bytes (UTF-8); a malformed table is a `DataError.malformed` naming `origin`.
  /// A NUL byte (binary data; `strtod` would read `1\0junk` as 1) or invalid UTF-8 is refused
  /// at its line, never repaired.
  public static func parse(_ bytes: UnsafeRawBufferPointer, origin: String) throws -> DataTable {
    try TextCheck.check(bytes, origin: origin)
    if let line = excelSeparatorLine(bytes) {
      throw DataError.malformed(
        file: origin, location: "line 1",
        reason: "'\(line)' is Excel's separator hint, not a header: delete that line")
    }
    do {
      return DataTable(
        table: try CSVTable(
          parsing: bytes, blankLines: .skipped, unnamedTrailing: .mergedWhenEmpty), origin: origin)
    } catch {
      throw DataError.malformed(
        file: origin, location: error.location,
        reason: error.reason + (otherSeparator(bytes).map(Self.separatorHint) ?? ""))
    }
  }

  /// The first line when it is Excel's `sep=,` hint (`sep=` and one separator), which
  /// pandas.read_csv would take for the header; nil otherwise.
  static func excelSeparatorLine(_ bytes: UnsafeRawBufferPointer) -> String? {
    var line = bytes.prefix(16).prefix { !StoredShape.endsLine($0) }[...]
    if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
    let text = String(decoding: line, as: UTF8.self)
    return text.count == 5 && text.lowercased().hasPrefix("sep=") ? text : nil
  }

  /// `;` or a tab when the header line holds one of them and no comma (a semicolon- or
  /// tab-separated export, which a comma reader sees as one column).
  static func otherSeparator(_ bytes: UnsafeRawBufferPointer) -> String? {
    let line = bytes.prefix(65536).prefix { !StoredShape.endsLine($0) }
    guard !line.contains(0x2C) else { return nil }
    return line.contains(0x3B) ? ";" : line.contains(0x09) ? "\t" : nil
  }

  /// What to do about a table separated by `separator` instead of commas.
  static func separatorHint(_ separator: String) -> String {
    "; the header looks \(separator == ";" ? "semicolon" : "tab")-separated, but tables are read "
      + "comma-separated: convert the file to CSV with commas"
  }

  /// The index of column `name`; the error lists the columns that exist and names the one a
  /// typo most likely meant (`Target` for `target`, `sepal length (cm)` for `sepal length`),
  /// never one of `others`, the names listed with it (another feature is no guess); a name the
  /// header writes after a space (`Name, Age`) is said to be so.
  public func columnIndex(_ name: String, besides others: [String] = []) throws -> Int {
    guard let k = header.firstIndex(of: name) else {
      // One column whose name holds another separator: a semicolon- or tab-separated file.
      let separator = header.count == 1 ? [";", "\t"].first { header[0].contains($0) } : nil
      // `Name, Age`: names after a comma and a space start with it.
      let spaced = header.first { $0.first == " " && Self.trimmingSpaces($0) == name[...] }
      // A second UTF-8 byte-order mark (one is skipped) stays, invisible, in the first name.
      let marked = header.first {
        $0.unicodeScalars.first == "\u{FEFF}" && String($0.unicodeScalars.dropFirst()) == name
      }
      let guess =
        marked.map { _ in
          "; the file starts with a second byte-order mark (U+FEFF, invisible), which the "
            + "header's first name '\(name)' keeps: save the file with at most one"
        }
        ?? spaced.map {
          "; the header's names after its commas start with a space (the file separates them with ', '): remove "
            + "the spaces after the header's commas, or name the column with its space "
            + "('\($0.oneLineShort)')"
        }
        ?? name.likelyMeant(among: header.filter { !others.contains($0) }).map {
          separator == nil ? "; did you mean '\($0.oneLineShort)'?" : ""
        }
      let listed =
        shownColumns.map { $0.map { "'\(header[$0].oneLineShort)'" } ?? "…" }
        .joined(separator: ", ")
        + (header.count > Self.maxShownColumns ? " (\(header.count) in all)" : "")
      // `1,2,0`: a header of numbers only is a data row (a file written without a header).
      let headerless =
        header.allSatisfy { Self.finiteNumber($0) != nil }
        ? "; its header holds only numbers, so the file seems to have no header row: add one "
          + "naming the columns (pandas: df.to_csv(path, header=True))" : nil
      throw DataError.invalidConfiguration(
        "\(origin): no column named '\(name)'; columns: \(listed)"
          + (headerless ?? guess ?? "") + (separator.map(Self.separatorHint) ?? ""))
    }
    return k
  }
}
