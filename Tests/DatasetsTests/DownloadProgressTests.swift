import Testing

@testable import Datasets

/// A download's line: what became of the copy from one mirror.
@Suite struct DownloadProgressTests {
  static let local = "http://127.0.0.1:18777/catvnoncat/train_catvnoncat.h5"

  @Test func aFailureIsSkippedUnlessTheWholeFileCame() {
    var failed = DownloadProgress(
      url: Self.local, received: 0, total: nil, finished: true,
      failure: "the server answered HTTP 404")
    #expect(failed.description == "skipped \(Self.local): the server answered HTTP 404")
    failed.rejected = true
    #expect(failed.description == "rejected \(Self.local): the server answered HTTP 404")
  }
}
