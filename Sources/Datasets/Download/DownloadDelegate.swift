import Conventions
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams a data task's body into the download's file; `done` is signalled when the task
/// completes, `failure` saying why it did not succeed.
final class DownloadDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  let url: String
  let destination: String
  let timeout: TimeInterval
  let progress: @Sendable (DownloadProgress) -> Void
  let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var file: FileHandle?
  private var lastPercent: Int64 = -1
  private var received: Int64 = 0
  private var total: Int64?
  private(set) var failure: String?
  /// Whether `failure` is this machine's (the file could not be made or written), not the
  /// server's or the network's: the operating system's words for it.
  private(set) var localFailure = false

  init(
    url: String, destination: String, timeout: TimeInterval,
    progress: @escaping @Sendable (DownloadProgress) -> Void
  ) {
    self.url = url
    self.destination = destination
    self.timeout = timeout
    self.progress = progress
  }

  /// Opens the file for a 200 answer; any other answer fails the download before a byte of its
  /// page is kept or reported.
  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    lock.lock()
    defer { lock.unlock() }
    if let http = response as? HTTPURLResponse, http.statusCode != 200 {
      failure = "the server answered HTTP \(http.statusCode)"
      completionHandler(.cancel)
      return
    }
    total = response.expectedContentLength > 0 ? response.expectedContentLength : nil
    // `open`, not `FileManager.createFile`, which writes through a `.dat.nosync…` temporary
    // that a process killed at that moment leaves in the cache.
    let descriptor = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      failure = OSErrorText.of(errno)
      localFailure = true
      completionHandler(.cancel)
      return
    }
    file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    completionHandler(.allow)
  }

  /// Writes the bytes that arrived; a write that fails (a full disk) cancels the download.
  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    lock.lock()
    guard failure == nil, let file else {
      lock.unlock()
      return
    }
    do {
      try file.write(contentsOf: data)
    } catch {
      let code = OSErrorText.code(of: error)
      failure = code.map(OSErrorText.of) ?? error.localizedDescription
      localFailure = true
      lock.unlock()
      dataTask.cancel()
      return
    }
    received += Int64(data.count)
    // A body decoded on the way (`Content-Encoding: gzip`, which libcurl inflates) outgrows the
    // length announced, which was the encoded one: the amount alone, never above 100%.
    if let announced = total, received > announced { total = nil }
    let percent = total.map { received * 100 / max($0, 1) } ?? received >> 20
    let report = percent != lastPercent
    lastPercent = percent
    let snapshot = DownloadProgress(url: url, received: received, total: total, finished: false)
    lock.unlock()
    if report { progress(snapshot) }
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
    lock.lock()
    try? file?.close()
    file = nil
    if let error, failure == nil { failure = words(error) }
    let finalReport = DownloadProgress(url: url, received: received, total: total, finished: true)
    let succeeded = failure == nil
    lock.unlock()
    if succeeded { progress(finalReport) }
    done.signal()
  }

  /// Why the transfer failed, in words: Foundation on Linux names a timeout only by its code
  /// (`NSURLErrorDomain error -1001`); its other reasons read well (`Could not resolve host`).
  private func words(_ error: any Error) -> String {
    guard (error as NSError).code == NSURLErrorTimedOut else { return error.localizedDescription }
    let seconds = timeout.rounded() == timeout ? String(Int(timeout)) : String(timeout)
    return "no data for \(seconds) s (timed out)"
  }
}
