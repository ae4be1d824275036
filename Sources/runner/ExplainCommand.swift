import ArgumentParser
import Conventions
import Pipeline
import Specs

/// `runner explain SPEC`: the resolved spec with every default filled and where each value came from.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Print the resolved spec, each value marked default, file:line or override.",
    discussion: "The output is itself a valid spec: fed back, it resolves to the same spec.")

  @Argument(help: "The spec file.")
  var specFile: String

  @Flag(help: "Print the canonical resolved spec without origin comments (what runs write).")
  var canonical = false

  @OptionGroup var trialOption: TrialOption

  @OptionGroup var spec: SpecCommandOptions

  func run() throws {
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
      guard let trial = trialOption.trial else {
        console.out(
          canonical ? SpecWriter.canonical(loaded.spec) : configuration + SpecWriter.explain(loaded)
        )
        return
      }
      let plan = try SweepPlanner.plan(file: specFile, options: spec.loaderOptions)
      let sweep = loaded.spec.sweep ?? SweepSpec()
      let chosen: SweepTrial
      do { chosen = try plan.trial(matching: trial, specFile: specFile) } catch {
        console.error("error: \(error)")
        throw ExitCode(error.exitCode)
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
