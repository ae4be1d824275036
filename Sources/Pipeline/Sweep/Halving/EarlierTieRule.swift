import Foundation
import Reports

/// A successive-halving or Hyperband folder an earlier version made: its rungs promoted tied
/// trials by trial ID, and its trial IDs depended on the spec's own `optimizer.epochs`, which
/// the rungs replace. Going on from its rungs would promote by one rule below and another
/// above, or train the same configurations again under other IDs beside the old ones; the
/// sweep refuses it before writing anything, as it refuses rungs of another budget.
enum EarlierTieRule {
  /// Throws `earlierTieRule` when `prepared`'s folder holds rung or bracket folders and a
  /// `sweep.csv` without this version's `ties` row.
  static func check(_ prepared: PreparedSweep) throws(SweepError) {
    let directory = prepared.layout.directory
    guard let written = try SweepPlanFile.checkedSettings(prepared.layout),
      written.ties != prepared.settings.ties
    else { return }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    guard names.contains(where: AdaptiveSweep.isRungOrBracketFolder) else { return }
    throw .earlierTieRule(folder: directory.path)
  }
}
