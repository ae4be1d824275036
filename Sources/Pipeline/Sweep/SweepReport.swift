import Conventions
import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The sweep folder's `report.md`, `report.html` and `plots/` (final figures against each swept
/// key), rebuilt from `summary.csv` and `plan.csv` by `Reports` after every sweep and merge, so
/// they are byte-identical for an unsharded run, a resumed run and a merge. The report (a rung's
/// too) is titled by the output its trials' resolved specs name, as `runner report` titles it
/// (`ResultsReport.title(in:plan:)`), not by the folder it is written in. A report you annotated
/// there is kept in `.history/` first, as `runner report` keeps it (`ReportRewrite`).
///
/// The summary is written first; then the runner's own earlier report (`WrittenRecord`), of
/// fewer trials, is removed with the plots it showed, and the new one is written whole
/// (`AtomicFile`). A sweep stopped in between (a full disk, a kill) leaves no report rather than
/// one that looks current beside a newer `summary.csv`; the resume writes it.
enum SweepReport {
  /// Rebuilds the report in `layout`; returns the note on the edited report kept, if any.
  /// Waiting for another process's lock on the folder is said through `say` (stderr).
  /// `continuing`: this sweep goes on after this report (a bayes sweep's next batch), which
  /// then says it is a snapshot of a running sweep, not one that stopped.
  static func rebuild(
    in layout: SweepLayout, continuing: Bool = false,
    say: @escaping (String) -> Void = { StandardStream.error($0 + "\n") }
  ) throws(ResultsFileError) -> String? {
    // Under the folder's lock, as `runner report` writes it: one report at a time, so neither
    // takes the other's report for one you edited. A wait is said (a stopped report would
    // otherwise hold the sweep's end without a word), in the line every brief holder says.
    let lock = FolderLock.acquireBriefly(layout.directory, shownAs: layout.directory.path, say: say)
    defer { lock?.release() }
    var report = try ResultsReport(directory: layout.directory)
    // Another sweep still writing the folder (of the same plan) rewrites it when it ends: this
    // report says it is a snapshot, as `runner report` does.
    report.runningSweep =
      continuing ? getpid() : SweepWriters.others(in: layout.directory).first
    removeEarlierReport(in: layout.directory)
    var kept: String?
    try ReportRewrite.write(report, to: layout.directory) {
      kept = $0
    }
    return kept
  }

  /// Removes the runner's own earlier report from `layout` and writes none: a successive-halving
  /// or Hyperband sweep stopped before its first rung was complete has no rung to rank yet
  /// (`runner report` refuses it too), and an earlier plan's report would look current.
  static func withdraw(
    in layout: SweepLayout, say: @escaping (String) -> Void = { StandardStream.error($0 + "\n") }
  ) {
    let lock = FolderLock.acquireBriefly(layout.directory, shownAs: layout.directory.path, say: say)
    defer { lock?.release() }
    removeEarlierReport(in: layout.directory)
  }

  /// Removes from `folder` the report the runner wrote there last (`report.md` and
  /// `report.html`, each absent or byte for byte as recorded), and the plots its `report.md`
  /// showed that are byte for byte as recorded (regular files only: one you edited is left for
  /// `ReportRewrite` to keep in `.history/`). When either report file was edited, nothing is
  /// removed: the edited report is left for `ReportRewrite` to keep, with the plots it shows.
  static func removeEarlierReport(in folder: URL) {
    let fm = FileManager.default
    let files = [ResultsFile.reportMarkdown, ResultsFile.reportHTML].filter {
      fm.fileExists(atPath: folder.appendingPathComponent($0).path)
    }
    // A file made write-protected is not removed either: the report's write then refuses it.
    guard !files.isEmpty,
      files.allSatisfy({
        WrittenRecord.isOwn($0, in: folder)
          && !RunFolderMode.isProtected(folder.appendingPathComponent($0))
      })
    else {
      return
    }
    let plots = folder.appendingPathComponent(ResultsFile.plots)
    for name in ResultsReport.plotsShown(in: folder) {
      let plot = plots.appendingPathComponent(name)
      if PathEntry.isPlainFile(plot.path), !RunFolderMode.isProtected(plot),
        WrittenRecord.isOwn("\(ResultsFile.plots)/\(name)", in: folder)
      {
        try? fm.removeItem(at: plot)
      }
    }
    for name in files { try? fm.removeItem(at: folder.appendingPathComponent(name)) }
  }
}
