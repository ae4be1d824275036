#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether two files hold the same bytes, or why that could not be told: a file that cannot be
/// opened or read (a full table of open files, a permission) is never taken for one that differs.
public enum FileComparison: Equatable, Sendable {
  /// The same bytes (or neither file exists).
  case same
  /// Other bytes, or only one of the two exists.
  case different
  /// The file at `path` exists but could not be read, for `reason` (`OSErrorText`).
  case uncompared(path: String, reason: String)

  /// Compares the files at `a` and `b` byte by byte; a missing file reads as no content.
  public static func of(_ a: String, _ b: String) -> FileComparison {
    let (first, second) = (Reader(a), Reader(b))
    defer {
      first.finish()
      second.finish()
    }
    for reader in [first, second] {
      if let code = reader.failure {
        return .uncompared(path: reader.path, reason: OSErrorText.of(code))
      }
    }
    if first.missing || second.missing {
      return first.missing == second.missing ? .same : .different
    }
    var (left, right) = (
      [UInt8](repeating: 0, count: 1 << 16), [UInt8](repeating: 0, count: 1 << 16)
    )
    while true {
      let (n, m) = (first.fill(&left), second.fill(&right))
      for (reader, count) in [(first, n), (second, m)] where count < 0 {
        return .uncompared(path: reader.path, reason: OSErrorText.of(reader.failure ?? EIO))
      }
      guard n == m, left[..<n] == right[..<m] else { return .different }
      if n == 0 { return .same }
    }
  }

  /// One file opened for reading, read in full blocks.
  private final class Reader {
    let path: String
    let descriptor: Int32
    private(set) var failure: Int32?
    var missing: Bool { descriptor < 0 && failure == nil }

    init(_ path: String) {
      self.path = path
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
      if descriptor < 0, errno != ENOENT, errno != ENOTDIR { failure = errno }
    }

    /// Fills `buffer` as far as the file goes; the count read, or -1 on an error.
    func fill(_ buffer: inout [UInt8]) -> Int {
      var filled = 0
      while filled < buffer.count {
        let count = buffer.withUnsafeMutableBytes { bytes in
          read(descriptor, bytes.baseAddress.map { $0 + filled }, bytes.count - filled)
        }
        if count < 0 && errno == EINTR { continue }
        if count < 0 {
          failure = errno
          return -1
        }
        if count == 0 { break }
        filled += count
      }
      return filled
    }

    /// Closes the file, if it was opened.
    func finish() { if descriptor >= 0 { close(descriptor) } }
  }
}
