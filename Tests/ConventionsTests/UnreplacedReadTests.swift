import Foundation
import Testing

@testable import Conventions

/// `FileIdentity.unreplaced`: a reading during which a folder was replaced (a run renaming its
/// new results into place) is done again, so its files are all of one run.
@Suite struct UnreplacedReadTests {
  /// Makes a temporary folder, replaced by a new one at `path` when `replace` is called.
  static func folder() throws -> (path: String, replace: () throws -> Void) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "unreplaced-\(UUID().uuidString)")
    let path = root.appendingPathComponent("run").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let replace = {
      let staged = root.appendingPathComponent("staged").path
      try FileManager.default.createDirectory(atPath: staged, withIntermediateDirectories: true)
      try FileManager.default.removeItem(atPath: path)
      try FileManager.default.moveItem(atPath: staged, toPath: path)
    }
    return (path, replace)
  }

  @Test func aFolderReplacedDuringTheFirstReadingIsReadAgain() throws {
    let (path, replace) = try Self.folder()
    var readings = 0
    let value = try FileIdentity.unreplaced([path], times: 3) { () throws in
      readings += 1
      if readings == 1 { try replace() }
      return readings
    }
    #expect(value == 2)
  }

  @Test func aFolderReplacedAtEveryReadingGivesNil() throws {
    let (path, replace) = try Self.folder()
    var readings = 0
    let value = try FileIdentity.unreplaced([path], times: 3) { () throws in
      readings += 1
      try replace()
      return readings
    }
    #expect(value == nil)
    #expect(readings == 3)
  }

  struct Gone: Error {}

  /// A file gone while the folder was replaced (read between the two renames) is read again,
  /// not reported; an error while nothing was replaced is the folder's own, thrown at once.
  @Test func anErrorWhileTheFolderWasReplacedIsReadAgain() throws {
    let (path, replace) = try Self.folder()
    var readings = 0
    let value = try FileIdentity.unreplaced([path], times: 3) { () throws(Gone) in
      readings += 1
      if readings == 1 {
        try? replace()
        throw Gone()
      }
      return readings
    }
    #expect(value == 2)
    readings = 0
    #expect(throws: Gone.self) {
      try FileIdentity.unreplaced([path], times: 3) { () throws(Gone) -> Int in
        readings += 1
        throw Gone()
      }
    }
    #expect(readings == 1)
  }
}
