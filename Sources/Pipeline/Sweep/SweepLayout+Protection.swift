import Foundation
import Reports

extension SweepLayout {
  /// The first of the sweep folder's own entries its owner write-protected (`chmod a-w`): the
  /// folder itself, or a file or folder the sweep and the merge rewrite in it (`ownFiles`: its
  /// plan, summary, report and plots, to any depth); nil when none is. `runner sweep`, `runner
  /// merge` and `runner validate` refuse such a folder before writing anything (tester BB F9,
  /// F10: the report and plots were replaced, 444 became 644).
  public func protectedEntry() -> URL? {
    if RunFolderMode.isProtected(directory) { return directory }
    for name in Self.ownFiles.sorted() {
      if let entry = RunFolderMode.protectedEntry(in: directory.appendingPathComponent(name)) {
        return entry
      }
    }
    return nil
  }

  /// Throws `.writeProtected` naming `protectedEntry()`, if any.
  func refuseProtected() throws(FolderError) {
    if let entry = protectedEntry() { throw .writeProtected(path: entry.path) }
  }
}

extension PreparedSweep {
  /// Refuses (`.writeProtected`, 73) a grid's or random search's trial folder this run would
  /// run again (not complete, or failed with `retryFailed`) that its owner write-protected, or
  /// a file in it, or the `.history` folder that would keep its files of yours
  /// (`ExperimentRunner.protectedPart`): before the sweep writes anything, so that its refusal
  /// means nothing changed (tester BB F8). Other methods choose their trials as they go: each
  /// is refused as it starts (`TrialExecutor`).
  func refuseProtectedTrials(retryFailed: Bool) throws(FolderError) {
    guard [.grid, .random].contains(plan.base.spec.sweep?.method), halving == nil else { return }
    for trial in shardTrials where shouldRun(trial, retryFailed: retryFailed) {
      let folder = layout.trialDirectory(trial.id)
      if let protected = ExperimentRunner.protectedPart(of: folder, RunFolderMode.isWritable) {
        throw .writeProtected(path: protected.path)
      }
    }
  }
}
