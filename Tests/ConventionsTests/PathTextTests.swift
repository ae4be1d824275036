import Conventions
import Foundation
import Testing

/// `PathText.folder(of:)` gives what `NSString.deletingLastPathComponent` gives, without its
/// trap on one-character relative paths (`runner r` crashed with a stack trace).
@Suite struct PathTextTests {
  @Test(arguments: [
    ("r", ""), ("-", ""), ("ab", ""), ("/r", "/"), ("/", "/"), ("a/b", "a"), ("/a/b", "/a"),
    ("a/b/", "a"), ("a//b", "a"), ("./-", "."), ("/a/b/c.yaml", "/a/b"),
  ])
  func folderOfAPathIsFoundationsWithoutTheTrap(_ path: String, _ folder: String) {
    #expect(PathText.folder(of: path) == folder)
  }

  /// The folders making a path would create, deepest first, and none once they exist: the one
  /// walk the download cache, Foundation's session folders and the run history share.
  @Test func missingFoldersAreTheAncestorsNotThereYetDeepestFirst() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("pathtext-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
    let deep = root + "/a/b/c"
    #expect(PathText.missingFolders(upTo: deep) == [deep, root + "/a/b", root + "/a"])
    try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
    #expect(PathText.missingFolders(upTo: deep).isEmpty)
  }

  /// A folder recorded again (every MLflow request records its session's folders) is kept once,
  /// so the list an interrupt empties stays as long as the folders are many (reviewer C14).
  @Test func aFolderRecordedTwiceIsKeptOnce() {
    let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)", isDirectory: true)
    OwnTemporaries.createdFolders([url])
    OwnTemporaries.createdFolders([url])
    #expect(OwnTemporaries.folders.filter { $0 == url.path }.count == 1)
    OwnTemporaries.forgetFolders([url])
    #expect(!OwnTemporaries.folders.contains(url.path))
  }
}
