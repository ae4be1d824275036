import Conventions

/// Where a run stood when its budget ran out, so that a longer run of the same configuration can
/// go on from there (successive halving's promoted trials) instead of training again from the
/// start: every model's parameters and optimizer state, the random generators' states, the
/// records so far, the divergence watch and early stopping.
///
/// Going on from a checkpoint of `b₁` units to a budget `b₂` gives the very bytes of a run of
/// `b₂` units from the start, because nothing in the loop depends on the total budget once the
/// configuration (schedule included) is the same: `Trainer.train(resume:)` refuses a checkpoint
/// of another configuration (`fingerprint`), dtype or training set. A value: the engine knows
/// nothing of files (the Pipeline saves it as `checkpoint/`).
public struct TrainingCheckpoint: Sendable, Equatable {
  /// The state of one trained model (one network; one-vs-rest and one-vs-one train several).
  public struct Session: Sendable, Equatable {
    /// Optimizer steps applied.
    public var steps: Int
    /// Real-valued state by name: `theta` (the parameters), the optimizer's moments, ….
    public var reals: [String: [Double]]
    /// Integer state by name: generator states, the epoch's row order, counters.
    public var integers: [String: [UInt64]]

    /// A model's state after `steps` steps.
    public init(
      steps: Int, reals: [String: [Double]] = [:], integers: [String: [UInt64]] = [:]
    ) {
      self.steps = steps
      self.reals = reals
      self.integers = integers
    }
  }

  /// The best dev score early stopping has seen, and when.
  public struct EarlyStoppingState: Sendable, Equatable {
    /// The watched figure, signed so that lower is better.
    public var score: Double
    /// The lead model's steps at the best record.
    public var iteration: Int
    /// Records since the best one.
    public var sinceBest: Int
    /// True when early stopping has ended the run (nothing more trains).
    public var stopped: Bool
    /// Each model's parameters at the best record.
    public var parameters: [[Double]]

    /// Early stopping's state.
    public init(
      score: Double, iteration: Int, sinceBest: Int, stopped: Bool, parameters: [[Double]]
    ) {
      self.score = score
      self.iteration = iteration
      self.sinceBest = sinceBest
      self.stopped = stopped
      self.parameters = parameters
    }
  }

  /// Budget units (epochs or iterations) the loop has run.
  public var units: Int
  /// `fingerprint(of:)` of the configuration trained.
  public var fingerprint: String
  /// The scalar type trained (`float32` or `float64`).
  public var dtype: DType
  /// Rows of the training set.
  public var trainRows: Int
  /// `Examples.contentHash` of the training set: other rows of the same count are refused
  /// (empty in a checkpoint of an earlier version, which only the row count tells apart).
  public var trainHash: String
  /// The records taken by the loop so far (the closing record after the last update is not
  /// one of them: a longer run takes it, if at all, in its loop).
  public var records: [Record]
  /// Each model's steps at the last record taken (decides whether the closing record is new).
  public var recordedSteps: [Int]?
  /// The divergence watch's starting loss per model (nil before its first finite loss).
  public var divergenceStarts: [Double?]
  /// The largest finite step loss per model so far (`TrainingResult.stepPeaks`); nil in a
  /// checkpoint of an earlier version, which did not keep it.
  public var stepPeaks: [Double?]?
  /// Early stopping's state; nil without early stopping or before its first record.
  public var earlyStopping: EarlyStoppingState?
  /// One state per model, in the plan's order.
  public var sessions: [Session]

  /// A checkpoint; `Trainer.train(saveCheckpoint: true)` makes them.
  public init(
    units: Int, fingerprint: String, dtype: DType, trainRows: Int, trainHash: String,
    records: [Record],
    recordedSteps: [Int]?, divergenceStarts: [Double?], stepPeaks: [Double?]? = nil,
    earlyStopping: EarlyStoppingState?, sessions: [Session]
  ) {
    self.units = units
    self.fingerprint = fingerprint
    self.dtype = dtype
    self.trainRows = trainRows
    self.trainHash = trainHash
    self.records = records
    self.recordedSteps = recordedSteps
    self.divergenceStarts = divergenceStarts
    self.stepPeaks = stepPeaks
    self.earlyStopping = earlyStopping
    self.sessions = sessions
  }

  /// Everything in `configuration` but its budget's size (its unit, epochs or iterations,
  /// counts), as a short stable hash: two configurations with the same fingerprint train the
  /// same steps up to the shorter budget.
  public static func fingerprint(of configuration: TrainingConfiguration) -> String {
    var c = configuration
    switch c.budget {
    case .epochs: c.budget = .epochs(0)
    case .iterations: c.budget = .iterations(0)
    }
    return StableHash.hex(StableHash.fnv1a(structure(c)))
  }

  /// Every stored value of `value`, nested, as text (whatever the types' own descriptions
  /// leave out: `Optimizer` describes itself by its kind only).
  static func structure(_ value: Any) -> String {
    let mirror = Mirror(reflecting: value)
    guard !mirror.children.isEmpty else { return "\(mirror.subjectType):\(value)" }
    let children = mirror.children.map { "\($0.label ?? ""):\(structure($0.value))" }
    return "\(mirror.subjectType)(\(children.joined(separator: ",")))"
  }

  /// Why a run of `configuration` cannot go on from a saved state at all (the optimizer or
  /// solver keeps state that is not saved), or nil when it can.
  public static func unsupported(_ configuration: TrainingConfiguration) -> String? {
    if case .linearRegression(.exact) = configuration.model {
      return "the exact solver takes no steps"
    }
    if configuration.optimizer.kind == .lbfgs {
      return "L-BFGS's curvature history and line search are not saved"
    }
    return nil
  }

  /// Why this checkpoint cannot start a run of `configuration` on `train` (another
  /// configuration, a shorter budget, other data or dtype), or nil when it can.
  public func refusal<T: Scalar>(for configuration: TrainingConfiguration, train: Examples<T>)
    -> String?
  {
    if let reason = Self.unsupported(configuration) { return reason }
    if fingerprint != Self.fingerprint(of: configuration) {
      return "it was trained under another configuration"
    }
    if T.dtype != dtype { return "it was trained in \(dtype.rawValue)" }
    if train.count != trainRows {
      return "it was trained on \(trainRows) rows, not \(train.count)"
    }
    if !trainHash.isEmpty, train.contentHash != trainHash {
      return "it was trained on other rows (the same count)"
    }
    let budget = configuration.budget.units
    if units > budget { return "it has trained \(units) units, more than the budget \(budget)" }
    return nil
  }
}
