import Datasets
import Foundation

/// The record of the files the runner last wrote in a folder it rewrites in place (a sweep's
/// report and plots, a comparison's page and tables, a `predict -o` or `data export -o` file):
/// `.runner-written.sha256` there, one `<SHA-256>  <name>` line per file, as `sha256sum` writes
/// them. A rewrite tells by it the runner's own earlier file (a sweep's report from fewer
/// trials, or one `runner report` wrote while the sweep ran) from one you edited, which matches
/// no digest the runner recorded.
public enum WrittenRecord {
  /// The record's name inside the folder (hidden, so no listing, diff or gate sees it).
  public static let name = ".runner-written.sha256"

  /// The digests recorded in `folder`, by file name (none without a readable record).
  static func digests(in folder: URL) -> [String: String] {
    let url = folder.appendingPathComponent(name)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
    var digests: [String: String] = [:]
    for line in text.split(separator: "\n") {
      guard let space = line.firstIndex(of: " ") else { continue }
      let file = line[space...].drop { $0 == " " }
      digests[String(file)] = String(line[..<space])
    }
    return digests
  }

  /// Whether file `name` of `folder` is, byte for byte, the one the runner recorded writing there.
  static func isOwn(_ name: String, in folder: URL) -> Bool {
    guard let recorded = digests(in: folder)[name],
      let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
    else { return false }
    return SHA256Digest.hex(bytes) == recorded
  }

  /// The record of `folder` once `files` are written there (to write with them): their digests,
  /// and those recorded for its other files.
  static func updated(with files: [(name: String, bytes: Data)], in folder: URL) -> (
    name: String, bytes: Data
  ) {
    var digests = digests(in: folder)
    for file in files { digests[file.name] = SHA256Digest.hex(file.bytes) }
    let text = digests.keys.sorted().map { "\(digests[$0] ?? "")  \($0)\n" }.joined()
    return (name, Data(text.utf8))
  }
}
