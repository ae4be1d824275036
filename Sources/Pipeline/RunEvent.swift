import Datasets
import Specs

/// What a run reports while it goes, for the command line to render (a redrawn progress line
/// on a terminal, periodic plain lines otherwise). The pipeline never prints by itself.
public enum RunEvent: Sendable {
  /// A run started: its name, the number of optimization steps it will take, and what a step
  /// is (`iteration` or `step`, a mini-batch update).
  case started(name: String, totalSteps: Int, unit: String)
  /// Training progressed to `step` of `total` optimization steps (no figures: a loss is shown
  /// only with the step it was measured at, from `.recorded`).
  case progress(step: Int, total: Int)
  /// A row of `metrics.csv` was recorded.
  case recorded(RecordedFigures)
  /// A non-fatal remark (a warning about the data or from training, a note about the folder).
  case note(String)
  /// A located warning about the spec, printed as its `description`.
  case warning(Diagnostic)
  /// The progress of a download of a catalog file the run reads, before it trains (drawn as
  /// `runner data fetch` draws it).
  case download(DownloadProgress)
}

/// The training figures of one `metrics.csv` row, exactly as the file holds them.
public struct RecordedFigures: Sendable, Equatable {
  /// The row's step, in `unit`s.
  public var step: Int
  /// The step column of `metrics.csv`: `iteration` or `epoch`.
  public var unit: String
  /// How far through the budget the row is, in [0, 1].
  public var fraction: Double
  /// `train_loss` (the mean loss, without the regularization penalty), `train_cost` (loss +
  /// penalty) when the objective has one, then the spec's first metric on the training split
  /// when it has one.
  public var figures: [Figure]

  /// One named value.
  public struct Figure: Sendable, Equatable {
    /// The `metrics.csv` column, e.g. `train_loss`.
    public var name: String
    /// Its value.
    public var value: Double
  }
}

/// Receives run events. Called from the thread running the training loop.
public typealias RunObserver = @Sendable (RunEvent) -> Void
