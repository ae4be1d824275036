import Datasets
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// One HTTP request of an export.
public struct HTTPRequest: Sendable, Equatable {
  /// `GET`, `POST` or `PUT`.
  public var method: String
  /// The full URL.
  public var url: String
  /// The body (JSON text, or a file's bytes for an artifact).
  public var body: [UInt8]
  /// The body's media type.
  public var contentType: String

  /// A request of `method` to `url` with `body` of type `contentType`.
  public init(
    method: String, url: String, body: [UInt8] = [], contentType: String = "application/json"
  ) {
    self.method = method
    self.url = url
    self.body = body
    self.contentType = contentType
  }
}

/// Sends requests: over the network (`URLSessionTransport`), or to a recorder in tests.
public protocol HTTPTransport: Sendable {
  /// The status and body of the answer; throws `.unreachable` when there is none.
  func send(_ request: HTTPRequest) async throws(ExportError) -> (status: Int, body: [UInt8])
}

/// HTTP through URLSession, each request bounded by `timeout` seconds (no hang on a server that
/// accepts and never answers).
public struct URLSessionTransport: HTTPTransport {
  /// Seconds a request may take: whole seconds, from 1 to `TimeoutOption.longest`.
  public let timeout: Double

  /// A transport whose requests time out after `timeout` seconds, rounded up to whole seconds
  /// (URLSession's timer on Linux drops a fraction: `0.5` would time out at once) and kept
  /// within 1 s and `TimeoutOption.longest` (a larger or non-finite one crashes it).
  public init(timeout: Double = 30) {
    self.timeout =
      timeout.isNaN ? 30 : min(max(timeout.rounded(.up), 1), TimeoutOption.longest)
  }

  /// Sends `request` and waits for the whole answer.
  public func send(_ request: HTTPRequest) async throws(ExportError) -> (
    status: Int, body: [UInt8]
  ) {
    guard let url = URL(string: request.url) else {
      throw .badTrackingURI(request.url)
    }
    var urlRequest = URLRequest(url: url, timeoutInterval: timeout)
    urlRequest.httpMethod = request.method
    if request.method != "GET" {
      urlRequest.httpBody = Data(request.body)
      urlRequest.setValue(request.contentType, forHTTPHeaderField: "Content-Type")
    }
    let session = SessionFolders.session(timeout: timeout, whole: timeout)
    defer { session.finishTasksAndInvalidate() }
    let result: Result<(Int, [UInt8]), ExportError> = await withCheckedContinuation {
      continuation in
      session.dataTask(with: urlRequest) { data, response, error in
        if let error, (error as? URLError)?.code == .timedOut {
          continuation.resume(returning: .failure(.timedOut(url: request.url, seconds: timeout)))
        } else if let error {
          continuation.resume(
            returning: .failure(.unreachable(url: request.url, reason: error.localizedDescription)))
        } else if let http = response as? HTTPURLResponse {
          continuation.resume(returning: .success((http.statusCode, Array(data ?? Data()))))
        } else {
          continuation.resume(
            returning: .failure(.unreachable(url: request.url, reason: "no HTTP answer")))
        }
      }.resume()
    }
    return try result.get()
  }
}
