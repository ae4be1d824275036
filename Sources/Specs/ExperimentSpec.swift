/// A whole experiment, typed and validated, with every default filled in.
///
/// Produced by `SpecLoader`; the Pipeline maps it to engine and dataset types. Specs knows
/// nothing of the engine: every field here is plain data.
public struct ExperimentSpec: Sendable, Equatable {
  /// Schema version; only 1 exists.
  public var version: Int = 1
  /// The run's name; results go to `<results_dir>/<name>/` unless `output` says otherwise.
  public var name: String
  public var description: String = ""
  /// The seed every random choice derives from (initialization, shuffles, splits, generators).
  public var seed: UInt64 = 0
  public var dtype: DType = .float64
  /// OpenBLAS threads for this run (set once per process).
  public var threads: Int = 1
  public var dataset: DatasetSpec
  public var model: ModelSpec
  public var loss: LossSpec
  public var optimizer: OptimizerSpec
  public var regularization: RegularizationSpec = .init()
  /// Metrics recorded on every split, in this order.
  public var metrics: [Metric]
  /// Record loss and metrics every this many iterations (or epochs for mini-batch optimizers).
  public var recordEvery: Int = 1
  public var report: ReportSpec = .init()
  /// A sweep over hyperparameters; nil for a single run.
  public var sweep: SweepSpec?
  /// The results directory, relative to the project's `results_dir`; defaults to `name`.
  public var output: String

  public init(
    name: String, dataset: DatasetSpec, model: ModelSpec, loss: LossSpec,
    optimizer: OptimizerSpec, metrics: [Metric], output: String
  ) {
    self.name = name
    self.dataset = dataset
    self.model = model
    self.loss = loss
    self.optimizer = optimizer
    self.metrics = metrics
    self.output = output
  }
}

/// Regularization of the weights (never the biases), in the engine's objective
/// `J = mean loss + (l2/2)·‖w‖² + l1·‖w‖₁`. Both non-zero is elastic net.
public struct RegularizationSpec: Sendable, Equatable {
  public var l1: Double = 0
  public var l2: Double = 0

  public init(l1: Double = 0, l2: Double = 0) {
    self.l1 = l1
    self.l2 = l2
  }

  /// The family: none, l1, l2 or elastic net.
  public var family: String {
    switch (l1 > 0, l2 > 0) {
    case (false, false): "none"
    case (true, false): "l1"
    case (false, true): "l2"
    case (true, true): "elastic_net"
    }
  }
}
