import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 (an ephemeral port) serving fixed bodies by path, for
/// download tests without internet. One connection at a time; unknown paths get 404.
final class LocalHTTPServer: @unchecked Sendable {
  let port: UInt16
  private let socketFD: Int32
  private let routes: [String: [UInt8]]
  private let notFound: [UInt8]
  /// Extra header lines of every 200 answer (`Content-Encoding: gzip`).
  private let headers: [String]
  /// The bytes of each body sent before the connection closes (nil: all of it).
  private let cutAfter: Int?
  private let lock = NSLock()
  private var stopped = false
  private(set) var requests: [String] = []
  /// When set, each answer waits for it to be signalled (once per answer).
  var hold: DispatchSemaphore?

  /// Serves `routes`; any other path gets 404 with `notFound` as its body. A 200 answer adds
  /// `headers`, and with `cutAfter` announces the whole body but sends that many bytes of it.
  init(
    routes: [String: [UInt8]], notFound: String = "not found", headers: [String] = [],
    cutAfter: Int? = nil
  ) throws {
    self.routes = routes
    self.notFound = Array(notFound.utf8)
    self.headers = headers
    self.cutAfter = cutAfter
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    guard bound == 0, listen(fd, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    socketFD = fd
    port = UInt16(bigEndian: address.sin_port)
    let thread = Thread { [self] in serve() }
    thread.start()
  }

  /// `http://127.0.0.1:PORT/path`.
  func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

  func stop() {
    lock.lock()
    stopped = true
    lock.unlock()
    shutdown(socketFD, Int32(SHUT_RDWR))
    close(socketFD)
  }

  private func serve() {
    while true {
      let client = accept(socketFD, nil, nil)
      if client < 0 {
        lock.lock()
        let done = stopped
        lock.unlock()
        if done { return }
        continue
      }
      handle(client)
      close(client)
    }
  }

  private func handle(_ client: Int32) {
    var request = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !request.containsHeaderEnd {
      let n = recv(client, &buffer, buffer.count, 0)
      if n <= 0 { return }
      request += buffer[0..<n]
    }
    let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
    let parts = line.split(separator: " ")
    let path = parts.count > 1 ? String(parts[1].dropFirst()) : ""
    lock.lock()
    requests.append(path)
    lock.unlock()
    hold?.wait()
    let body = routes[path]
    let status = body == nil ? "404 Not Found" : "200 OK"
    let payload = body ?? notFound
    let extra = body == nil ? "" : headers.map { $0 + "\r\n" }.joined()
    let head =
      "HTTP/1.1 \(status)\r\nContent-Length: \(payload.count)\r\nContent-Type: application/octet-stream\r\n\(extra)Connection: close\r\n\r\n"
    let sent = body == nil ? payload : Array(payload.prefix(cutAfter ?? payload.count))
    sendAll(client, Array(head.utf8) + sent)
  }

  private func sendAll(_ client: Int32, _ bytes: [UInt8]) {
    var sent = 0
    while sent < bytes.count {
      let n = bytes[sent...].withUnsafeBytes {
        send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if n <= 0 { return }
      sent += n
    }
  }
}

extension [UInt8] {
  fileprivate var containsHeaderEnd: Bool {
    guard count >= 4 else { return false }
    for i in 0...(count - 4)
    where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 {
      return true
    }
    return false
  }
}
