import Conventions
import Foundation

extension RunLeftovers {
  /// Settles `old`, the `-old` folder a dead run left beside `current` (which holds a run):
  /// a whole run's folder (or a link) is retired (`retire`). One that is no whole run (no
  /// `spec.resolved.yaml` or `summary.csv`: what a removal that failed part-way left, a file
  /// in it immutable or another user's) is no earlier run to keep in `.history` (tester BF F6:
  /// it was filed there as "the previous run … had a different spec"): removed when all it
  /// holds is files the run in `current` wrote with the same bytes, else left as it is; either
  /// way a removal that fails is said, with what to do. A sweep's trial (no `keepHistory`) is
  /// retired as before.
  static func settleOld(_ old: URL, replacedBy current: URL, keepHistory: Bool) -> String? {
    guard keepHistory, PathEntry.linkTarget(old.path) == nil,
      ResultsFolderKind.of(old) != .run
    else { return retire(old, replacedBy: current, keepHistory: keepHistory) }
    let (differing, uncompared) = differingFiles(in: old, from: current)
    guard addedFiles(in: old, besides: current).isEmpty, differing.isEmpty, uncompared.isEmpty
    else {
      return "note: \(old.path), part of an earlier run in \(current.path) that could not be "
        + "removed whole, holds files this run did not write as they are; it is left as it is "
        + "(no whole run, so not kept in \(historyFolder(of: current).path)): keep what you "
        + "want of it, then remove it by hand"
    }
    return removeLeftover(old, of: current)
  }

  /// Removes `old`, a copy of the run in `current` the runner no longer needs; nil when
  /// removed, else the note that says it could not be (another user's, an immutable file).
  static func removeLeftover(_ old: URL, of current: URL) -> String? {
    do { try FileManager.default.removeItem(at: old) } catch {
      return "note: \(old.path), a leftover copy of the run in \(current.path), could not be "
        + "removed (\(error.localizedDescription)); remove it by hand"
    }
    return nil
  }
}
