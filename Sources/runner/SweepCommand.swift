import ArgumentParser
import Conventions
import Foundation
import Pipeline
import Reports
import Specs

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `runner sweep SPEC`: run every trial of the spec's `sweep:` (this machine's shard of them),
/// in parallel, resuming where an earlier run stopped.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract:
      "Run a sweep's trials in parallel, resumably, optionally as one shard of several machines.",
    discussion: """
      Results: results/<output>/plan.csv (every trial), summary.csv (one row per finished trial, \
      best first by sweep.objective, default the dev loss), sweep.csv, a report naming the best \
      trial, and one folder per trial, complete once its status.csv is written (an ok trial \
      whose summary.csv, metrics.csv, spec.resolved.yaml or params/ is missing or damaged is run \
      again, the file named). \
      Re-running skips complete trials. Without --shard the shard comes from RUNNER_SHARD=i/n, a \
      Slurm job array or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX with RUNNER_SHARD_COUNT). \
      Ctrl-C starts no more trials and waits for the running ones; a second Ctrl-C (0.5 s or \
      more after the first) stops at once (a re-run resumes); --timeout, once its budget is spent, starts no more trials as the first \
      Ctrl-C does. Exit codes: 0 every trial ok, 1 a trial failed, 64 usage error, 65 bad spec or data (or \
      the sweep's own plan.csv damaged), 66 missing input, \(ExitStatus.osErrorHelp) (for \
      --jobs trials at once, checked before the first), 73 the \
      results folder cannot be made or written (a full disk: rerun to resume), is not a \
      sweep's or is a symbolic link (never written through), 124 the --timeout budget was spent before every trial started (rerun to resume; \
      124 also when a trial failed, --json's failed lists it, and for a first Ctrl-C after the \
      budget was spent), 130 interrupted (Ctrl-C), 143 stopped by SIGTERM, 129 by SIGHUP (the terminal closed). \
      See docs/sweeps.md.
      """)

  @Argument(help: "The experiment spec with a `sweep:` section (YAML).")
  var spec: String

  @OptionGroup var specOptions: SpecCommandOptions

  @OptionGroup var overridesWithoutSet: OverridesWithoutSet

  // Unconditional: `--jobs -1` is a value, not an unknown flag.
  @Option(
    parsing: .unconditional,
    help: "Trials run at once; -1 (the default): the number of cores, as scikit-learn's n_jobs.")
  var jobs: Int?

  @Option(help: ArgumentHelp("Run shard i of n (0-based), e.g. 0/4.", valueName: "i/n"))
  var shard: String?

  @Flag(help: "List the trials and an estimated cost without running anything.")
  var dryRun = false

  // `.unconditional`: `--timeout -5s` reaches SweepTimeout's message, not "missing value".
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "A time budget (45s, 90m, 2h, 1h30m): once spent, start no more trials; the running ones "
        + "finish, and re-running the same command resumes (exit 124).", valueName: "duration"))
  var timeout: String?

  @Flag(help: "Run again the trials recorded as failed.")
  var retryFailed = false

  @Option(
    name: .customLong("results-dir"),
    help: "Write results under this folder instead of the project's results_dir.")
  var resultsDirectory: String?

  @Flag(help: "Print the outcome as one JSON object on stdout (docs/results.md, JSON output).")
  var json = false

  func validate() throws { try OverridesWithoutSet.refuse(overridesWithoutSet.words) }

  func run() throws {
    let console = Console(color: specOptions.color)
    let display = SweepProgressDisplay(console: console, retryCommand: retryCommand)
    let interrupts = InterruptHandler(
      console: console, json: json, downloading: { display.isDownloading },
      runningTrials: { display.runningTrials })
    var options = SweepOptions(
      run: RunOptions(spec: specOptions.loaderOptions, resultsRoot: resultsDirectory),
      jobs: jobs, shard: shard, retryFailed: retryFailed,
      cancellation: interrupts.cancellation)
    options.requiresSweep = true
    options.run.environmentWarnings = BLASKernelSetup.environmentWarnings
    options.timeout = try reporting(console) { () throws(SweepError) in
      try timeout.map { text throws(SweepError) in try SweepTimeout.seconds(text) }
    }
    if dryRun {
      let preview = try reporting(console) { () throws(SweepError) in
        try SweepRunner.preview(specPath: spec, options: options)
      }
      console.out(
        json
          ? CommandJSON.dryRun(preview, timeout: options.timeout).portable.rendered
          : SweepText.listing(preview, timeout: options.timeout, retryCommand: retryCommand))
      return
    }
    interrupts.install()
    CrashHook.reachInProcess("sweep-stops")
    // A second Ctrl-C under way ends the process; the sweep's own exit never races it.
    defer { Interrupt.finish() }
    let outcome = try reporting(console) { () throws(SweepError) in
      defer { display.finish() }
      return try SweepRunner.run(specPath: spec, options: options, observer: display.observer)
    }
    let status = outcome.exitStatus(strict: specOptions.strict)
    // Ended before the output: a signal from here on adds no second JSON document.
    Interrupt.finish()
    console.out(
      json
        ? CommandJSON.sweep(outcome, exitCode: status, retryCommand: retryCommand).portable
          .rendered
        : SweepText.result(outcome, retryCommand: retryCommand),
      kept: SweepText.keptLine(outcome))
    if specOptions.strict && !outcome.warnings.isEmpty {
      console.error(
        PipelineError.warnings(outcome.warnings, results: outcome.directory).description)
    }
    if status != .success { throw ExitCode(status) }
  }

  /// Runs `body`; renders a sweep error (located diagnostics for spec errors) and exits with its code.
  private func reporting<T>(_ console: Console, _ body: () throws(SweepError) -> T) throws -> T {
    do { return try body() } catch {
      Interrupt.finish()
      // An output layer without units: the count the data asks for, when it can be read.
      var error = error
      if case .spec(let refusal) = error {
        error = .spec(
          specOptions.outputUnitsFromData(refusal, path: spec, resultsDirectory: resultsDirectory))
      }
      if let diagnostics = error.diagnostics {
        console.error(DiagnosticRenderer(color: console.useColor).render(diagnostics))
      } else {
        console.error(error.description)
      }
      if json {
        console.out(
          CommandJSON.failure(
            command: "sweep", exitCode: error.exitCode, message: error.description,
            diagnostics: error.diagnostics
          ).portable.rendered)
      }
      throw ExitCode(error.exitCode)
    }
  }
}

/// Ctrl-C: the first asks the sweep to start no more trials, the second exits at once (every
/// finished trial is already whole on disk; a re-run resumes). Deliveries within
/// `sameCtrlC` seconds of the first are that same Ctrl-C: `timeout -s INT`, `kill -INT -PGID`
/// and a terminal's Ctrl-C to a process group whose parent passes it on deliver it twice.
final class InterruptHandler: @unchecked Sendable {
  /// How long after the first SIGINT another is taken as the same Ctrl-C, in seconds.
  static let sameCtrlC = 0.5
  let cancellation = SweepCancellation()
  private let console: Console
  /// How many trials are running now.
  private let runningTrials: @Sendable () -> Int
  /// Whether the sweep is downloading its data: a Ctrl-C then stops it at once, as `runner run`
  /// and `runner data fetch` stop (no trial has started).
  private let downloading: @Sendable () -> Bool
  /// `--json`: a stop at once prints `CommandJSON.stopped` too.
  private let json: Bool
  private let lock = NSLock()
  /// When the first SIGINT came (`ProcessInfo.systemUptime`); nil before.
  private var first: TimeInterval?

  init(
    console: Console, json: Bool = false,
    downloading: @escaping @Sendable () -> Bool = { false },
    runningTrials: @escaping @Sendable () -> Int
  ) {
    self.console = console
    self.json = json
    self.downloading = downloading
    self.runningTrials = runningTrials
  }

  /// What a Ctrl-C during the sweep's download prints as it stops the sweep at once.
  static let downloadInterruptText =
    "\ninterrupted while downloading the data: no trial was started; the files fetched so far "
    + "are whole and verified; re-run the same command to resume"

  /// What the first Ctrl-C prints, given how many trials are `running`.
  static func firstInterruptText(running: Int) -> String {
    let waiting =
      running == 0
      ? "no trial is running; the sweep writes its summary and stops"
      : "waiting for the \(running) running trial\(running == 1 ? "" : "s")"
    return "\ninterrupted: starting no more trials; \(waiting) (Ctrl-C again to stop now)"
  }

  func install() {
    Interrupt.install { [self] in
      let now = ProcessInfo.processInfo.systemUptime
      let earlier = lock.withLock {
        defer { first = first ?? now }
        return first
      }
      if let earlier, now - earlier < Self.sameCtrlC { return }
      if downloading() {
        cancellation.cancel()
        Interrupt.end(console: console, json: json ? "sweep" : nil) { _ in
          Self.downloadInterruptText
        }
      }
      if earlier == nil {
        cancellation.cancel()
        console.error(Self.firstInterruptText(running: runningTrials()))
      } else {
        // A trial being swapped into place is finished first; every finished trial is whole.
        Interrupt.end(console: console, json: json ? "sweep" : nil) { _ in
          "\nstopped; finished trials are kept, re-run the same command to resume"
        }
      }
    }
    // SIGTERM (a scheduler's stop, which a SIGKILL follows) or SIGHUP: stop at once, as a
    // second Ctrl-C; before the sweep wrote anything, saying so, as a stop before the command
    // line was read does (it said finished trials were kept, tester BB).
    for (signal, status, word) in Interrupt.stops where signal != SIGINT {
      Interrupt.install(signal) { [console, json] in
        Interrupt.end(console: console, status: status, json: json ? "sweep" : nil) { _ in
          SweepWriters.hasBegunWriting
            ? "\n\(word); finished trials are kept, re-run the same command to resume"
            : Runner.stoppedBeforeStart(word, "sweep")
        }
      }
    }
  }
}

/// Renders sweep events on stderr: on a terminal one status line redrawn in place (at most 10
/// times a second, and at once whenever the counts change, so that the running count shown is
/// the latest) plus a line per failed trial; otherwise a plain line per finished trial and the
/// status at each tenth of the trials.
final class SweepProgressDisplay: @unchecked Sendable {
  private let console: Console
  private let lock = NSLock()
  private var status: StatusLine
  private var name = ""
  private var shownCounts: [Int] = []
  /// The trials running at the last progress event.
  private var running = 0
  /// Between the first download event and the one saying the downloads are over.
  private var downloading = false
  /// The notes printed so far, a trial's warning without the trial's ID: each rung or batch of
  /// a sweep gives the spec's notes again, and trials on the same data its warnings; each is
  /// said once, with the first trial that gave it.
  private var shownNotes: Set<String> = []

  /// The command that runs failed trials again, named where the plan says some are skipped.
  private let retryCommand: String?

  init(
    console: Console, retryCommand: String? = nil,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.console = console
    self.retryCommand = retryCommand
    status = StatusLine(console: console, clock: clock)
  }

  var observer: SweepObserver { { [self] event in handle(event) } }

  private func handle(_ event: SweepEvent) {
    lock.lock()
    defer { lock.unlock() }
    switch event {
    case .planned(let preview):
      name = preview.name
      status.print(SweepText.plannedLine(preview, retryCommand: retryCommand))
    case .note(let text):
      if shownNotes.insert(Self.withoutTrial(text)).inserted { status.print(text) }
    case .download(let progress?):
      downloading = true
      status.show(progress)
    case .download(nil):
      downloading = false
      status.end()
      status.reset()
    case .trialStarted:
      break
    case .waiting(let trial, let holder, let stopped, let seconds):
      status.print(
        SweepText.waitingLine(trial: trial, holder: holder, stopped: stopped, seconds: seconds))
    case .trialFinished(let status, let seconds):
      if status.failed {
        self.status.print(console.red("trial \(status.trial) failed") + ": \(status.reason)")
      } else if !console.stderrIsTerminal {
        self.status.print("trial \(status.trial) ok (\(ProgressText.duration(seconds)))")
      }
    case .trialTaken(let status):
      // Not `ok`: a log of two sweeps at once counts each trial once, where it ran.
      if !console.stderrIsTerminal {
        self.status.print(SweepText.takenLine(status.trial))
      }
    case .progress(let progress):
      let counts = [progress.done, progress.running, progress.failed, progress.waiting]
      status.show(
        "\(console.bold(name)): " + SweepText.progressLine(progress), done: progress.done,
        total: progress.total, force: counts != shownCounts)
      shownCounts = counts
      running = progress.running
    }
  }

  /// How many trials are running (as of the last progress event).
  var runningTrials: Int { lock.withLock { running } }

  /// Whether the sweep is downloading its data (no trial has started yet).
  var isDownloading: Bool { lock.withLock { downloading } }

  /// Ends an open status line.
  /// `warning: trial ID: …` as `warning: …`; any other note as it is.
  static func withoutTrial(_ note: String) -> String {
    let prefix = "warning: trial "
    guard note.hasPrefix(prefix), let end = note.dropFirst(prefix.count).firstIndex(of: ":")
    else { return note }
    return "warning:" + note[note.index(after: end)...]
  }

  func finish() {
    lock.lock()
    defer { lock.unlock() }
    status.end()
  }
}
