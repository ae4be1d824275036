/// A whole experiment, typed and validated, with every default filled in.
///
/// Produced by `SpecLoader`; the Pipeline maps it to engine and dataset types. Specs knows
/// nothing of the engine: every field here is plain data.
public struct ExperimentSpec: Sendable, Equatable {
  /// The longest results folder name, in bytes (`name`, `output`'s last part, a run's
  /// `name@overrides`): file systems take 255, and a run's staging folder adds up to 38.
  public static let folderNameLimit = 200

  /// Schema version; only 1 exists.
  public var version: Int = 1
  /// The run's name; results go to `<results_dir>/<name>/` unless `output` says otherwise.
  public var name: String
  /// Free text about the experiment, copied into the reports (empty when not given).
  public var description: String = ""
  /// The seed every random choice derives from (initialization, shuffles, splits, generators).
  public var seed: UInt64 = 0
  /// Floating-point precision of the engine's arithmetic (`float64` by default).
  public var dtype: DType = .float64
  /// OpenBLAS threads for this run (set once per process).
  public var threads: Int = 1
  /// The data: its source, split and preprocessing.
  public var dataset: DatasetSpec
  /// The model family, its architecture and its initialization.
  public var model: ModelSpec
  /// The training loss (the spec's `loss:`), with its settings.
  public var loss: LossSpec
  /// The update rule, learning rate, budget, schedule and early stopping.
  public var optimizer: OptimizerSpec
  /// The l1/l2 penalties on the weights (none by default).
  public var regularization: Regularization = .none
  /// Metrics recorded on every split, in this order.
  public var metrics: [Metric]
  /// Record loss and metrics every this many units of the budget (epochs or iterations).
  public var recordEvery: Int = 1
  /// What the reports compute beyond the metrics (bias/variance, curves, plots).
  public var report: ReportSpec = .init()
  /// A sweep over hyperparameters; nil for a single run.
  public var sweep: SweepSpec?
  /// The results directory, relative to the project's `results_dir`; defaults to `name`.
  public var output: String

}
