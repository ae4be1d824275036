import Conventions
import Datasets
import Engine
import Reports
import Specs

/// Why a run did not complete, with the exit code it maps to.
public enum PipelineError: UserFacingError {
  /// The spec did not load (diagnostics already located and rendered by `Specs`).
  case spec(SpecError)
  /// The data could not be found, read or used; each diagnostic points at the spec value behind
  /// one failure (the first is `DataError`'s; `runner validate` reports every source's).
  case data(DataError, diagnostics: [Diagnostic])
  /// The engine refused the data; `diagnostic` points at the spec key behind it.
  case training(TrainingError, diagnostic: Diagnostic)
  /// An analysis report (bootstrap, curves, saved parameters) could not be produced.
  case analysis(AnalysisError, spec: String)
  /// The loss became NaN or infinite; the records up to then were written to `results`.
  /// `rateOrigin`: where the learning rate was written (`x.yaml:16`, `--set …`), when it was;
  /// `causes`: what to change before the rate (large inputs, an overshooting penalty);
  /// `scheduled`: the spec already sets a learning-rate schedule.
  case diverged(
    Divergence, results: String, rateOrigin: String? = nil, causes: [String] = [],
    scheduled: Bool = false)
  /// A results file could not be written.
  case results(ResultsFileError)
  /// The run's results could not be saved (a full disk, a folder that takes no files): nothing
  /// of the run was committed, so `folder` holds what it held before.
  case unsaved(ResultsFileError, folder: String)
  /// The run completed with warnings, which `--strict` makes a failure; its results were
  /// written to `results`.
  case warnings([String], results: String)
  /// Something in the process setup (e.g. the BLAS thread count) conflicts.
  case environment(String)
  /// A results folder was refused: of the other kind, not the runner's, or in use.
  case folder(FolderError)
  /// A command-line option the input needs is missing (`runner predict` on an HDF5 file without
  /// `--features`): a usage error, with a fix-it naming the option.
  case usage(Diagnostic)
  /// A data file changed while a sweep ran, after its trials had read it (`SweepDataPin`): the
  /// sweep stops rather than train its other trials on other data.
  case dataChangedInSweep(SweepDataChange)

  /// The data could not be found, read or used; `diagnostic` points at the spec value behind it.
  static func data(_ error: DataError, diagnostic: Diagnostic) -> PipelineError {
    .data(error, diagnostics: [diagnostic])
  }

  /// The status a failed run exits with: the spec's or data's own; 65 when training or an analysis
  /// refused the data; 1 for a diverged run; 73 for results that cannot be written; 64 for a
  /// setup conflict or a missing option.
  public var exitCode: ExitStatus {
    switch self {
    case .spec(let e): e.exitCode
    case .data(let e, _): e.exitCode
    case .training, .analysis, .dataChangedInSweep: .dataError
    case .diverged: .failure
    case .warnings: .failure
    case .results(.cannotWrite), .results(.cannotCreateDirectory), .unsaved: .cannotCreate
    case .results: .failure
    case .environment, .usage: .usage
    case .folder(let e): e.exitCode
    }
  }

  /// The diagnostics when the spec was at fault (rendered by the caller, with colour if wanted),
  /// in file order.
  public var diagnostics: [Diagnostic]? {
    switch self {
    case .spec(let e): return e.diagnostics
    case .data(_, let d): return Diagnostic.sortedByLocation(d)
    case .training(_, let d), .usage(let d): return [d]
    case .dataChangedInSweep(let change): return [change.diagnostic]
    default: return nil
    }
  }

  /// `lower optimizer.learning_rate (set at x.yaml:16; or add a schedule)`: where the rate was
  /// set, and a schedule unless the spec has one.
  static func lowerRate(setAt origin: String?, scheduled: Bool) -> String {
    let hints = [origin.map { "set at \($0)" }, scheduled ? nil : "or add a schedule"]
      .compactMap { $0 }
    return "lower `optimizer.learning_rate`"
      + (hints.isEmpty ? "" : " (" + hints.joined(separator: "; ") + ")")
  }

  /// The message for the user: rendered diagnostics when the spec or data is at fault, else an
  /// `error:` line (and a `help:` line for a divergence).
  public var description: String {
    switch self {
    case .spec(let e): e.description
    case .data(_, let d): DiagnosticRenderer().render(Diagnostic.sortedByLocation(d))
    case .training(_, let d), .usage(let d): DiagnosticRenderer().render(d)
    case .analysis(let e, let spec): "\(spec): error: \(e)"
    case .diverged(let d, let results, let rateOrigin, let causes, let scheduled):
      "error: \(d)\nhelp: "
        + Self.remedy(of: d, rateOrigin: rateOrigin, causes: causes, scheduled: scheduled)
        + "; the metrics recorded up to the divergence are in \(results)"
    case .warnings(let warnings, let results):
      "error: \(warnings.count) warning\(warnings.count == 1 ? "" : "s") (errors under --strict): "
        + warnings.joined(separator: "; ") + "\nhelp: the results are in \(results)"
    case .results(let e): "error: \(e)"
    case .unsaved(let e, let folder):
      "error: \(e); nothing of this run was saved (\(folder) is as it was): "
        + "\(WriteFailureAdvice.action(for: e)), then run again"
    case .environment(let m): "error: \(m)"
    case .folder(let e): e.description
    case .dataChangedInSweep(let change): DiagnosticRenderer().render(change.diagnostic)
    }
  }
}

extension PipelineError {
  /// What to do about divergence `d`: its `causes` (the inputs' scale, a penalty's overshoot)
  /// first, else the preprocessing (a start or a search already out of range) or a lower
  /// learning rate (set at `rateOrigin`).
  static func remedy(of d: Divergence, rateOrigin: String?, causes: [String], scheduled: Bool)
    -> String
  {
    if (d.gradient != nil || d.atStart) && !causes.isEmpty { return causes.joined(separator: "; ") }
    return
      (d.atStart || causes.isEmpty
      ? "" : causes.joined(separator: "; ") + "; if it still diverges, ")
      + (d.atStart || d.gradient != nil
        ? "add `standardize` or `scale` to dataset.preprocessing, or rescale the targets"
        : lowerRate(setAt: rateOrigin, scheduled: scheduled))
  }
}
