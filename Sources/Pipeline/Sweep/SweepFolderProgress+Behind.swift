import Conventions
import Foundation

extension SweepFolderProgress {
  /// The note `runner report` gives for successive-halving or Hyperband sweep folder `folder`
  /// whose `summary.csv` and `rungs.csv` are behind its rung folders (`ahead`): its sweep was
  /// stopped after a rung's trial completed, before it wrote them again, so the report (made
  /// from them) is of an earlier state; the resume command brings them up to date. Nil when
  /// they are up to date, and for one shard's folder (its rung is completed by a merge).
  public static func behindNote(_ folder: URL) -> String? {
    guard let summary = try? CSVTable(contentsOf: SweepLayout(directory: folder).summary),
      summary.columnIndex("rung") != nil, !summary.rows.isEmpty,
      ShardRecord.recorded(in: folder) == nil,
      let progress = SweepFolderProgress(directory: folder, rungsOnly: true),
      let found = aheadText(progress.ahead(of: summary), summary: summary)
    else { return nil }
    return "note: \(folder.path)'s summary.csv and rungs.csv are behind its trial folders "
      + "(\(found)): its sweep stopped before writing them again, so this report shows the "
      + "sweep as they record it; run the same `\(ShardRecord.sweepCommand(for: folder))` "
      + "command again to resume it, which brings them up to date and rewrites the report"
  }
}
