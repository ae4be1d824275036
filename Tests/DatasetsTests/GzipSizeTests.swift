import Foundation
import Testing

@testable import Datasets

/// A gzip table's size for the memory estimate is counted by inflating it, not taken from its
/// trailer, which gives only the last member's size: a `cat a.gz empty.gz` table of 70 MB was
/// estimated as its 8 MB on disk, and its rows past the first 32 MiB as none.
@Suite struct GzipSizeTests {
  static let table = Array(
    ("x,y,label\n" + (0..<4000).map { "\($0 % 97).5,\($0 % 13),c\($0 % 7)\n" }.joined()).utf8)

  @Test func aTableWhoseLastMemberIsEmptyIsSizedWhole() throws {
    let dir = TemporaryDirectory()
    let joined = HostileDataTests.gzip(Self.table) + HostileDataTests.gzip([])
    let path = dir.write("joined.csv.gz", joined)
    let shape = StoredShape.of(path)
    #expect(shape.bytes == Double(Self.table.count), "\(shape.bytes) of \(joined.count) on disk")
    #expect(shape.samples == 4000)
    // The loader trusts the count the memory check made, not the trailer's 0.
    #expect(InflatedSize.known(path) == Self.table.count)
    #expect(try DataTable.read(path).rows.count == 4000)
  }

  @Test func aCountStopsAtItsCapAndIsMadeAgainForALargerOne() throws {
    let dir = TemporaryDirectory()
    let path = dir.write("capped.csv.gz", HostileDataTests.gzip(Self.table))
    #expect(InflatedSize.of(path, cap: 1000) == 1000)
    #expect(InflatedSize.of(path, cap: 500) == 500)
    #expect(InflatedSize.of(path, cap: 1 << 30) == Self.table.count)
    // A plain file is not counted: its size is its size.
    #expect(InflatedSize.of(dir.write("plain.csv", Self.table), cap: 1 << 30) == nil)
  }

  @Test func aFileRewrittenIsCountedAgain() throws {
    let dir = TemporaryDirectory()
    let path = dir.write("grown.csv.gz", HostileDataTests.gzip(Array(Self.table.prefix(100))))
    #expect(InflatedSize.of(path, cap: 1 << 30) == 100)
    _ = dir.write("grown.csv.gz", HostileDataTests.gzip(Self.table))
    #expect(InflatedSize.of(path, cap: 1 << 30) == Self.table.count)
  }
}
