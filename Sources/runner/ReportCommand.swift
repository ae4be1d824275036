import ArgumentParser
import Conventions
import Foundation
import Pipeline
import Reports

/// `runner report RESULTS_DIR`: rebuilds report.md, report.html and plots/*.svg from the CSV
/// files of a results directory, without retraining.
struct ReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "Rebuild report.md, report.html and the SVG plots of a results directory from its CSVs.",
    discussion: """
      Writes only into a run's or a sweep's folder, keeps a report.md or report.html you edited in \
      .history/, and removes only the plots an earlier report \
      there showed. Exit codes: 0 rebuilt, 65 a malformed results file (a sweep trial marked ok \
      whose own summary.csv, metrics.csv, spec.resolved.yaml or params/ is missing or damaged, \
      named: the sweep's command runs it again; or a sweep's damaged plan.csv, which the \
      sweep's command writes again), 66 no such folder or no \
      results in it, \(ExitStatus.osErrorHelp), 73 a folder the runner did not write, or one that cannot be written, 75 a \
      sweep folder with no results yet whose sweep is still running. A folder that is a \
      symbolic link is refused (exit 73): report the folder it names.
      """)

  @Argument(help: "A results directory, e.g. results/cat.") var directory: String

  func run() async throws {
    let console = Console()
    let url = URL(fileURLWithPath: directory)
    // Never through a link (`runner ls` lists no folder behind one): the folder it names is.
    if PathEntry.linkTarget(url.path) != nil {
      let error = FolderError.linkedReport(
        path: directory, target: url.resolvingSymlinksInPath().path)
      console.error(error.description)
      throw ExitCode(error.exitCode)
    }
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
    // A killed report's (or export's) temporaries, as a sweep removes its own at its start.
    if kind == .run || kind == .sweep { RunLeftovers.removeTemporaries(in: url) }
    // A trial marked ok with a damaged or missing file would be ranked, or plotted, as it is:
    // `runner report` trains nothing, so the sweep's own command runs it again.
    if kind == .sweep, let damaged = SweepLayout(directory: url).damagedTrials().first {
      console.error(
        "\(console.red("error:")) \(damaged.line); the same `runner sweep` command runs "
          + "\(damaged.folder.path) again (the report is as it was)")
      throw ExitCode(ExitStatus.dataError)
    }
    // A sweep still running rewrites its own report when it ends: this one is of the trials
    // complete so far (the sweep recognises it as the runner's, so keeps no copy of it).
    let sweeping = kind == .sweep ? SweepWriters.others(in: url).first : nil
    do throws(ResultsFileError) {
      // A report.md or report.html you annotated is kept in .history, never overwritten.
      let written = try ReportRewrite.write(ResultsReport(directory: url), to: url) {
        console.error($0)
      }
      if let sweeping {
        console.error(
          "note: the sweep writing \(directory) is still running (pid \(sweeping)): this report "
            + "shows the trials complete so far, and the sweep rewrites it when it ends")
      }
      console.out(
        written.map { (directory as NSString).appendingPathComponent($0) }.joined(separator: "\n"))
    } catch .noResults where sweeping != nil {
      console.error(
        "\(console.red("error:")) no results to report in \(directory) yet: the sweep writing it "
          + "is still running (pid \(sweeping!)); run "
          + "`\(Invocation.commandLine(["report", directory]))` again once a trial completes")
      throw ExitCode(ExitStatus.temporaryFailure)
    } catch {
      switch error {
      case .cannotWrite, .cannotCreateDirectory:
        // The report's files are replaced all at once, or not at all.
        console.error(
          "\(console.red("error:")) \(error); the report is as it was: make room or fix the "
            + "folder, then run `\(Invocation.commandLine(["report", directory]))` again")
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
}
