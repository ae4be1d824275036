import Conventions
import Foundation
import Testing

@testable import Datasets

/// The memory estimate counts a CSV table's rows as the reader reads them, not as its size
/// bounds them (diabetes' 442 rows were taken as about 4300, and a 108 MiB run was refused
/// under a 400 MB limit).
@Suite struct CSVRowEstimateTests {
  static let rows = (0..<500).map { "\($0),\($0 % 7),\($0 % 2)" }

  @Test func theRowsAreTheReadersForEveryLineEndQuoteAndBlankLine() throws {
    let dir = TemporaryDirectory()
    let quoted = Self.rows.enumerated().map { $0 % 3 == 0 ? "\"\($0)\r\n\"\"x\"\"\",1,0" : $1 }
    let tables = [
      ("lf.csv", "a,b,y\n" + Self.rows.joined(separator: "\n") + "\n"),
      ("crlf.csv", "a,b,y\r\n" + Self.rows.joined(separator: "\r\n")),
      ("cr.csv", "a,b,y\r" + Self.rows.joined(separator: "\r") + "\r"),
      ("blank.csv", "a,b,y\n\n" + Self.rows.joined(separator: "\n\n\r\n") + "\n\n"),
      ("quoted.csv", "a,b,y\n" + quoted.joined(separator: "\n")),
    ]
    for (name, text) in tables {
      for path in [dir.write(name, text: text), dir.write(name + ".gz", gzip(Array(text.utf8)))] {
        let read = try DataTable.read(path).rows.count
        #expect(StoredShape.of(path).samples == read, "\(path)")
      }
    }
  }

  @Test func pastTheCountedBytesTheSizeBoundsTheRows() throws {
    let dir = TemporaryDirectory()
    // Several reads' worth (a read is 64 KiB), of which the first is counted.
    let rows = (0..<20000).map { "\($0),\($0 % 7),\($0 % 2)" }
    let path = dir.write("t.csv", text: "a,b,y\n" + rows.joined(separator: "\n") + "\n")
    let bytes = Double(try Data(contentsOf: URL(fileURLWithPath: path)).count)
    let whole = StoredShape.csvRows(path, columns: 3, bytes: bytes)
    let part = StoredShape.csvRows(path, columns: 3, bytes: bytes, limit: 1)
    let none = StoredShape.csvRows(path, columns: 3, bytes: bytes, limit: 0)
    #expect(whole == Double(rows.count))
    // Still an upper bound, and less than the size's bound alone.
    #expect(part > whole && part < none)
    #expect(none == bytes / 6)
  }

  func gzip(_ payload: [UInt8]) -> [UInt8] { Inflater.compress(payload, gzip: true) }
}
