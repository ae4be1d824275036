import Engine
import Specs

/// Maps analysis errors onto the pipeline's error type (and so onto exit codes).
enum AnalysisFailure {
  /// The pipeline error for `error` in the run of `loaded`: reported against the spec file as
  /// a configuration the engine could not carry out (exit 65), with the analysis's own message
  /// (which names the report, e.g. "bootstrap round 3: …").
  static func pipelineError(_ error: AnalysisError, _ loaded: LoadedSpec) -> PipelineError {
    .analysis(error, spec: loaded.file)
  }
}
