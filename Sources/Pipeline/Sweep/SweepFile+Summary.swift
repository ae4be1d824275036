import Conventions
import Foundation
import Reports

/// Writing a sweep folder's `summary.csv` as its report files are written (`ReportRewrite`):
/// the digest of the bytes written is recorded beside it (`WrittenRecord`), so a later write
/// tells the runner's own earlier summary, replaced without a copy, from one you edited or
/// trimmed, which is first kept in `.history/<name>/<UTC time>/`.
extension SweepFile {
  /// Writes `text` as the `summary.csv` `url` (at the crash hook's `summary-write` point), first
  /// keeping an earlier one the runner did not record writing as it is; returns the note saying
  /// where it was kept (nil when none was). `writer` names the command in that note.
  @discardableResult
  static func writeSummary(
    _ text: String, to url: URL, hook: CrashHook, writer: String = "this sweep"
  ) throws(ResultsFileError) -> String? {
    let folder = url.deletingLastPathComponent()
    let bytes = Data(text.utf8)
    return try WrittenRecord.serialized(in: folder) { () throws(ResultsFileError) -> String? in
      let kept = try RunLeftovers.keepReplaced(
        [(url.lastPathComponent, bytes)], in: folder, writer: writer)
      let record = try WrittenRecord.prepared(with: [(url.lastPathComponent, bytes)], in: folder)
      try write(text, to: url, point: "summary", hook: hook)
      // Between the summary and its record: a kill here leaves the record `prepared` wrote.
      hook.reach("summary-placed")
      try AtomicFile.write(
        record.bytes, to: folder.appendingPathComponent(record.name), durable: true)
      return kept
    }
  }
}
