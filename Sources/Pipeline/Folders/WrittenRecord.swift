import Datasets
import Foundation
import Reports

/// The record of the files the runner last wrote in a folder it rewrites in place (a sweep's
/// report and plots, a comparison's page and tables, a `predict -o` or `data export -o` file):
/// `.runner-written.sha256` there, one `<SHA-256>  <name>` line per file, as `sha256sum` writes
/// them. A rewrite tells by it the runner's own earlier file (a sweep's report from fewer
/// trials, or one `runner report` wrote while the sweep ran) from one you edited, which matches
/// no digest the runner recorded.
public enum WrittenRecord {
  /// The record's name inside the folder (hidden, so no listing, diff or gate sees it).
  public static let name = ".runner-written.sha256"

  /// The digests recorded in `folder`, by file name (none without a readable record): one,
  /// or two while a write is under way (`prepared`).
  static func digests(in folder: URL) -> [String: Set<String>] {
    let url = folder.appendingPathComponent(name)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
    var digests: [String: Set<String>] = [:]
    for line in text.split(separator: "\n") {
      guard let space = line.firstIndex(of: " ") else { continue }
      let file = line[space...].drop { $0 == " " }
      digests[String(file), default: []].insert(String(line[..<space]))
    }
    return digests
  }

  /// Whether file `name` of `folder` is, byte for byte, a file the runner recorded writing there.
  static func isOwn(_ name: String, in folder: URL) -> Bool {
    guard let recorded = digests(in: folder)[name],
      let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
    else { return false }
    return recorded.contains(SHA256Digest.hex(bytes))
  }

  /// The record of `folder` once `files` are written there (to write with them): their digests,
  /// and those recorded for its other files.
  static func updated(with files: [(name: String, bytes: Data)], in folder: URL) -> (
    name: String, bytes: Data
  ) {
    var digests = digests(in: folder)
    for file in files { digests[file.name] = [SHA256Digest.hex(file.bytes)] }
    return (name, text(digests))
  }

  /// `updated(with:in:)`, once the record holding both the earlier and the new digest of each
  /// of `files` is on disk: a process killed between writing a file and its record (`kill -9`,
  /// or a signal between two renames) leaves a file the record names either way, so the next
  /// write does not keep the runner's own file in `.history` as one you edited (tester BN-1).
  static func prepared(with files: [(name: String, bytes: Data)], in folder: URL)
    throws(ResultsFileError) -> (name: String, bytes: Data)
  {
    var digests = digests(in: folder)
    let final = updated(with: files, in: folder)
    var changed = false
    for file in files {
      let new = SHA256Digest.hex(file.bytes)
      if digests[file.name] != [new] { changed = true }
      digests[file.name, default: []].insert(new)
    }
    if changed {
      try AtomicFile.write(text(digests), to: folder.appendingPathComponent(name), durable: true)
    }
    return final
  }

  /// The record's text: `<SHA-256>  <name>` lines, sorted by name, then digest.
  private static func text(_ digests: [String: Set<String>]) -> Data {
    Data(
      digests.keys.sorted().flatMap { file in
        (digests[file] ?? []).sorted().map { "\($0)  \(file)\n" }
      }.joined().utf8)
  }
}
