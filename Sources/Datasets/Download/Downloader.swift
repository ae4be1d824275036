import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Progress of one download, reported to the caller (who draws it on stderr).
public struct DownloadProgress: Sendable, CustomStringConvertible {
  /// The URL being fetched.
  public var url: String
  /// Bytes received so far.
  public var received: Int64
  /// Total size when the server announced it.
  public var total: Int64?
  /// Whether this is the final report for the file.
  public var finished: Bool

  /// Percent done, when the total is known.
  public var percent: Int? { total.map { $0 > 0 ? Int(received * 100 / $0) : 100 } }

  /// One progress line: `downloading URL: 1.2 MB / 4.8 MB (25%)`, or `downloaded` when finished.
  public var description: String {
    let mb = { (b: Int64) in String(format: "%.1f MB", Double(b) / 1_000_000) }
    let amount =
      total.map { t in "\(mb(received)) / \(mb(t)) (\(t > 0 ? received * 100 / t : 100)%)" }
      ?? mb(received)
    return "\(finished ? "downloaded" : "downloading") \(url): \(amount)"
  }
}

/// Fetches a URL into a local file (HTTP or HTTPS, through URLSession).
public struct Downloader: Sendable {
  /// Seconds without data before giving up.
  public var timeout: TimeInterval

  /// A downloader that gives up after `timeout` seconds without data (default 60).
  public init(timeout: TimeInterval = 60) { self.timeout = timeout }

  /// Downloads `url` to `destination` (replaced), calling `progress` as bytes arrive (at most
  /// every 1%), and once more when done. Throws `downloadFailed` for network errors and
  /// non-200 answers.
  public func download(
    _ url: String, to destination: String, progress: @escaping @Sendable (DownloadProgress) -> Void
  ) throws {
    guard let remote = URL(string: url), remote.scheme == "http" || remote.scheme == "https" else {
      throw DataError.downloadFailed(url: url, reason: "not an http(s) URL")
    }
    let delegate = DownloadDelegate(url: url, destination: destination, progress: progress)
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    defer { session.finishTasksAndInvalidate() }
    session.downloadTask(with: remote).resume()
    delegate.done.wait()
    if let failure = delegate.failure { throw DataError.downloadFailed(url: url, reason: failure) }
  }
}

/// Collects a download task's events; `done` is signalled when the task completes.
final class DownloadDelegate: NSObject, URLSessionDownloadDelegate, @unchecked Sendable {
  let url: String
  let destination: String
  let progress: @Sendable (DownloadProgress) -> Void
  let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var lastPercent: Int64 = -1
  private var received: Int64 = 0
  private var total: Int64?
  private(set) var failure: String?

  init(url: String, destination: String, progress: @escaping @Sendable (DownloadProgress) -> Void) {
    self.url = url
    self.destination = destination
    self.progress = progress
  }

  func urlSession(
    _ session: URLSession, downloadTask: URLSessionDownloadTask, didWriteData bytesWritten: Int64,
    totalBytesWritten: Int64, totalBytesExpectedToWrite: Int64
  ) {
    lock.lock()
    received = totalBytesWritten
    total = totalBytesExpectedToWrite > 0 ? totalBytesExpectedToWrite : nil
    let percent = total.map { totalBytesWritten * 100 / max($0, 1) } ?? totalBytesWritten >> 20
    let report = percent != lastPercent
    lastPercent = percent
    let snapshot = DownloadProgress(url: url, received: received, total: total, finished: false)
    lock.unlock()
    if report { progress(snapshot) }
  }

  func urlSession(
    _ session: URLSession, downloadTask: URLSessionDownloadTask,
    didFinishDownloadingTo location: URL
  ) {
    lock.lock()
    defer { lock.unlock() }
    if let http = downloadTask.response as? HTTPURLResponse, http.statusCode != 200 {
      failure = "the server answered HTTP \(http.statusCode)"
      // The error page URLSession saved in the temporary directory (it is left there otherwise).
      try? FileManager.default.removeItem(at: location)
      return
    }
    do {
      try? FileManager.default.removeItem(atPath: destination)
      try FileManager.default.moveItem(at: location, to: URL(fileURLWithPath: destination))
    } catch {
      failure = "cannot save to \(destination): \(error.localizedDescription)"
    }
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
    lock.lock()
    if let error, failure == nil { failure = error.localizedDescription }
    let finalReport = DownloadProgress(url: url, received: received, total: total, finished: true)
    let succeeded = failure == nil
    lock.unlock()
    if succeeded { progress(finalReport) }
    done.signal()
  }
}
