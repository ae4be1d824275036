import Conventions
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
}
