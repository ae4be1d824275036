import ArgumentParser
import Conventions
import Foundation
import Pipeline
import Reports
import Specs

/// `runner run SPEC`: train and write `results/<name>/`.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run an experiment spec and write its results.",
    discussion: """
      Results go to results/<name>/ (metrics.csv, summary.csv, bias_variance.csv, \
      spec.resolved.yaml, timings.csv). Exit codes: 0 success, 1 the run failed (e.g. diverged), \
      64 usage error, 65 bad spec or data, 66 missing input file, \(ExitStatus.osErrorHelp), \
      73 the results folder cannot \
      be made or written (a full disk) or is not a run's, 75 another run holds the folder, 130 \
      interrupted (Ctrl-C), 143 stopped by SIGTERM, 129 by SIGHUP (the terminal closed).
      """)

  @Argument(help: "The experiment spec (YAML).")
  var spec: String

  @OptionGroup var specOptions: SpecCommandOptions

  @OptionGroup var overridesWithoutSet: OverridesWithoutSet

  @Option(
    name: .customLong("results-dir"),
    help: "Write results under this folder instead of the project's results_dir.")
  var resultsDirectory: String?

  @Flag(help: "Print the outcome as one JSON object on stdout (docs/results.md, JSON output).")
  var json = false

  func validate() throws { try OverridesWithoutSet.refuse(overridesWithoutSet.words, runOf: spec) }

  func run() throws {
    let console = Console(color: specOptions.color)
    let progress = ProgressRenderer(console: console)
    var options = RunOptions(spec: specOptions.loaderOptions, resultsRoot: resultsDirectory)
    options.environmentWarnings = BLASKernelSetup.environmentWarnings
    options.commandOptions = sweepOptions
    // Ctrl-C or SIGTERM: a run's folder is only ever replaced whole, holding the earlier run or
    // this one, never a mix (a commit under way is finished first); the line says which.
    for (signal, status, word) in Interrupt.stops {
      Interrupt.install(signal) { [json] in
        Interrupt.end(console: console, status: status, json: json ? "run" : nil) { saved in
          saved.map { "\n\(word): the run had completed and its results are saved in \($0)" }
            ?? "\n\(word): the results folder is left whole (a run's results are committed "
            + "only when it completes); re-run the same command to start over"
        }
      }
    }
    // An interrupt under way ends the process; the run's own exit never races it.
    defer { Interrupt.finish() }
    // What the run prints on stderr besides progress, for --json.
    let printed = Printed()
    let observer: RunObserver = { event in
      if case .note(let text) = event { printed.append(text) }
      if case .warning(let diagnostic) = event { printed.append(diagnostic) }
      if case .download(let file) = event, file.finished { printed.append(file.description) }
      progress.observer(event)
    }
    progress.startTicking()
    do {
      let outcome = try ExperimentRunner.run(specPath: spec, options: options, observer: observer)
      progress.finish()
      // Ended before the output: a signal from here on adds no second JSON document.
      Interrupt.finish()
      console.out(
        json
          ? CommandJSON.run(outcome, printed: printed.texts, specWarnings: printed.warnings)
            .portable.rendered
          : FinalTable(outcome: outcome).text,
        kept: "the run's results are complete in \(outcome.directory)")
    } catch {
      progress.finish()
      Interrupt.finish()
      // An output layer without units: the count the data asks for, when it can be read.
      var error = error
      if case .spec(let refusal) = error {
        error = .spec(
          specOptions.outputUnitsFromData(refusal, path: spec, resultsDirectory: resultsDirectory))
      }
      console.error(render(error, console: console))
      if json {
        console.out(
          CommandJSON.runFailure(error, printed: printed.texts, specWarnings: printed.warnings)
            .portable.rendered)
      }
      throw ExitCode(error.exitCode)
    }
  }
}

extension RunCommand {
  /// This run's options that `runner sweep` takes too, as typed, besides the spec and its
  /// `--set`s: the sweep a sweep spec is sent to writes where the run would have, as strictly.
  var sweepOptions: [String] {
    var options: [String] = []
    if let resultsDirectory { options += ["--results-dir", resultsDirectory] }
    options += specOptions.repeated
    if json { options.append("--json") }
    return options
  }
}

/// Remarks collected from the thread running the training loop.
final class Printed: @unchecked Sendable {
  private let lock = NSLock()
  private var collected: [String] = []
  private var diagnostics: [Diagnostic] = []

  /// The remarks, in order.
  var texts: [String] { lock.withLock { collected } }
  /// The spec's warnings among them.
  var warnings: [Diagnostic] { lock.withLock { diagnostics } }

  /// Adds a remark.
  func append(_ text: String) { lock.withLock { collected.append(text) } }

  /// Adds a spec warning, printed as its description.
  func append(_ warning: Diagnostic) {
    lock.withLock {
      collected.append(warning.description)
      diagnostics.append(warning)
    }
  }
}

/// Renders a pipeline error: located diagnostics for spec errors, the message otherwise.
func render(_ error: PipelineError, console: Console) -> String {
  if let diagnostics = error.diagnostics {
    return DiagnosticRenderer(color: console.useColor).render(diagnostics)
  }
  return error.description
}
