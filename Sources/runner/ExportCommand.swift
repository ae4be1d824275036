import ArgumentParser
import Conventions
import Foundation
import Pipeline

/// `runner export tensorboard|mlflow|dvc [RUN...]`: hands results to the viewers users already
/// use. The exports read the results folders; they never retrain.
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export results to TensorBoard, MLflow or DVC.",
    discussion: """
      RUN is a run folder, a sweep folder (its trials) or a folder holding runs and sweeps \
      (default: results); links to folders inside it are not followed, and each run is \
      exported once. The regression gate's baselines in a folder named (a folder holding \
      gate.csv, results/baseline) are left out: reference results, exported only when named \
      themselves, and nothing is written in them (TensorBoard with a --logdir outside them, DVC \
      from a copy). See docs/ecosystem.md. Exit codes: 0 exported, 64 usage error, 65 \
      unreadable results or a file to write in a baseline named (or --logdir there), 66 no \
      such folder or no runs in it (the gate's baselines aside), 69 \
      the MLflow server unreachable, refusing or past --timeout, 73 a system folder (/proc, /sys, /dev) or a file that cannot be written.
      """,
    subcommands: [TensorBoardExportCommand.self, MLflowExportCommand.self, DVCExportCommand.self])
}

/// The runs the arguments name, or exits with the error's status; the gate baselines a folder
/// named holds are left out, with a note on standard error.
func exportedRuns(_ paths: [String], console: Console) throws -> [ExportedRun] {
  var leftOut: [String] = []
  do {
    let runs = try ExportedRun.find(paths.isEmpty ? ["results"] : paths, leftOut: &leftOut)
    if !leftOut.isEmpty {
      console.error(
        "note: left out the regression gate's baselines (\(leftOut.joined(separator: ", ")), "
          + "beside gate.csv): reference results, exported only when named (nothing is written "
          + "in them: TensorBoard with a --logdir outside them, DVC from a copy)")
    }
    return runs
  } catch {
    console.error("\(console.red("error:")) \(error.description)")
    throw ExitCode(error.exitCode)
  }
}

/// Ctrl-C or SIGTERM during an export: the files exported so far are whole, the one being
/// written is removed, and the export says so (exit 130 or 143).
func installExportStops(_ console: Console) {
  Interrupt.installStops(console: console) {
    "\($0): the files exported so far are whole and nothing half-written is left; run the "
      + "export again to finish"
  }
}

/// `runner export tensorboard [RUN...] [--logdir DIR]`.
struct TensorBoardExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tensorboard",
    abstract: "Write TensorBoard event files: scalars per recorded step, HParams.",
    discussion: """
      Each run's event file goes into its own folder (then `tensorboard --logdir results` \
      shows every run), or into DIR/<run> with --logdir.
      """)

  @Argument(help: "Run, sweep or results folders (default: results).") var runs: [String] = []
  @Option(help: "Write the event files under this folder instead of the run folders.")
  var logdir: String?

  func run() throws {
    let console = Console()
    installExportStops(console)
    defer { Interrupt.finish() }
    let found = try exportedRuns(runs, console: console)
    // Under one --logdir, two runs of the same name would share (and replace) one folder.
    let names = Dictionary(grouping: found, by: \.name)
    if logdir != nil, let (name, same) = names.first(where: { $0.value.count > 1 }) {
      console.error(
        "\(console.red("error:")) \(same.count) runs are named '\(name)' (\(same.map(\.folder.path).joined(separator: ", "))); under --logdir each run needs its own name"
      )
      console.error("help: export them one at a time into different --logdir folders")
      throw ExitCode(ExitStatus.usage)
    }
    let directories = found.map { run in
      logdir.map { URL(fileURLWithPath: $0).appendingPathComponent(run.name) } ?? run.folder
    }
    // A baseline named: its event file would go into the gate's baselines (tools brief 1).
    for (run, directory) in zip(found, directories) {
      try refuseGateBaselines(
        directory,
        subject: logdir.map { "--logdir '\($0)'" } ?? "the export of '\(run.folder.path)'",
        instead: "export into a --logdir outside the baselines", console: console)
    }
    do {
      // Another writer's event files in any target folder: refused before anything is written.
      try TensorBoardExport.write(
        Array(zip(found, directories).map { (run: $0, directory: $1) }),
        waiting: { console.error($0) }, wrote: { console.out($0) })
    } catch {
      console.error("\(console.red("error:")) \(error.description)")
      throw ExitCode(error.exitCode)
    }
  }
}

/// `runner export mlflow --tracking-uri URL [RUN...]`.
struct MLflowExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mlflow",
    abstract: "Send runs to an MLflow tracking server: params, metric history, artifacts.",
    discussion: """
      One MLflow run per results folder, in the experiment named after the spec (or \
      --experiment); a sweep's trials nest under a parent run of that version and run of the \
      sweep. A folder already exported unchanged is skipped; a trial folder named alone \
      is exported as its sweep's trial, and a trial whose files changed (a promotion to a \
      larger budget) replaces its earlier run, which is tagged runner.superseded_by and deleted \
      (MLflow can restore it); so does the run of an export cut off (ended FAILED, or left \
      RUNNING by an export whose process on this host is gone: a Ctrl-C, a timeout). The shards \
      of one sweep share one parent; export the merged folder for its best trial. A trial's \
      resume checkpoint/ is not sent.
      """)

  @Argument(help: "Run, sweep or results folders (default: results).") var runs: [String] = []
  @Option(help: "The server, e.g. http://127.0.0.1:5000 (default: $MLFLOW_TRACKING_URI).")
  var trackingURI: String?
  @Option(help: "The experiment for every run (default: each run's spec name).")
  var experiment: String?
  // `.unconditional`: `--timeout -1` reaches TimeoutOption's message, not "missing value".
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "How long each request may wait with no data from the server: seconds (30, the default) "
        + "or a duration with its unit, as every --timeout (45s, 2m, 1h30m); up to 365d, a "
        + "fraction of a second rounds up.",
      valueName: "duration"))
  var timeout: String = "30"

  func run() async throws {
    let console = Console()
    installExportStops(console)
    defer { Interrupt.finish() }
    guard let uri = trackingURI ?? ProcessInfo.processInfo.environment["MLFLOW_TRACKING_URI"]
    else {
      console.error("\(console.red("error:")) give --tracking-uri URL (or set MLFLOW_TRACKING_URI)")
      throw ExitCode(ExitStatus.usage)
    }
    let seconds: Double
    do {
      seconds = try TimeoutOption.seconds(timeout, for: .request)
    } catch {
      console.error("\(console.red("error:")) \(error.message)")
      throw ExitCode(ExitStatus.usage)
    }
    let found = try exportedRuns(runs, console: console)
    let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
    do {
      let client = try MLflowClient(
        trackingURI: uri, transport: URLSessionTransport(timeout: seconds))
      let export = MLflowExport(client: client, experiment: experiment)
      for run in found {
        switch try await export.export(run, now: now, waiting: { console.error($0) }) {
        case .created(let id, let experimentID, let artifacts, let unserved):
          let files =
            artifacts.map { "\($0) artifacts" }
            ?? "no artifacts (\(MLflowExport.unservedNote(unserved ?? "")))"
          console.out("\(run.name): run \(id) in experiment \(experimentID), \(files)")
        case .unchanged(let id, let unserved, let updated):
          let note = unserved.map { ", without artifacts (\(MLflowExport.unservedNote($0)))" }
          let sent = updated.map {
            "; its \($0) artifacts sent again (the folder's files changed since: an export's own)"
          }
          console.out("\(run.name): unchanged, already run \(id)\(note ?? "")\(sent ?? "")")
        }
      }
    } catch {
      console.error("\(console.red("error:")) \(error.description)")
      throw ExitCode(error.exitCode)
    }
  }
}

/// `runner export dvc [RUN...]`.
struct DVCExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dvc",
    abstract: "Write summary.json (the final figures) into each run folder for DVC metrics.",
    discussion: "DVC reads the spec as params and metrics.csv as plots; see docs/ecosystem.md.")

  @Argument(help: "Run, sweep or results folders (default: results).") var runs: [String] = []

  func run() throws {
    let console = Console()
    installExportStops(console)
    defer { Interrupt.finish() }
    let found = try exportedRuns(runs, console: console)
    // A baseline named: its summary.json would go into the gate's baselines (tools brief 1).
    for run in found {
      try refuseGateBaselines(
        run.folder, subject: "the export of '\(run.folder.path)'",
        instead: "copy the run elsewhere to export it", console: console)
    }
    do {
      // A user's summary.json in any run folder: refused before anything is written.
      try DVCExport.write(found, waiting: { console.error($0) }, wrote: { console.out($0) })
    } catch {
      console.error("\(console.red("error:")) \(error.description)")
      throw ExitCode(error.exitCode)
    }
  }
}
