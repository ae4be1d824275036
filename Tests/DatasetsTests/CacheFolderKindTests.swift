import Foundation
import Testing

@testable import Datasets

#if canImport(Glibc)
  import Glibc
#endif

/// The download cache's folder cannot be made where a file or a named pipe stands: the reason
/// names what is there.
@Suite struct CacheFolderKindTests {
  @Test func whatStandsWhereTheCacheFolderShouldBeIsNamed() throws {
    let dir = TemporaryDirectory()
    let pipe = dir.path + "/pipe"
    let file = dir.path + "/file"
    #expect(mkfifo(pipe, 0o600) == 0)
    #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
    let error = CocoaError(.fileWriteUnknown)
    #expect(
      DatasetFetcher.reason(error, making: pipe + "/runner/catvnoncat")
        == "\(pipe) is a named pipe (FIFO), not a folder")
    #expect(
      DatasetFetcher.reason(error, making: file + "/runner") == "\(file) is a file, not a folder")
  }
}
