import Conventions
import Foundation
import Reports

/// The write-protected folders a successive-halving, Hyperband or bayes sweep would meet only
/// after earlier rungs or batches trained, checked before any trial trains (tester BD).
///
/// Which trials a later rung (or batch) runs is not known before the rungs (batches) below it
/// train, but their folders are: a trial folder is named by the trial's configuration (its
/// 12-digit ID) inside its rung's folder (`rung-<r>/<id>`, `bracket-<s>/rung-<r>/<id>`; a
/// promoted trial gets a new folder in the next rung and only reads the one below), and a bayes
/// trial's folder sits in the sweep folder. A protection the sweep could meet is therefore
/// one of these, all on disk before it starts: a rung's or bracket's folder, or one of its own
/// files (`SweepLayout.protectedEntry`), or an incomplete trial folder (complete ones are
/// skipped) that an earlier run of the same plan started — promotions and suggestions are
/// made from the results on disk, so that trial is chosen again. A trial folder not there yet
/// cannot be protected itself; the folder it would be made in is checked. A shard refuses
/// another shard's protected folder too (which shard runs a later rung's trial is not known
/// yet): the shards share the folder, and the merge would meet it anyway. Only a protection
/// set while the sweep runs is met as the trial starts (`TrialExecutor`): the trials finished
/// by then are committed, and the refusal (73) says to make it writable and run the sweep
/// again, which resumes.
extension PreparedSweep {
  /// Refuses (`.writeProtected`, 73) the first protected rung or bracket folder, file of one,
  /// or incomplete trial folder (with `retryFailed`, a failed one too) below an adaptive or
  /// bayes sweep's folder, as `refuseProtectedTrials` refuses a grid's.
  func refuseProtectedLaterTrials(retryFailed: Bool) throws(FolderError) {
    guard let method = plan.base.spec.sweep?.method,
      method.isAdaptive || method == .bayes || halving != nil
    else { return }
    let directory = layout.directory
    for folder in [directory] + SweepMerger.adaptiveFolders(in: directory) {
      if folder != directory, let entry = SweepLayout(directory: folder).protectedEntry() {
        throw .writeProtected(path: entry.path)
      }
      for trial in Self.trialFolders(in: folder, retryFailed: retryFailed) {
        if let protected = ExperimentRunner.protectedPart(of: trial, RunFolderMode.isWritable) {
          throw .protected(protected.path)
        }
      }
    }
  }

  /// The trial folders (named by a trial ID) directly in `folder` that a sweep would run again:
  /// incomplete, or failed with `retryFailed`; in name order.
  static func trialFolders(in folder: URL, retryFailed: Bool) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().filter(DamagedPlan.isTrialID).map {
      folder.appendingPathComponent($0, isDirectory: true)
    }.filter { trial in
      guard PathEntry.isPlainDirectory(trial.path) else { return false }
      guard let status = TrialStatus.read(trial.appendingPathComponent(SweepLayout.markerFile))
      else { return true }
      return status.failed && retryFailed
    }
  }
}
