import Foundation

/// Progress of one download, reported to the caller (who draws it on stderr).
public struct DownloadProgress: Sendable, CustomStringConvertible {
  /// The URL being fetched.
  public var url: String
  /// Bytes received so far.
  public var received: Int64
  /// Total size when the server announced it.
  public var total: Int64?
  /// Whether this is the final report for the file from this mirror.
  public var finished: Bool
  /// Why this mirror's copy was given up (a 404, a refused connection, a wrong checksum): the
  /// final report, in place of the finished one.
  public var failure: String? = nil
  /// Whether the file arrived whole and was then refused (a wrong checksum), not cut short.
  public var rejected = false

  /// Percent done, when the total is known.
  public var percent: Int? { total.map { $0 > 0 ? Int(received * 100 / $0) : 100 } }

  /// One progress line: `downloading URL: 1.2 MB / 4.8 MB (25%)`, or `downloaded` when finished
  /// (`skipped URL: why` when given up, a 404; `rejected URL: why` for a whole copy refused, a
  /// wrong checksum); a file under a megabyte in kB (`28.9 kB`, not `0.0 MB`); `downloading URL`
  /// before any byte.
  public var description: String {
    let (verb, rest) = parts
    return verb + url + rest
  }

  /// The line around the URL: its verb (with the space after it) and what follows it.
  private var parts: (verb: String, rest: String) {
    if let failure { return (rejected ? "rejected " : "skipped ", ": " + failure) }
    if received == 0, total == nil, !finished { return ("downloading ", "") }
    let scale = (total ?? received) < 1_000_000 ? (1_000.0, "kB") : (1_000_000.0, "MB")
    let size = { (b: Int64) in String(format: "%.1f \(scale.1)", Double(b) / scale.0) }
    let amount =
      total.map { t in "\(size(received)) / \(size(t)) (\(t > 0 ? received * 100 / t : 100)%)" }
      ?? size(received)
    return (finished ? "downloaded " : "downloading ", ": " + amount)
  }
}
