/// Loss and metrics of the model on one split.
public struct Evaluation: Sendable, Equatable {
  /// Mean data loss (no penalty).
  public var loss: Double
  /// The configured metrics.
  public var metrics: [Metric: Double]
  /// An evaluation with mean data loss `loss` and each configured metric's value.
  public init(loss: Double, metrics: [Metric: Double]) {
    self.loss = loss
    self.metrics = metrics
  }
}

/// The model's state at one recorded point of training.
public struct Record: Sendable, Equatable {
  /// Optimizer steps applied before this record (0: the initial parameters), by the sub-model
  /// that applied the most.
  public var iteration: Int
  /// Completed passes over the training set.
  public var epoch: Int
  /// Loss and metrics on the training set (the rows the parameters are fitted on).
  public var train: Evaluation
  /// Loss and metrics on the train-dev set (training distribution, not trained on); nil when
  /// there is none.
  public var trainDev: Evaluation?
  /// Loss and metrics on the dev set; nil when there is none.
  public var dev: Evaluation?
  /// Loss and metrics on the test set; nil when there is none.
  public var test: Evaluation?
  /// `(l2/2)‖w‖² + l1‖w‖₁` at this point.
  public var penalty: Double
  /// The training objective `J = train.loss + penalty` (the plain mean loss without a penalty).
  public var cost: Double { train.loss + penalty }

  /// A record of these figures (a checkpoint's records read back).
  public init(
    iteration: Int, epoch: Int, train: Evaluation, trainDev: Evaluation? = nil, dev: Evaluation?,
    test: Evaluation?, penalty: Double
  ) {
    self.iteration = iteration
    self.epoch = epoch
    self.train = train
    self.trainDev = trainDev
    self.dev = dev
    self.test = test
    self.penalty = penalty
  }
}

/// Why training ended.
public enum StopReason: Sendable, Equatable, CustomStringConvertible {
  /// The whole budget ran (an optimizer without a convergence test).
  case completed
  /// L-BFGS reached its gradient tolerance, or a step lowered the objective by at most its
  /// `ftol` relative.
  case converged(iteration: Int)
  /// L-BFGS spent the budget without reaching its gradient tolerance (scikit-learn's
  /// ConvergenceWarning): `gradient` is the largest absolute gradient component at the end of
  /// the sub-models that did not converge, named in `models` (one-vs-rest, one-vs-one; empty
  /// for a single model).
  case notConverged(iterations: Int, gradient: Double, tolerance: Double, models: [String] = [])
  /// L-BFGS's line search found no step that lowers the objective at `iteration`, short of the
  /// gradient tolerance (scipy's `ABNORMAL_TERMINATION_IN_LNSRCH`, a ConvergenceWarning in
  /// scikit-learn): `gradient` is the largest absolute gradient component there, of the
  /// sub-models named in `models` (one-vs-rest, one-vs-one; empty for a single model).
  case searchFailed(iteration: Int, gradient: Double, tolerance: Double, models: [String] = [])
  /// The exact solver solved the least-squares problem (no iterations).
  case solved
  /// Early stopping: the watched dev figure stopped improving at `bestIteration` (in
  /// `bestEpoch` with an epoch budget); its weights were restored when `restored` (else the
  /// last weights are kept).
  case earlyStopped(bestIteration: Int, restored: Bool = true, bestEpoch: Int? = nil)
  /// The loss became NaN or infinite, or grew past the divergence limit.
  case diverged(Divergence)

  /// How training ended, for the user: `completed`, `converged at iteration 24`, ….
  public var description: String {
    switch self {
    case .completed: "completed"
    case .converged(let i): "converged at iteration \(i)"
    case .notConverged(let n, let g, let tolerance, let models):
      "reached the iteration budget (\(n)) without converging"
        + (models.isEmpty ? "" : " for \(models.joined(separator: ", "))")
        + ": largest gradient component \(Self.short(g)) > tolerance \(Self.short(tolerance))"
    case .searchFailed(let i, let g, let tolerance, let models):
      "stopped at iteration \(i) without converging"
        + (models.isEmpty ? "" : " for \(models.joined(separator: ", "))")
        + ": the line search found no step that lowers the objective, largest gradient component "
        + "\(Self.short(g)) > tolerance \(Self.short(tolerance))"
    case .solved: "solved exactly (least squares)"
    case .earlyStopped(let i, let restored, let epoch):
      // Named as metrics.csv numbers its rows: by epoch with an epoch budget.
      restored
        ? "early stopping: restored the weights of \(Self.step(i, epoch))"
        : "early stopping: best at \(Self.step(i, epoch)), last weights kept"
    case .diverged(let d): d.description
    }
  }

  /// `iteration 40`, or `epoch 3 (iteration 40)` when the run counts epochs.
  static func step(_ iteration: Int, _ epoch: Int?) -> String {
    epoch.map { "epoch \($0) (iteration \(iteration))" } ?? "iteration \(iteration)"
  }

  /// `3.057e-09`, `1e-10`, `6.931e+03`: at most four significant digits (like `%.4e`
  /// without trailing zeros), the same text on every platform.
  static func short(_ v: Double) -> String {
    guard v.isFinite, v != 0 else { return "\(v)" }
    var (mantissa, exponent) = (abs(v), 0)
    while mantissa >= 10 { (mantissa, exponent) = (mantissa / 10, exponent + 1) }
    while mantissa < 1 { (mantissa, exponent) = (mantissa * 10, exponent - 1) }
    mantissa = (mantissa * 1000).rounded() / 1000
    if mantissa >= 10 { (mantissa, exponent) = (mantissa / 10, exponent + 1) }
    var digits = "\(mantissa)"
    if digits.hasSuffix(".0") { digits.removeLast(2) }
    let power = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
    return (v < 0 ? "-" : "") + digits + (exponent < 0 ? "e-" : "e+") + power
  }
}

/// What a run produced.
public struct TrainingResult<T: Scalar>: Sendable {
  /// Every record, in order (kept even when the run diverged).
  public var records: [Record]
  /// The evaluation of the returned parameters (after the last step, or the restored best).
  /// Nil when the run diverged.
  public var final: Record?
  /// The learned parameters (on divergence: the last finite ones).
  public var model: TrainedModel<T>
  /// Why training ended: budget spent, converged, stopped early or diverged.
  public var stopReason: StopReason
  /// Optimizer steps applied, by the sub-model that applied the most (one-vs-rest, one-vs-one;
  /// on divergence: up to the parameters whose loss went out of bounds, its `iteration`).
  public var iterations: Int
  /// The training set's loss, metrics and penalty (no held-out set) at budget unit
  /// `Trainer.probeUnits(_:).half` and `.late` (half and nine tenths of the run), taken
  /// whatever `record_every` is, so that how training ended (still falling or not) is judged
  /// alike however often the run records; not written to `metrics.csv`. Nil when the run
  /// ended before the unit, has fewer than two units, or went on from a checkpoint past it.
  public var half: Record? = nil
  /// See `half`.
  public var late: Record? = nil
  /// Per model, the largest finite loss an optimizer step returned (its batch's mean loss at
  /// the parameters before the step, without the penalty for all but L-BFGS), whatever
  /// `record_every` is; nil when the run went on from a checkpoint that did not keep it.
  public var stepPeaks: [Double?]? = nil
  /// Where the loop stood, when `Trainer.train(saveCheckpoint: true)` asked and the run can go
  /// on (not diverged, converged or solved).
  public var checkpoint: TrainingCheckpoint? = nil
  /// The exact solver found the design rank-deficient, first at this 0-based feature, and gave
  /// the minimum-norm solution (`TrainingConfiguration.minimumNormWhenRankDeficient`); else nil.
  public var minimumNormFeature: Int? = nil

  /// The divergence, if the run diverged (the Pipeline maps it to exit code 1).
  public var divergence: Divergence? {
    if case .diverged(let d) = stopReason { return d }
    return nil
  }
}

/// Reported to the caller while training runs.
public enum TrainingEvent: Sendable {
  /// A new record (also appended to the result).
  case record(Record)
  /// `done` of `total` optimizer steps applied: after about every 1% of the epochs or
  /// iterations, and eight times per doubling of them before the first 1% (with an epoch budget:
  /// at an epoch's end, and about every 1% of the steps within epochs).
  case progress(done: Int, total: Int)
}
