import Conventions
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Fetches a URL into a local file (HTTP or HTTPS, through URLSession), writing the body
/// straight into that file as it arrives: nothing goes through the temporary directory (a full,
/// missing or read-only `TMPDIR` stopped the process in URLSession's own file writes, and every
/// failed download left its bytes there).
public struct Downloader: Sendable {
  /// Seconds without data before giving up.
  public var timeout: TimeInterval
  /// Asked a few times a second while a download goes on (nil: never): once true, the download
  /// is cancelled and `download` throws `CancellationError` (a sweep's `--timeout` spent).
  public var stop: (@Sendable () -> Bool)? = nil

  /// A downloader that gives up after `timeout` seconds without data (default 60).
  public init(timeout: TimeInterval = 60) { self.timeout = timeout }

  /// Downloads `url` to `destination` (created or replaced), calling `progress` as it starts, as
  /// bytes arrive (at most every 1%), and with a finished report once the whole body is in; a
  /// download that fails gets none (`DatasetFetcher` ends its line with why, and holds the
  /// finished report until the checksum holds). Asks for the bytes as stored
  /// (`Accept-Encoding: identity`). Throws `downloadFailed` for network errors and non-200
  /// answers, in words, and `unwritable` with the system's words for a file that cannot be made
  /// or written (a full disk).
  public func download(
    _ url: String, to destination: String, progress: @escaping @Sendable (DownloadProgress) -> Void
  ) throws {
    guard let remote = URL(string: url), remote.scheme == "http" || remote.scheme == "https" else {
      throw DataError.downloadFailed(url: url, reason: "not an http(s) URL")
    }
    let delegate = DownloadDelegate(
      url: url, destination: destination, timeout: timeout, progress: progress)
    // No cache, no cookies: nothing is kept of a download but its file.
    let session = SessionFolders.session(timeout: timeout, delegate: delegate)
    defer { session.finishTasksAndInvalidate() }
    var request = URLRequest(url: remote)
    request.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
    // Said before the first byte: a mirror that never answers is seen being tried (and a
    // sweep knows it is downloading, so a Ctrl-C stops it at once).
    progress(DownloadProgress(url: url, received: 0, total: nil, finished: false))
    let task = session.dataTask(with: request)
    task.resume()
    if let stop {
      while delegate.done.wait(timeout: .now() + 0.2) == .timedOut {
        guard stop() else { continue }
        task.cancel()
        delegate.done.wait()
        // Done before the cancel reached it (review A13): the whole file is kept.
        guard delegate.failure == nil else { throw CancellationError() }
        return
      }
    } else {
      delegate.done.wait()
    }
    guard let failure = delegate.failure else { return }
    if delegate.localFailure { throw DataError.unwritable(file: destination, reason: failure) }
    throw DataError.downloadFailed(url: url, reason: failure)
  }
}
