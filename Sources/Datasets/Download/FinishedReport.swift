import Foundation

/// Passes a download's progress on, except its finished report, held until the caller has
/// checked the file (its checksum): the line a copy ends with says what became of it.
final class FinishedReport: @unchecked Sendable {
  private let lock = NSLock()
  private let passing: @Sendable (DownloadProgress) -> Void
  private var report: DownloadProgress?

  /// Holds the finished report of the progress given to `progress`; passes the rest to `passing`.
  init(passing: @escaping @Sendable (DownloadProgress) -> Void) { self.passing = passing }

  /// The handler to download with.
  var progress: @Sendable (DownloadProgress) -> Void {
    { [self] report in
      guard report.finished else { return passing(report) }
      lock.withLock { self.report = report }
    }
  }

  /// The finished report held (nil: the download did not complete).
  var held: DownloadProgress? { lock.withLock { report } }
}
