import Foundation
import Testing

@testable import Datasets

/// The memory estimate reads a CSV table's header line as the reader does, ended by `\n`,
/// `\r\n` or `\r` alone: a classic-Mac ("CSV (Macintosh)") export was one header line to it,
/// every comma of the file a feature column (2 inputs estimated as 200 001).
@Suite struct LineEndEstimateTests {
  @Test func aTableWithCarriageReturnsAloneHasItsHeadersColumns() throws {
    let dir = TemporaryDirectory()
    let rows = (0..<3000).map { "\($0),\($0 % 7),\($0 % 2)" }
    for (name, end) in [("cr.csv", "\r"), ("crlf.csv", "\r\n"), ("lf.csv", "\n")] {
      let path = dir.write(name, text: (["a,b,y"] + rows).joined(separator: end) + end)
      #expect(StoredShape.of(path).valuesPerSample == 3, "\(name)")
    }
    // A header longer than the head read is counted to its `\r` too.
    let wide = (0..<3000).map { "c\($0)" }.joined(separator: ",")
    let path = dir.write("wide.csv", text: wide + "\r" + rows.joined(separator: "\r"))
    #expect(StoredShape.of(path).valuesPerSample == 3000)
  }
}
