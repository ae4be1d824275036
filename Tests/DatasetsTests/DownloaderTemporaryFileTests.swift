import Foundation
import Testing

@testable import Datasets

/// A download the server refuses leaves nothing behind: URLSession saves the error page in the
/// temporary directory, and the downloader removes it.
@Suite struct DownloaderTemporaryFileTests {
  @Test func aRefusedDownloadLeavesNoFileInTheTemporaryDirectory() throws {
    let page = "no such file here: " + UUID().uuidString
    let server = try LocalHTTPServer(routes: [:], notFound: page)
    defer { server.stop() }
    let destination = TemporaryDirectory()
    let error = #expect(throws: DataError.self) {
      try Downloader(timeout: 10).download(
        server.url("missing.gz"), to: destination.path + "/missing.gz", progress: { _ in })
    }
    #expect(error?.description.hasSuffix("the server answered HTTP 404") == true)
    let temporary = NSTemporaryDirectory()
    let left = try FileManager.default.contentsOfDirectory(atPath: temporary).filter { name in
      FileManager.default.contents(atPath: temporary + "/" + name) == Data(page.utf8)
    }
    #expect(left.isEmpty, "left in \(temporary): \(left)")
    #expect(!FileManager.default.fileExists(atPath: destination.path + "/missing.gz"))
  }
}
