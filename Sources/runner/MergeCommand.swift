import ArgumentParser
import Conventions
import Foundation
import Pipeline

/// `runner merge DIR...`: combine the folders shards of one sweep wrote into the sweep folder
/// an unsharded run writes (byte for byte, `timings.csv` aside).
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge shard results of one sweep into one sweep folder and summary.csv.",
    discussion: """
      Each DIR is a sweep folder written by `\(Invocation.commandLine(["sweep", "--shard", "i/n"]))` \
      (it holds plan.csv). Complete trial folders are copied whole; a trial complete in two folders must have identical files \
      (timings.csv aside). summary.csv is rebuilt from the trial folders exactly as an unsharded \
      run writes it. A successive-halving or Hyperband sweep is counted in trial runs per rung (per \
      bracket), as `runner sweep` counts them, and merged round by round: the output says how many \
      rounds remain, with the commands (and the `mkdir -p … && cp -R merged/. …/` that copies the \
      merged folder over each shard's copy of the sweep, under the sweep's name, the only one a \
      shard reads). --json prints \
      the outcome as one JSON object whose `status` is complete, failed, more_rounds (with \
      `rounds_left`) or missing. Exit codes: 0 every trial of the plan is present (an adaptive \
      sweep: every trial run of the rungs or batches reached so far, also when more rounds are \
      needed: --json's `status` and `rounds_left` tell the two apart), 1 trials are missing, a \
      trial failed (named; --json's `failed` lists them, as `runner sweep` exits 1 for them) or two \
      folders disagree, 64 usage error, 65 folders of different sweeps, the merged folder in the \
      regression gate's baselines, a malformed sweep file \
      (named), or a plan.csv damaged in a sweep's own folder (one that disagrees with its \
      summary.csv: named, with the shard's `runner sweep` command that writes it again; in the --into folder: \
      restore it, or merge into a new folder, as for a bayes folder merged before its plan grew \
      by a batch), 66 a DIR is not a sweep folder, \(ExitStatus.osErrorHelp), 73 the --into folder is not a sweep's, is a \
      symbolic link (never written through) or cannot be written (a full disk: merge again once there is room), 75 the --into folder is in use \
      (a run of that output training), 130/143/129 interrupted by Ctrl-C, SIGTERM or \
      SIGHUP (merge again to finish).
      """)

  @Argument(help: "Sweep folders written by the shards.")
  var directories: [String]

  @Option(
    name: .customLong("into"),
    help: "The merged sweep folder (default: the first DIR, which receives the others' trials).")
  var destination: String?

  @Flag(help: "Print the outcome as one JSON object on stdout (docs/results.md, JSON output).")
  var json = false

  func validate() throws {
    guard !directories.isEmpty else { throw ValidationError("give at least one sweep folder") }
  }

  func run() throws {
    let console = Console()
    // Ctrl-C, SIGTERM or SIGHUP: the trial copy or file being written is removed
    // (`Interrupt.end`; trials copied whole so far are kept), and the merge says so.
    for (signal, status, word) in Interrupt.stops {
      Interrupt.install(signal) {
        Interrupt.end(console: console, status: status, json: json ? "merge" : nil) { _ in
          "\n\(word); the trials copied so far are kept whole, and nothing half-written "
            + "is kept (the copy or file under way is removed): run the merge again to finish it"
        }
      }
    }
    defer { Interrupt.finish() }
    let outcome: MergeOutcome
    do { outcome = try SweepMerger.merge(directories, into: destination) } catch {
      console.error(error.description)
      if json {
        // Ended before the output: a signal from here on adds no second JSON document.
        Interrupt.finish()
        console.out(
          CommandJSON.failure(
            command: "merge", exitCode: error.exitCode, message: error.description,
            diagnostics: nil
          ).portable.rendered)
      }
      throw ExitCode(error.exitCode)
    }
    if json { Interrupt.finish() }
    for note in outcome.notes { console.error(note) }
    // A round complete with rounds left exits 0 (the next round's jobs depend on it); `status`
    // and `rounds_left` of --json tell it from a finished sweep.
    // A failed trial exits 1, as `runner sweep` does for the same folder.
    let status: ExitStatus =
      outcome.missing.isEmpty && outcome.failed.isEmpty ? .success : .failure
    // Standard output closed or full: the merged folder is still said, on stderr.
    console.out(
      json
        ? CommandJSON.merge(outcome, exitCode: status).portable.rendered
        : SweepText.mergeResult(outcome),
      kept: "the trials are merged into \(outcome.directory)")
    if status != .success { throw ExitCode(status) }
  }
}
