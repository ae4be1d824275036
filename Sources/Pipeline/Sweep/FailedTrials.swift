import Foundation
import Reports

/// The trials of a sweep folder whose completion marker says they failed: a merge of shards
/// names them and exits 1, as `runner sweep` does for the same folder, so a CI job that keeps a
/// shard's results when a trial failed (`|| test $? -eq 1`) learns it at the merge.
public enum FailedTrials {
  /// A failed trial: its folder relative to the sweep folder (the trial ID; `rung-0/<ID>` in
  /// a successive-halving sweep) and why it failed.
  public struct Trial: Sendable, Equatable {
    /// The trial's folder relative to the sweep folder.
    public var trial: String
    /// Why it failed, one line.
    public var reason: String
  }

  /// The failed trials below sweep folder `folder`, in path order (hidden folders, a sweep's
  /// `.history/`, left out).
  public static func `in`(_ folder: URL) -> [Trial] {
    let markers = (ResultsFile.visibleFiles(below: folder) ?? []).filter {
      ($0 as NSString).lastPathComponent == SweepLayout.markerFile
    }
    return markers.sorted().compactMap { path in
      guard let status = TrialStatus.marker(folder.appendingPathComponent(path)), status.failed
      else { return nil }
      return Trial(trial: (path as NSString).deletingLastPathComponent, reason: status.reason)
    }
  }
}
