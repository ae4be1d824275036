import Testing

@testable import Datasets

/// A download's line fitted to a terminal's width: the URL gives way, the size and percentage
/// or the reason stay.
@Suite struct DownloadProgressTests {
  static let mnist = "https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz"
  static let local = "http://127.0.0.1:18777/catvnoncat/train_catvnoncat.h5"

  static func finished(_ url: String) -> DownloadProgress {
    DownloadProgress(url: url, received: 9_912_422, total: 9_912_422, finished: true)
  }

  @Test func aLineThatFitsOrAnUnknownWidthIsLeftWhole() {
    let line = Self.finished(Self.mnist)
    #expect(line.description.count == 107)
    #expect(line.description(fitting: nil) == line.description)
    #expect(line.description(fitting: 108) == line.description)
    #expect(line.description(fitting: 107) != line.description)
  }

  @Test func theURLKeepsItsStartAndFileNameWhileBothFit() {
    #expect(
      Self.finished(Self.mnist).description(fitting: 80)
        == "downloaded https://ossci-da…/train-images-idx3-ubyte.gz: 9.9 MB / 9.9 MB (100%)")
    let started = DownloadProgress(url: Self.local, received: 0, total: nil, finished: false)
    #expect(started.description(fitting: 50) == "downloading http://127.0.0.1…/train_catvnoncat.h5")
  }

  @Test func aNarrowerWidthKeepsTheFileNamesEnd() {
    // A kB size is longer: 10 characters are left for the URL on 50 columns.
    let small = DownloadProgress(
      url: Self.local, received: 617_000, total: 617_000, finished: true)
    #expect(small.description(fitting: 50) == "downloaded …noncat.h5: 617.0 kB / 617.0 kB (100%)")
    #expect(
      Self.finished(Self.local).description(fitting: 50)
        == "downloaded …catvnoncat.h5: 9.9 MB / 9.9 MB (100%)")
    let started = DownloadProgress(url: Self.local, received: 0, total: nil, finished: false)
    #expect(started.description(fitting: 30) == "downloading …in_catvnoncat.h5")
  }

  @Test func theReasonStaysWholeAndTheURLKeepsFourCharacters() {
    var rejected = Self.finished(Self.mnist)
    (rejected.failure, rejected.rejected) = ("SHA-256 checksum mismatch", true)
    #expect(
      rejected.description(fitting: 60)
        == "rejected …n-images-idx3-ubyte.gz: SHA-256 checksum mismatch")
    // Too narrow for both: the rest is the status line's to clip.
    #expect(
      rejected.description(fitting: 20) == "rejected ….gz: SHA-256 checksum mismatch")
  }

  @Test func aFailureIsSkippedUnlessTheWholeFileCame() {
    var failed = DownloadProgress(
      url: Self.local, received: 0, total: nil, finished: true,
      failure: "the server answered HTTP 404")
    #expect(failed.description == "skipped \(Self.local): the server answered HTTP 404")
    failed.rejected = true
    #expect(failed.description == "rejected \(Self.local): the server answered HTTP 404")
  }
}
