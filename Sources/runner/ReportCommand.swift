import ArgumentParser
import Conventions
import Foundation
import Pipeline
import Reports

/// `runner report RESULTS_DIR`: rebuilds report.md, report.html and plots/*.svg from the CSV
/// files of a results directory, without retraining.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "Rebuild report.md, report.html and the SVG plots of a results directory from its CSVs.",
    discussion: """
      Writes only into a run's or a sweep's folder, keeps a report.md, report.html or plot in \
      plots/ you edited in .history/, and removes only the plots an earlier report \
      there showed. Exit codes: 0 rebuilt, 65 a folder of the regression gate's baselines (only \
      `runner gate --record` writes there) or a malformed results file (a sweep trial marked ok \
      whose own summary.csv, metrics.csv, spec.resolved.yaml or params/ is missing or damaged, \
      named: the sweep's command runs it again; or a sweep's damaged plan.csv, which the \
      sweep's command writes again), 66 no such folder or no \
      results in it, \(ExitStatus.osErrorHelp), 73 a folder the runner did not write, or one that cannot be written, 75 a \
      sweep folder with no results yet whose sweep is still running, 130/143 interrupted \
      (the earlier report or the new one is left whole). A folder that is a \
      symbolic link is refused (exit 73): report the folder it names. A run writing the \
      folder holds its lock: the report waits for it, saying so, then reports the run in place.
      """)

  @Argument(help: "A results directory, e.g. results/cat.") var directory: String

  func run() throws {
    let console = Console()
    let shown = directory
    Interrupt.installStops(console: console) {
      "\($0): the report in \(shown) is the earlier one, or the new one if it was being put in "
        + "place, whole; nothing half-written is left"
    }
    defer { Interrupt.finish() }
    let url = URL(fileURLWithPath: directory)
    // Never through a link (`runner ls` lists no folder behind one): the folder it names is.
    if PathEntry.linkTarget(url.path) != nil {
      let error = FolderError.linkedReport(
        path: directory, target: url.resolvingSymlinksInPath().path)
      console.error(error.description)
      throw ExitCode(error.exitCode)
    }
    do { try ResultsFolderKind.refuseLinkedPlots(url, for: "runner report") } catch {
      console.error(error.description)
      throw ExitCode(error.exitCode)
    }
    try refuseGateBaselines(
      url, subject: "the report of '\(directory)'",
      instead: "copy the folder elsewhere to report it", console: console)
    try refuseUnreportable(url, console: console)
    // Read and written under the folder's lock, which a run holds until its results are in
    // place: never the previous run's report written into the next run's folder. Waited for.
    let lock =
      [.run, .sweep].contains(ResultsFolderKind.of(url))
      ? FolderLock.acquireBriefly(url, shownAs: directory) { console.error($0) } : nil
    defer { lock?.release() }
    // Again under the lock: the folder may have been replaced while this report waited.
    let kind = try refuseUnreportable(url, console: console)
    // A changed spec's sweep stopped before rewriting summary.csv: no damage, said once.
    for note in kind == .sweep ? DamagedPlan.staleSummaryNotes(url) : [] { console.error(note) }
    // A killed report's (or export's) temporaries, as a sweep removes its own at its start.
    if kind == .run || kind == .sweep { RunLeftovers.removeTemporaries(in: url) }
    // A trial marked ok with a damaged or missing file would be ranked, or plotted, as it is:
    // `runner report` trains nothing, so the sweep's own command runs it again.
    if kind == .sweep, let damaged = SweepLayout(directory: url).damagedTrials().first {
      // The shard that ran the damaged trial (its own record: a halving shard's folder holds
      // other shards' earlier rungs), else the folder's own shard (`ShardRecord`).
      let own = RunEnvironment.read(from: damaged.folder)?[ShardRecord.key]
      let shard = (own ?? ShardRecord.recorded(in: url)).map { " with `--shard \($0)`" } ?? ""
      console.error(
        "\(console.red("error:")) \(damaged.line); the same `runner sweep` command\(shard) runs "
          + "\(damaged.folder.path) again (the report is as it was)")
      throw ExitCode(ExitStatus.dataError)
    }
    // A sweep still running rewrites its own report when it ends: this one is of the trials
    // complete so far (the sweep recognises it as the runner's, so keeps no copy of it).
    let sweeping = kind == .sweep ? SweepWriters.others(in: url).first : nil
    // Successive halving or Hyperband stopped (Ctrl-C, --timeout) inside its first rung, or one
    // shard's folder before a merge: its summary.csv is the header only, and its complete
    // trials are in the rung folders. Said as for a sweep killed before writing one.
    if kind == .sweep, sweeping == nil,
      (try? CSVTable(contentsOf: SweepLayout(directory: url).summary))?.rows.isEmpty == true,
      SweepFolderProgress(directory: url, rungsOnly: true, noneComplete: true) != nil
    {
      try refuseUnfinished(url, sweeping: nil, console: console, summaryWritten: true)
    }
    do throws(ResultsFileError) {
      // A grid, random or bayes sweep killed within a second of trials' ends: its summary.csv
      // is rewritten from the trial folders first, as its resume would.
      if kind == .sweep, sweeping == nil,
        let note = try SweepLayout(directory: url).catchUpSummary()
      {
        console.error(note)
      }
      // A report.md, report.html or plot you annotated is kept in .history, never overwritten.
      var report = try ResultsReport(directory: url)
      // A live sweep's report says it is a snapshot, as this command's note does.
      report.runningSweep = sweeping
      let written = try ReportRewrite.write(report, to: url) { console.error($0) }
      if kind == .sweep, sweeping == nil, let behind = SweepFolderProgress.behindNote(url) {
        console.error(behind)
      }
      if let sweeping {
        // Of grid, random and bayes sweeps, how many, as report.md says.
        let trials =
          report.adaptive == nil
          ? report.completion.map { "the \($0.complete) of \($0.planned) trials" } : nil
        console.error(
          "note: the sweep writing \(directory) is still running (pid \(sweeping)): this report "
            + "is a snapshot of \(trials ?? "the trials") complete so far, and the sweep rewrites "
            + "it when it ends")
      }
      console.out(
        written.map { (directory as NSString).appendingPathComponent($0) }.joined(separator: "\n"))
    } catch .noResults where kind == .sweep {
      try refuseUnfinished(url, sweeping: sweeping, console: console)
    } catch {
      switch error {
      case .cannotWrite, .cannotCreateDirectory:
        // The report's files are replaced all at once, or not at all.
        console.error(
          "\(console.red("error:")) \(error); the report is as it was: "
            + "\(WriteFailureAdvice.action(for: error)), then run `\(Invocation.commandLine(["report", directory]))` again"
        )
      default: console.error("\(console.red("error:")) \(error)")
      }
      switch error {
      case .missing, .noResults: throw ExitCode(ExitStatus.noInput)
      case .malformedCSV, .cannotRead:
        throw ExitCode(ExitStatus.dataError)
      case .cannotWrite, .cannotCreateDirectory:
        throw ExitCode(ExitStatus.cannotCreate)
      }
    }
  }

  /// The refusal of sweep folder `url` with no results to report yet: its sweep is still
  /// running (exit 75: report again once a trial completes); it stopped before writing its
  /// first `summary.csv` (exit 66, with the trials complete, a successive-halving or Hyperband
  /// sweep's rung by rung, and the command that resumes it: `ShardRecord`'s, for one shard's
  /// folder with its `--shard`); else no results at all (exit 66).
  private func refuseUnfinished(
    _ url: URL, sweeping: Int32?, console: Console, summaryWritten: Bool = false
  ) throws -> Never {
    if let sweeping {
      console.error(
        "\(console.red("error:")) no results to report in \(directory) yet: the sweep writing it "
          + "is still running (pid \(sweeping)); run "
          + "`\(Invocation.commandLine(["report", directory]))` again once a trial completes")
      throw ExitCode(ExitStatus.temporaryFailure)
    }
    guard
      let progress = SweepFolderProgress(
        directory: url, rungsOnly: summaryWritten, noneComplete: summaryWritten)
    else {
      console.error(
        "\(console.red("error:")) \(ResultsFileError.noResults(directory: url.path))")
      throw ExitCode(ExitStatus.noInput)
    }
    // One shard's folder of an adaptive sweep: its rung is complete only once merged.
    if summaryWritten, let shard = ShardRecord.recorded(in: url) {
      console.error(
        "\(console.red("error:")) no results to report in \(directory) yet: it is shard "
          + "\(shard)'s folder (\(progress.text)), whose rung is complete only with the other "
          + "shards' trials: `runner merge` joins the shards' folders and reports the rung (a "
          + "shard that stopped resumes with the same "
          + "`\(ShardRecord.sweepCommand(for: url))` command)")
      throw ExitCode(ExitStatus.noInput)
    }
    // A merge's folder: `runner sweep` never writes it, the merge does, run again.
    if !summaryWritten, ShardRecord.isMerged(url) {
      console.error(
        "\(console.red("error:")) no summary to report in \(directory): the merge into it "
          + "stopped before writing one (\(progress.text)); run the same "
          + "`\(Invocation.commandLine(["merge", "SHARD...", "--into", directory]))` command "
          + "again with every shard's folder, which writes summary.csv and the report")
      throw ExitCode(ExitStatus.noInput)
    }
    // A sweep stopped after its first trials completed, before it first wrote summary.csv (or
    // one with a row: stopped gracefully inside its first rung).
    let stopped =
      summaryWritten
      ? "no results to report in \(directory) yet: its sweep stopped before completing its "
        + "first rung"
      : "no summary to report in \(directory): its sweep stopped before writing one"
    console.error(
      "\(console.red("error:")) \(stopped) (\(progress.text)); run the same "
        + "`\(ShardRecord.sweepCommand(for: url))` command again to resume it, which "
        + "writes summary.csv and the report")
    throw ExitCode(ExitStatus.noInput)
  }

  /// The kind of folder `url` is; exits 65 for a sweep folder whose plan.csv is damaged (named,
  /// with the command that writes it again: the report is made from it), 73 for a folder the
  /// runner did not write, or a file.
  @discardableResult
  private func refuseUnreportable(_ url: URL, console: Console) throws -> ResultsFolderKind {
    // A sweep's own folder whose plan.csv (or a rung's) is damaged: named, with the command
    // that writes it again (the report is made from it); beside other runs' trials, refused as
    // `runner sweep` refuses it.
    if let refusal = DamagedPlan.reportRefusal(url) {
      console.error(refusal.description)
      throw ExitCode(refusal.exitCode)
    }
    // Rewrites report.md and plots/ only in a folder the runner wrote.
    let kind = ResultsFolderKind.of(url)
    if kind == .foreign || kind == .file {
      let error = FolderError.wrongKind(path: directory, found: kind, command: "runner report")
      console.error(error.description)
      throw ExitCode(error.exitCode)
    }
    return kind
  }
}
