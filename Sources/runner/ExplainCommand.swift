import ArgumentParser
import Conventions
import Pipeline
import Specs

/// `runner explain SPEC`: the resolved spec with every default filled and where each value came from.
struct ExplainCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Print the resolved spec, each value marked default, file:line or override.",
    discussion: "The output is itself a valid spec: fed back, it resolves to the same spec.")

  @Argument(help: "The spec file.")
  var specFile: String

  @Flag(help: "Print the canonical resolved spec without origin comments (what runs write).")
  var canonical = false

  @Option(help: "Explain one trial of the spec's sweep, by its ID (or a unique prefix of it).")
  var trial: String?

  @OptionGroup var spec: SpecCommandOptions

  func validate() throws {
    // An empty ID is a prefix of every trial's: it chose the only trial of a one-trial sweep.
    if trial?.isEmpty == true {
      throw ValidationError("--trial needs a trial ID, or the start of one")
    }
  }

  func run() async throws {
    let console = spec.console
    do {
      let loaded = try SpecLoader.load(file: specFile, options: spec.loaderOptions)
      if !loaded.warnings.isEmpty { console.error(spec.render(loaded.warnings)) }
      // The project configuration the spec gets (and any passed over), as comments: the
      // output stays a spec.
      let configuration =
        canonical
        ? ""
        : ([ProjectContext.configurationFact(specPath: specFile)]
          + ProjectContext.passedOverNotes(specPath: specFile)).map { "# \($0)\n" }.joined()
      guard let trial else {
        console.out(
          canonical ? SpecWriter.canonical(loaded.spec) : configuration + SpecWriter.explain(loaded)
        )
        return
      }
      let trials = try SweepPlanner.plan(file: specFile, options: spec.loaderOptions).trials
      let matches = trials.filter { $0.id.hasPrefix(trial) }
      let sweep = loaded.spec.sweep ?? SweepSpec()
      guard matches.count == 1, let chosen = matches.first else {
        // The first ten: a sweep of 100 000 trials listed every ID.
        let known =
          trials.prefix(10).map(\.id).joined(separator: ", ")
          + (trials.count > 10
            ? ", … \(trials.count) in all: \(Invocation.commandLine(["sweep", specFile, "--dry-run"])) lists them"
            : "")
        // TPE's trials come from the results, so the spec alone knows only the random start.
        let which = sweep.method == .bayes ? "among the random start trials of" : "in"
        console.error(
          matches.isEmpty
            ? "error: no trial '\(trial)' \(which) \(specFile) (trials: \(known))"
              + (sweep.method == .bayes
                ? "; a trial TPE suggested depends on the results: its spec.resolved.yaml "
                  + "is in the sweep's folder, <results>/\(loaded.spec.output)/<trial>/" : "")
            : "error: '\(trial)' matches \(matches.count) trials; give more of the ID")
        throw ExitCode(ExitStatus.usage)
      }
      console.out(
        canonical
          ? SpecWriter.canonical(chosen.spec)
          : configuration + SpecWriter.explain(chosen.spec, sourceMap: chosen.sourceMap))
      if sweep.method.isAdaptive, let budget = sweep.budget {
        console.error(
          "note: \(sweep.method.rawValue) trains each trial at rung budgets from \(budget.lowerBound) "
            + "to \(budget.upperBound) (its epochs or iterations above are the full budget, sweep.budget.max); each rung "
            + "folder holds the trial's spec.resolved.yaml at that budget")
      }
    } catch let error as SpecError {
      console.error(spec.render(error.diagnostics))
      throw ExitCode(error.exitCode)
    }
  }
}
