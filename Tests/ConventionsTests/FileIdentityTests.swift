import Foundation
import Testing

@testable import Conventions

/// `FileIdentity` tells a file changed or replaced under its name from `stat` alone.
@Suite struct FileIdentityTests {
  static let base = FileIdentity(file: [1, 10], size: 100, modified: [5, 1], changed: [5, 1])

  @Test func whatDiffersIsSaidInWords() {
    var later = Self.base
    #expect(Self.base.change(to: later) == nil)
    later.changed = [5, 2]
    #expect(Self.base.change(to: later) == "change time differs")
    later.size = 90
    later.modified = [6, 0]
    #expect(Self.base.change(to: later) == "size and modification time differ")
    later.size = Self.base.size
    #expect(Self.base.change(to: later) == "modification time differs")
    later.file = [1, 11]
    #expect(Self.base.change(to: later) == "replaced by another file")
    #expect(Self.base.change(to: nil) == "removed")
  }

  /// A file written in place and one moved into place keep no identity of the first.
  @Test func aRewrittenOrReplacedFileHasAnotherIdentity() throws {
    let folder = NSTemporaryDirectory() + "fi-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/work.csv"
    try "a,b\n1,2\n".write(toFile: file, atomically: false, encoding: .utf8)
    let first = try #require(FileIdentity(path: file))
    #expect(FileIdentity(path: file) == first)
    try "a,b\n1,2\n3,4\n".write(toFile: file, atomically: false, encoding: .utf8)
    let written = FileIdentity(path: file)
    #expect(first.change(to: written)?.hasPrefix("size") == true)
    try "a,b\n5,6\n".write(toFile: folder + "/other.csv", atomically: false, encoding: .utf8)
    _ = rename(folder + "/other.csv", file)
    #expect(written?.change(to: FileIdentity(path: file)) == "replaced by another file")
    #expect(FileIdentity(path: folder + "/none") == nil)
  }
}
