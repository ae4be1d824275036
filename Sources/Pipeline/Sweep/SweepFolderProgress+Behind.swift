import Conventions
import Foundation
import Reports

extension SweepFolderProgress {
  /// The note `runner report` gives for successive-halving or Hyperband sweep folder `folder`
  /// whose `summary.csv` and `rungs.csv` are behind its rung folders (`ahead`): its sweep was
  /// stopped after a rung's trial completed, before it wrote them again, so the report (made
  /// from them) is of an earlier state; the resume command brings them up to date. Nil when
  /// they are up to date, and for one shard's folder (its rung is completed by a merge). A
  /// trial whose rung `rungs.csv` counts complete is not behind: a sweep stopped inside a rung
  /// (Ctrl-C, `--timeout`) writes them, listing the rung's complete trials at the rung below.
  public static func behindNote(_ folder: URL) -> String? {
    guard let summary = try? CSVTable(contentsOf: SweepLayout(directory: folder).summary),
      summary.columnIndex("rung") != nil, !summary.rows.isEmpty,
      ShardRecord.recorded(in: folder) == nil,
      let progress = SweepFolderProgress(directory: folder, rungsOnly: true),
      let found = aheadText(
        progress.ahead(of: summary).filter { !recorded($0.part, in: folder) }, summary: summary)
    else { return nil }
    return "note: \(folder.path)'s summary.csv and rungs.csv are behind its trial folders "
      + "(\(found)): its sweep stopped before writing them again, so this report shows the "
      + "sweep as they record it; run the same `\(ShardRecord.sweepCommand(for: folder))` "
      + "command again to resume it, which brings them up to date and rewrites the report"
  }

  /// Whether the `rungs.csv` of `part`'s sweep or bracket folder in `folder` counts all of its
  /// complete trials: the sweep wrote its CSV files after they completed.
  private static func recorded(_ part: PlanProgress, in folder: URL) -> Bool {
    guard let rung = part.rung else { return false }
    let owner = part.bracket.map { folder.appendingPathComponent(AdaptiveSweep.bracketFolder($0)) }
    guard
      let table = try? CSVTable(
        contentsOf: (owner ?? folder).appendingPathComponent(SweepLayout.rungsFile)),
      let index = table.columnIndex("rung"), let complete = table.columnIndex("complete")
    else { return false }
    return table.rows.contains { row in
      row[index] == String(rung) && (Int(row[complete]) ?? -1) >= part.complete.count
    }
  }
}
