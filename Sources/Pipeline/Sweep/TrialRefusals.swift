import Conventions
import Specs

extension PipelineError {
  /// The refusals of several sweep trials (`trial`, its error) as one error, as `runner
  /// validate` reports a sweep: every trial's diagnostics, each once, moved from an axis to the
  /// value the trial takes (`base` is the sweep's spec), in the file's order; the exit status
  /// the worst of theirs.
  /// A refusal without diagnostics stands alone.
  public static func trials(
    _ refusals: [(trial: SweepTrial, error: PipelineError)], base: LoadedSpec
  )
    -> PipelineError?
  {
    guard var head = refusals.first?.error else { return nil }
    var diagnostics: [Diagnostic] = []
    for (trial, error) in refusals {
      guard let found = error.diagnostics else { return error }
      if ExitStatus.worst(head.exitCode, error.exitCode) != head.exitCode { head = error }
      for d in found.map({ trial.locatedAtSweptValue($0, base: base) })
      where !diagnostics.contains(d) {
        diagnostics.append(d)
      }
    }
    let sorted = Diagnostic.sortedByLocation(diagnostics)
    if case .data(let error, _) = head { return .data(error, diagnostics: sorted) }
    return .spec(.invalid(sorted))
  }
}
