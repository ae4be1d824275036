import Conventions
import Foundation
import Reports

extension SweepLayout {
  /// Rewrites the `summary.csv` of a grid, random or bayes sweep folder from its trial folders
  /// when it lists fewer complete trials than they hold: its sweep was stopped (`kill -9`)
  /// within a second of the trials' ends, before writing it again, and a report made from it
  /// would count too few and could name a worse trial best. The bytes are the ones the resumed
  /// sweep writes (`SweepSummary` is built from the plan, `sweep.csv` and the trial folders).
  /// Returns the note saying so; nil when the summary is up to date, when it lists a trial the
  /// plan no longer holds (a changed spec's plan, said by `DamagedPlan`), for successive
  /// halving and Hyperband (their rungs are the sweep's to promote: `behindNote`), and when
  /// there is no summary yet. A summary the runner did not record writing as it is (one you
  /// trimmed) is first kept in `.history` (`SweepFile.writeSummary`), and the note then claims
  /// no stop. Called under the folder's lock, with no sweep writing it.
  public func catchUpSummary() throws(ResultsFileError) -> String? {
    guard AdaptiveSweep(directory: directory, objective: "") == nil,
      let written = try? CSVTable(contentsOf: summary), written.columnIndex("rung") == nil,
      let plan = try? SweepPlanFile.read(self),
      let settings = try? SweepPlanFile.checkedSettings(self)
    else { return nil }
    var rebuilt = SweepSummary(plan: plan, settings: settings)
    rebuilt.refreshAll(in: self)
    let listed = Set(written.rows.map { $0[0] })
    let complete = Set(SweepPlanFile.trialIDs(plan).filter { rebuilt.status($0) != nil })
    guard listed.isSubset(of: complete), listed.count < complete.count else { return nil }
    // The runner's own summary lags a sweep stopped between its writes; one you trimmed or
    // edited (no digest recorded for it) is kept in .history first, and no stop is claimed.
    let own = WrittenRecord.isOwn(ResultsFile.summary, in: directory)
    let kept = try SweepFile.writeSummary(
      rebuilt.table.rendered, to: summary, hook: .disarmed, writer: "this report")
    let added = complete.count - listed.count
    let rewritten =
      "it is rewritten from the trial folders (\(added) trial\(added == 1 ? "" : "s") "
      + "added), as the resumed sweep writes it"
    guard own || kept == nil else {
      return "\(kept ?? ""); \(summary.path) listed \(listed.count) of the \(complete.count) "
        + "complete trials: \(rewritten)"
    }
    return "note: \(summary.path) listed \(listed.count) of the \(complete.count) complete "
      + "trials: its sweep stopped before writing it again; \(rewritten)"
  }
}
