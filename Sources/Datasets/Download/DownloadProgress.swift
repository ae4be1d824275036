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

  /// The line in fewer than `width` characters where it can be: the URL shortened in its middle
  /// (`http://host/…/file.h5`, else the end of the file name), the size and percentage or the
  /// reason kept whole; the line itself when it fits or `width` is nil.
  public func description(fitting width: Int?) -> String {
    let (verb, rest) = parts
    guard let width, verb.count + url.count + rest.count >= width else { return description }
    return verb + Self.shortened(url, to: width - 1 - verb.count - rest.count) + rest
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

  /// `url` in at most `room` characters (at least 4: `…` and the file name's last 3): its start
  /// and its file name around `…/` while both fit, else `…` and the file name's end.
  static func shortened(_ url: String, to room: Int) -> String {
    let room = max(room, 4)
    guard url.count > room else { return url }
    let name = url.split(separator: "/").last.map(String.init) ?? url
    let start = room - name.count - 2
    guard start > 0 else { return "…" + name.suffix(room - 1) }
    return url.prefix(start) + "…/" + name
  }
}
