import ArgumentParser
import Conventions
import Datasets
import Foundation
import Pipeline
import Specs

extension SpecCommandOptions {
  var console: Console { Console(color: color) }

  /// Renders diagnostics for stderr with this invocation's colour choice.
  func render(_ diagnostics: [Diagnostic]) -> String {
    DiagnosticRenderer(color: console.useColor).render(diagnostics)
  }
}

/// `runner validate SPEC...`: parse and check specs without running them.
struct ValidateCommand: AsyncParsableCommand {
  /// The trials from which validating a sweep takes long enough (seconds) to say so first.
  static let trialsWorthANote = 10_000.0

  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check specs: every error and warning with its location, nothing run.",
    discussion:
      "Also checks the data a run would refuse before training (files found, columns present, "
      + "classes against output units), without downloading. Exit status: 0 when every spec is "
      + "valid, 65 when one has errors, 66 when one or its data is missing, 73 when its results "
      + "folder is one the command would refuse, 75 when another runner is writing that folder "
      + "(or one around or inside it) now, as the command would be refused, 64 on bad usage, "
      + "\(ExitStatus.osErrorHelp)."
  )

  @Argument(help: "Spec files.")
  var specs: [String]

  @OptionGroup var spec: SpecCommandOptions

  @Option(
    name: .customLong("results-dir"),
    help: "Check the results folder under this folder, as `run` and `sweep` with it would write.")
  var resultsDirectory: String?

  @Flag(help: "Print the outcome as one JSON object on stdout (docs/results.md, JSON output).")
  var json = false

  /// A spec that is no file but reads as Hydra's override (`optimizer.epochs=2`) is refused
  /// with the `--set` command line it means, not as a missing file (tester BO-11).
  func validate() throws {
    try OverridesWithoutSet.refuse(
      specs.filter {
        !FileManager.default.fileExists(atPath: $0) && OverridesWithoutSet.override($0) != nil
      }, parsingTheRest: false)
  }

  func run() async throws {
    let console = spec.console
    // Ctrl-C or SIGTERM (reading a big file takes a while): exit 130 or 143 with a line, as
    // every command does (it died by the signal, silently); validate writes nothing.
    Interrupt.installStops(console: console, json: json ? "validate" : nil) {
      "\($0): nothing was written (validate only reads the specs and their data)"
    }
    defer { Interrupt.finish() }
    var worst = ExitStatus.success
    var records: [JSONValue] = []
    /// One spec's JSON record: its path, verdict, facts, diagnostics and notes.
    func record(
      _ path: String, _ status: ExitStatus, facts: [String] = [], diagnostics: [Diagnostic] = [],
      notes: [String] = [], error: String? = nil
    ) {
      records.append(
        .object([
          ("spec", .string(path)), ("valid", .bool(status == .success)),
          ("exit_code", .integer(Int(status.rawValue))),
          ("facts", .array(facts.map(JSONValue.string))),
          ("diagnostics", .array(diagnostics.map(\.json))),
          ("notes", .array(notes.map(JSONValue.string))), ("error", .optional(error)),
        ]))
    }
    defer {
      if json {
        console.out(
          JSONValue.object([
            ("command", .string("validate")), ("valid", .bool(worst == .success)),
            ("exit_code", .integer(Int(worst.rawValue))), ("specs", .array(records)),
          ]).portable.rendered)
      }
    }
    for path in specs {
      var warnings: [Diagnostic] = []
      do {
        let loaded = try SpecLoader.load(file: path, options: spec.loaderOptions)
        // A start that cannot be read is refused without the warnings about starting from it.
        let start =
          loaded.spec.sweep == nil
          ? ExperimentRunner.initParameters(loaded) : (refusal: nil, warnings: loaded.warnings)
        warnings = start.warnings
        if !warnings.isEmpty { console.error(spec.render(warnings)) }
        // The runner.yaml that applies first: it sets the results folder and the data path.
        var facts = [ProjectContext.configurationFact(specPath: path)]
        // Every trial of a sweep is resolved, validated and checked against its data (a trial
        // may change the output units or the dataset).
        var trials: [SweepTrial] = []
        var sweepPlan: SweepPlan?
        if let sweep = loaded.spec.sweep {
          // AG9: a sweep of many trials takes a while to expand and check (about 1 ms a
          // trial, more in a debug build): said first, so the command is not silent.
          let planned = sweep.plannedTrials
          if planned >= Self.trialsWorthANote {
            console.error(
              "note: \(path): expanding and checking \(Int(planned)) trials (about a "
                + "millisecond each)…")
          }
          let plan = try SweepPlanner.plan(file: path, options: spec.loaderOptions)
          trials = plan.trials
          sweepPlan = plan
          // The plan's notes (trials that start from their own seeds, values that collapse).
          let notes = plan.base.warnings.filter { $0.severity == .note }
          if !notes.isEmpty { console.error(spec.render(notes)) }
          if !plan.trialWarnings.isEmpty { console.error(spec.render(plan.trialWarnings)) }
          warnings += plan.trialWarnings
          facts.append("\(trials.count) trial\(trials.count == 1 ? "" : "s")")
          if let sweep = loaded.spec.sweep, sweep.method == .bayes {
            // Later batches depend on results: TPE suggests them within the checked axes. A
            // draw that repeats an earlier one is dropped (a TPE suggestion too, as it runs), so
            // a finite space of values caps the trials.
            let draws = min(sweep.startup, sweep.trials)
            let space = sweep.axes.reduce(1.0) { $0 * Double($1.count ?? Int.max) }
            let room = Int(min(space, Double(sweep.trials))) - trials.count
            let (repeats, suggested) = (draws - trials.count, min(sweep.trials - draws, room))
            let capped = space < Double(sweep.trials)
            let dropped =
              repeats > 0
              ? "; \(repeats) of the \(draws) draws repeat\(repeats == 1 ? "s" : "") one and "
                + "\(repeats == 1 ? "is" : "are") dropped" : ""
            facts[facts.count - 1] =
              repeats == 0 && !capped
              ? "\(sweep.trials) trials, \(draws) random (checked) then \(suggested) by TPE"
              : "\(trials.count) random trials (checked\(dropped))"
                + (suggested > 0 ? " then at most \(suggested) by TPE" : "")
                + (capped ? " (the swept values make \(Int(space)) trials)" : "")
          }
        }
        // Each trial as a loaded spec when checked, not a second copy of every trial held.
        let (planned, swept) = (trials, loaded.spec.sweep != nil)
        let checked = (0..<(swept ? planned.count : 1)).lazy.map { i in
          swept
            ? LoadedSpec(spec: planned[i].spec, sourceMap: planned[i].sourceMap, file: loaded.file)
            : loaded
        }
        var context = try ProjectContext(
          specPath: path, environment: ProcessInfo.processInfo.environment,
          resultsRoot: resultsDirectory)
        // A sweep's trials read each data file once, as its run does.
        context.sourceCache = SourceCache()
        for note in context.configurationNotes { console.error("\(path): \(note)") }
        var dataNotes: [String] = []
        var dataWarnings: [Diagnostic] = []
        do throws(PipelineError) {
          // The memory first: checking the data may generate it. Each trial's estimate, made
          // again for the classes its labels make once the data check reads them; one per
          // checked trial when any is made (a trial too big throws before the data check).
          var estimates: [MemoryEstimate] = []
          // The check each trial passed, kept for the data check's class check.
          var admissions: [MemoryAdmission] = []
          var dataFound = true
          // Successive halving's trials save and resume checkpoints.
          let checkpoint = loaded.spec.sweep?.method.isAdaptive == true
          // A sweep's trials share the limit as `runner sweep`'s default --jobs (the CPUs this
          // process may use) do.
          let jobs = min(trials.count, AvailableCPUs.count)
          let whole = try ExperimentRunner.memoryBudget(environment: context.environment)
          let limit = sweepPlan?.trialBudget(whole, jobs: max(1, jobs)) ?? whole
          // Each model against the parameters `init.from` starts it from (a swept width may not
          // fit), the saved arrays read once per distinct model, as `runner sweep` checks them.
          if swept {
            try ExperimentRunner.checkInitParameters(loaded, trials: planned)
          } else if let refusal = start.refusal {
            throw refusal
          }
          // Every trial too big is found, so that the error names the swept values to blame.
          var tooBig: (first: PipelineError, ids: Set<String>)?
          for (index, trial) in checked.enumerated() {
            do throws(PipelineError) {
              var admission = MemoryAdmission(
                budget: limit, checkpoint: checkpoint, trial: index < trials.count ? .some : nil)
              let estimate = try admission.admit(trial, context: context)
              estimates.append(estimate)
              admissions.append(admission)
              dataFound = dataFound && estimate.dataFound
            } catch {
              guard index < trials.count, case .spec(.invalid) = error else { throw error }
              tooBig = (tooBig?.first ?? error, (tooBig?.ids ?? []).union([trials[index].id]))
            }
          }
          if let tooBig, case .spec(.invalid(var diagnostics)) = tooBig.first {
            let flagged = trials.map { trial in
              (
                values: trial.assignments.map { ($0.path.description, $0.value.description) },
                big: tooBig.ids.contains(trial.id)
              )
            }
            let values = SweepPreview.tooBigValues(flagged)
            // A swept value only too-big trials take is to blame, not the data every trial
            // shares: the refusal of a trial taking it, located at its axis (tester N6).
            if let key = SweepPreview.tooBigKeys(flagged).first,
              let index = trials.indices.first(where: { i in
                flagged[i].big
                  && flagged[i].values.contains { $0.0 == key.key && key.values.contains($0.1) }
              }),
              let path = trials[index].assignments.first(where: { "\($0.path)" == key.key })?.path
            {
              do throws(PipelineError) {
                try ExperimentRunner.checkMemory(
                  checked[index], context: context, budget: limit, gradientCheck: false,
                  checkpoint: checkpoint, trial: .some, culprit: path)
              } catch {
                if case .spec(.invalid(let located)) = error { diagnostics = located }
              }
            }
            diagnostics[0].addNote(
              "\(tooBig.ids.count) of the \(trials.count) trials \(tooBig.ids.count == 1 ? "is" : "are") "
                + "too big, at \(values ?? "")")
            throw PipelineError.spec(.invalid(diagnostics))
          }
          // Data not found yet counts as empty: no figure rather than a wrong one.
          func memoryFact(_ largest: MemoryEstimate) -> String {
            !dataFound
              ? "memory estimate unavailable until the data is found"
              : "memory about \(MemoryBudget.format(largest.needed)) = \(largest.breakdown), "
                + "limit \(MemoryBudget.format(limit.limit))"
          }
          // Its place among the facts: said again once the data check has read the classes.
          let memoryIndex = facts.count
          if let largest = estimates.max(by: { $0.needed < $1.needed }) {
            facts.append(memoryFact(largest))
          }
          let (threaded, threadWarning) = ExperimentRunner.capThreads(loaded)
          if let error = ExperimentRunner.strictThreads(loaded, strict: spec.strict) {
            throw PipelineError.spec(error)
          }
          if let warning = threadWarning {
            console.error(spec.render([warning]))
            warnings.append(warning)
          }
          if let note = BLASThreadVariables.note(
            threads: threaded.spec.threads, cpus: ExperimentRunner.cpuCount,
            environment: ProcessInfo.processInfo.environment)
          {
            console.error("\(path): \(note)")
          }
          var notes: [String] = []
          do { try OutputRepeatingRoot.check(loaded, root: context.resultsRoot) } catch {
            throw PipelineError.spec(error)
          }
          let destination = RunFolderName.folder(
            output: loaded.spec.output, overrides: loaded.folderOverrides(spec.overrides),
            root: context.resultsRoot,
            outputFromName: loaded.outputFromName)
          do {
            try GateBaselineOutput.check(
              loaded, destination: destination, root: context.resultsRoot)
          } catch { throw PipelineError.spec(error) }
          if loaded.spec.sweep == nil {
            try ExperimentRunner.checkDestination(
              loaded, destination: destination, root: context.resultsRoot)
          } else {
            do {
              try ExperimentRunner.checkSweepDestination(destination, root: context.resultsRoot)
            } catch {
              throw .folder(error)
            }
          }
          // The results root as `run` and `sweep` ready it before loading data (exit 73).
          try ExperimentRunner.checkResultsParent(for: destination)
          // Another live runner writing the folder, or one around or inside it: refused as
          // `run` and `sweep` would refuse it now (75, a temporary failure).
          do {
            try ExperimentRunner.checkLiveWriters(
              destination, sweep: loaded.spec.sweep != nil, root: context.resultsRoot)
          } catch { throw .folder(error) }
          var earlierData = CheckedData()
          // Every trial whose data is refused is said, at the value it takes (tester AW's F6).
          var refused: [(trial: SweepTrial, error: PipelineError)] = []
          for (index, trial) in checked.enumerated() {
            do throws(PipelineError) {
              let checkedData = try ExperimentRunner.checkData(
                trial, context: context, checked: &earlierData, admission: admissions[index])
              if let memory = checkedData.memory { estimates[index] = memory }
              for note in checkedData.notes where !notes.contains(note) { notes.append(note) }
              for warning in checkedData.warnings where !dataWarnings.contains(warning) {
                dataWarnings.append(warning)
              }
            } catch {
              guard swept else { throw error }
              refused.append((planned[index], error))
            }
          }
          if let refusal = PipelineError.trials(refused, base: loaded) { throw refusal }
          if let largest = estimates.max(by: { $0.needed < $1.needed }),
            facts.indices.contains(memoryIndex)
          {
            facts[memoryIndex] = memoryFact(largest)
          }
          if spec.strict && !dataWarnings.isEmpty {
            // As the spec's own warnings are: errors under --strict.
            throw PipelineError.spec(.invalid(dataWarnings.map(\.strict)))
          }
          if !dataWarnings.isEmpty { console.error(spec.render(dataWarnings)) }
          warnings += dataWarnings
          for note in notes { console.error("\(path): note: \(note)") }
          dataNotes = notes
        } catch {
          console.error(render(error, console: console))
          worst = ExitStatus.worst(worst, error.exitCode)
          record(
            path, error.exitCode, facts: facts,
            diagnostics: warnings + (error.diagnostics ?? []), error: error.description)
          continue
        }
        // (A trial's note at a swept value is no warning.)
        let count = warnings.filter { $0.severity == .warning }.count
        if count > 0 {
          // Before the memory estimate, which comes last.
          facts.insert("\(count) warning\(count == 1 ? "" : "s")", at: max(0, facts.count - 1))
        }
        if json {
          record(path, .success, facts: facts, diagnostics: warnings, notes: dataNotes)
        } else {
          console.out(
            "\(path): ok" + (facts.isEmpty ? "" : " (" + facts.joined(separator: ", ") + ")"))
        }
      } catch {
        // An output layer without units: the count the data asks for, when it can be read.
        let diagnostics = spec.outputUnitsFromData(
          error.diagnostics, path: path, resultsDirectory: resultsDirectory)
        console.error(spec.render(diagnostics))
        worst = ExitStatus.worst(worst, error.exitCode)
        record(path, error.exitCode, diagnostics: warnings + diagnostics)
      }
    }
    if worst != .success { throw ExitCode(worst) }
  }
}
