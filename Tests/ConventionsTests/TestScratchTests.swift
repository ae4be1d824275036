import Foundation
import TestScratch
import Testing

/// The tests' temporary directory is a folder of this test process's own (removed when it
/// exits), so that a bare `swift test` leaves nothing in the temporary directory it was given.
@Suite struct TestScratchTests {
  @Test func theTemporaryDirectoryIsThisProcesssOwnFolder() throws {
    let root = String(cString: runner_test_scratch_root())
    #expect(root.split(separator: "/").last?.hasPrefix("runner-test-process-") == true, "\(root)")
    #expect(ProcessInfo.processInfo.environment["TMPDIR"] == root)
    #expect(
      FileManager.default.temporaryDirectory.standardizedFileURL
        == URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL)
    var info = stat()
    try #require(lstat(root, &info) == 0)
    #expect(info.st_mode & S_IFMT == S_IFDIR)
    #expect(info.st_mode & 0o777 == 0o700)
    #expect(info.st_uid == geteuid())
  }
}
