import Conventions
import Datasets

extension TrialExecutor {
  /// The one line a failed trial records (status.csv, summary.csv, the console): the error's
  /// first line, and for a dataset file that could not be downloaded also each mirror tried
  /// with why it failed and what to do, which that first line alone loses.
  static func failureReason(_ error: PipelineError) -> String {
    let first = oneLine(error.description)
    guard case .data(let data, _) = error,
      case .namedDatasetMissing(let dataset, _, _, let attempts, _, _) = data, !attempts.isEmpty
    else { return first }
    return first + "; tried the mirrors, in order: " + attempts.joined(separator: "; ")
      + "; once a mirror answers, `\(Invocation.commandLine(["data", "fetch", dataset]))` "
      + "downloads it, then re-run the sweep with --retry-failed"
  }
}
