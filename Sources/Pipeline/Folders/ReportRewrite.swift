import Foundation
import Reports

/// Rewriting a results folder's report in place, as `runner report` and every sweep and merge
/// do: a `report.md`, `report.html` or `plots/<name>.svg` there that differs both from the new
/// one and from the one the runner recorded writing (one you annotated or made, or another
/// runner version's) is first kept in `.history/<name>/<UTC time>/`, with a note, and with it
/// the SVGs in `plots/` it showed that the new one does not (an SVG you added to your annotated
/// report goes with it, never deleted). A sweep folder, whose report is rewritten as
/// trials complete, records what it wrote (`WrittenRecord`); a run's folder is replaced whole by
/// its next run, which keeps the earlier one when it holds files of yours.
public enum ReportRewrite {
  /// Writes `report` into `folder` and returns the written paths (relative to `folder`);
  /// `note` is handed the note on the edited files kept, as soon as they are. Throws, writing
  /// nothing, when they cannot be kept.
  @discardableResult
  public static func write(
    _ report: ResultsReport, to folder: URL, note: (String) -> Void
  ) throws(ResultsFileError) -> [String] {
    let records = ResultsFolderKind.of(folder) == .sweep
    return try WrittenRecord.serialized(in: folder) { () throws(ResultsFileError) in
      try rewrite(report, in: folder, records: records, note: note)
    }
  }

  /// `write` without the folder's serialization.
  private static func rewrite(
    _ report: ResultsReport, in folder: URL, records: Bool, note: (String) -> Void
  ) throws(ResultsFileError) -> [String] {
    try report.write(to: folder) { replacements, stale throws(ResultsFileError) in
      do throws(ResultsFileError) {
        if let kept = try RunLeftovers.keepReplaced(replacements, in: folder, along: stale) {
          note(kept)
        }
      } catch {
        guard case .cannotWrite(let path, let reason) = error else { throw error }
        throw .cannotWrite(
          path: path, reason: "your edited report files could not be kept there (\(reason))")
      }
      return records ? [try WrittenRecord.prepared(with: replacements, in: folder)] : []
    }
  }
}
