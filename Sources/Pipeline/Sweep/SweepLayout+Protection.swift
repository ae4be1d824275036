import Conventions
import Foundation
import Reports

extension SweepLayout {
  /// The first of the sweep folder's own entries its owner write-protected (`chmod a-w`): the
  /// folder itself, or a file or folder the sweep and the merge rewrite in it (`ownFiles`: its
  /// plan, summary, report and plots, to any depth); nil when none is. `runner sweep`, `runner
  /// merge` and `runner validate` refuse such a folder before writing anything (tester BB F9,
  /// F10: the report and plots were replaced, 444 became 644). The folder `.history/<name>`
  /// beside it counts too when the sweep would keep a file of yours there (`protectedHistory`).
  public func protectedEntry() -> URL? {
    if RunFolderMode.isProtected(directory) { return directory }
    for name in Self.ownFiles.sorted() {
      if let entry = RunFolderMode.protectedEntry(in: directory.appendingPathComponent(name)) {
        return entry
      }
    }
    return protectedHistory()
  }

  /// The write-protected `.history/<name>` folder beside the sweep folder (or the protected
  /// folder it would be made in) when the sweep would keep files there: its summary or report
  /// files the runner did not record writing as they are (`keptFiles`: edited, or another
  /// runner version's), which the sweep's first rewrite copies there (`keepReplaced`). Checked
  /// before any trial trains, as `runner run` checks a run's `.history` (BD: the sweep trained,
  /// then copied your report into the protected folder as root, whom its mode does not stop,
  /// or stopped at the report with 73 as another user). Nil when none.
  func protectedHistory() -> URL? {
    guard !keptFiles().isEmpty else { return nil }
    let history = RunLeftovers.historyFolder(of: directory)
    return PlannedWrites(receiving: [history]).firstProtected()?.path
  }

  /// The summary and report files of the sweep folder that a rewrite would keep in `.history`
  /// first: those present that the runner did not record writing as they are (`WrittenRecord`).
  func keptFiles() -> [String] {
    let plots = (try? FileManager.default.contentsOfDirectory(atPath: plotsFolder.path)) ?? []
    let names =
      [Self.summaryFile, ResultsFile.reportMarkdown, ResultsFile.reportHTML]
      + plots.sorted().filter { $0.hasSuffix(".svg") }.map { ResultsFile.plots + "/" + $0 }
    return names.filter { RunLeftovers.isYours($0, in: directory) }
  }

  /// The sweep folder's `plots/`.
  private var plotsFolder: URL { directory.appendingPathComponent(ResultsFile.plots) }

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
  /// means nothing changed (tester BB F8). Other methods choose their trials as they go: their
  /// folders are checked by `refuseProtectedLaterTrials`.
  func refuseProtectedTrials(retryFailed: Bool) throws(FolderError) {
    guard [.grid, .random].contains(plan.base.spec.sweep?.method), halving == nil else { return }
    for trial in shardTrials where shouldRun(trial, retryFailed: retryFailed) {
      let folder = layout.trialDirectory(trial.id)
      if let protected = ExperimentRunner.protectedPart(of: folder, RunFolderMode.isWritable) {
        throw .protected(protected.path)
      }
    }
  }
}
