import Specs

extension ExperimentRunner {
  /// Refuses a sweep whose trials include one that cannot start from its `model.init.from`
  /// (`checkInitParameters`: a missing folder, exit 66; a folder without a network's arrays or of
  /// other widths, exit 65), located at the value of the axis's list that the trial takes (at
  /// the axis for a range or an axis over a key holding init.from), noted with the first trial
  /// that gives it.
  /// Each distinct model is checked once. `runner validate` and `runner sweep` (before any trial
  /// or the sweep folder) alike.
  public static func checkInitParameters(_ base: LoadedSpec, trials: [SweepTrial])
    throws(PipelineError)
  {
    var models: [ModelSpec] = []
    for trial in trials where !models.contains(trial.spec.model) {
      models.append(trial.spec.model)
      var loaded = base
      (loaded.spec, loaded.sourceMap) = (trial.spec, trial.sourceMap)
      do throws(PipelineError) { try checkInitParameters(loaded) } catch {
        let values = trial.assignments.map { "\($0.path)=\($0.value)" }.joined(separator: ", ")
        let note = "in trial \(trial.id) (\(values))"
        func located(_ d: Diagnostic) -> Diagnostic {
          trial.locatedAtSweptValue(d.noting(note), base: base)
        }
        switch error {
        case .spec(.invalid(var diagnostics)) where !diagnostics.isEmpty:
          diagnostics[0] = located(diagnostics[0])
          throw .spec(.invalid(diagnostics))
        case .data(let data, var diagnostics) where !diagnostics.isEmpty:
          diagnostics[0] = located(diagnostics[0])
          throw .data(data, diagnostics: diagnostics)
        default: throw error
        }
      }
    }
  }
}

extension PreparedSweep {
  /// Refuses the sweep, before the sweep folder is written, when a trial to run cannot start
  /// from its `model.init.from`, as `runner validate` refuses it (a bayes sweep's later
  /// suggestions are checked as they run).
  func checkTrialInits(retryFailed: Bool) throws(SweepError) {
    let pending = plan.trials.filter { shouldRun($0, retryFailed: retryFailed) }
    do throws(PipelineError) {
      try ExperimentRunner.checkInitParameters(plan.base, trials: pending)
    } catch {
      switch error {
      case .spec(let e): throw .spec(e)
      case .data: throw .data(error)
      default: throw .aborted(trial: pending.first?.id ?? "", error)
      }
    }
  }
}
