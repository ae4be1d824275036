/// What a run reports while it goes, for the command line to render (a redrawn progress line
/// on a terminal, periodic plain lines otherwise). The pipeline never prints by itself.
public enum RunEvent: Sendable {
  /// A run started: its name, the number of optimization steps it will take, and what a step
  /// is (`iteration` or `epoch`).
  case started(name: String, totalSteps: Int, unit: String)
  /// Training progressed to `step` of `total`, with the latest training loss.
  case progress(step: Int, total: Int, loss: Double)
  /// A non-fatal remark (a warning from validation, a note about the data).
  case note(String)
}

/// Receives run events. Called from the thread running the training loop.
public typealias RunObserver = @Sendable (RunEvent) -> Void
