/// Why the engine refused or stopped a run. Descriptions are written for the user.
public enum TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The configuration does not fit the data (early stopping without a dev set, explicit
  /// initial values of another shape).
  case invalidConfiguration(String)
  /// The data does not fit the model (feature counts, label values, empty sets).
  case shapeMismatch(String)
  /// The data holds NaN or infinite values.
  case nonFiniteInput(String)
  /// The design is singular (exact least squares without L2 on collinear features):
  /// `feature` (0-based) is (nearly) a linear combination of the ones before it.
  case singular(feature: Int)
  /// Exact least squares without L2 on fewer training rows than unknowns (`features` + bias):
  /// singular whatever the features, so no feature is to blame.
  case tooFewRows(rows: Int, features: Int)
  /// A saved training state that cannot start this run (`Trainer.train(resume:)`).
  case checkpoint(String)
  /// The exact least-squares solution, or its training loss, is beyond the range of `dtype`
  /// (targets near 1e308 square to ∞; features near 1e-310 need weights beyond it; targets
  /// near 1e-160 square below its normal numbers): `loss` is the loss in float64.
  case outOfRange(loss: Double, dtype: DType = .float64, cause: RangeCause = .lossTooLarge)

  /// The reason for the user, after the kind of problem (`data does not fit the model: …`).
  public var description: String {
    switch self {
    case .invalidConfiguration(let s): "invalid training configuration: \(s)"
    case .shapeMismatch(let s): "data does not fit the model: \(s)"
    case .nonFiniteInput(let s): "input contains non-finite values: \(s)"
    case .singular: described(featureNames: nil)
    case .tooFewRows(let rows, let features):
      "cannot solve least squares: \(LinearSolver.tooFewRows(rows, features: features))"
    case .checkpoint(let s): "cannot go on from the saved training state: \(s)"
    case .outOfRange(let loss, let dtype, let cause):
      "cannot solve least squares: " + cause.described(loss: loss, dtype: dtype)
    }
  }

  /// Whether exact least squares found no unique solution (`.singular`, `.tooFewRows`): a
  /// report's model trained on few rows fails as a point or a round, not the run.
  public var isUnsolvable: Bool {
    switch self {
    case .singular, .tooFewRows: true
    default: false
    }
  }

  /// The description, naming the collinear feature of `.singular` by its column name when
  /// `featureNames` (the model's input columns, after preprocessing) has one:
  /// `feature 8 ('s4') is (nearly) a linear combination …`.
  public func described(featureNames: [String]?) -> String {
    guard case .singular(let j) = self else { return description }
    return "cannot solve least squares: \(Self.feature(j, featureNames)) is (nearly) a linear "
      + "combination of the others (remove it or add l2)"
  }

  /// `feature 8 ('s4')` for the 0-based column `j`, or `feature 8` when `featureNames` has no
  /// name for it.
  public static func feature(_ j: Int, _ featureNames: [String]?) -> String {
    let name = featureNames.flatMap { j < $0.count && !$0[j].isEmpty ? " ('\($0[j])')" : nil }
    return "feature \(j + 1)\(name ?? "")"
  }
}

/// The loss became NaN or infinite, or exceeded `limit` (the divergence factor times its
/// starting value): training stopped at `iteration`, numbered as `metrics.csv` numbers its rows
/// (the parameters after that many updates had the loss); the records before it are kept.
public struct Divergence: Error, Sendable, Equatable, CustomStringConvertible {
  /// The updates applied to the parameters whose loss went out of bounds (0: the initial ones).
  public var iteration: Int
  /// With an epoch budget, the epoch those parameters belong to (1-based: an update of epoch
  /// `e` makes a parameter state of epoch `e`, as `metrics.csv`'s row `e` ends it); else nil.
  public var epoch: Int?
  /// The offending loss value (NaN, ±∞ or a finite value above `limit`).
  public var loss: Double
  /// The bound a finite loss exceeded (nil when the loss was not finite).
  public var limit: Double?
  /// The data loss when the objective (`loss` + the penalty, `train_cost`) went out of bounds
  /// while the data loss stayed finite (weights thrown to 1e30 by a step); nil for the loss.
  public var dataLoss: Double? = nil
  /// The largest gradient component when L-BFGS's line search could take no step that lowers
  /// the loss: from the initial parameters, or from a gradient beyond float64's range (inputs
  /// near 1e100 or 1e300), whatever the learning rate.
  public var gradient: Double? = nil
  /// With `gradient` (then the largest of the features' weights'): L-BFGS stopped with those
  /// weights unmoved only because the inputs are tiny (features near 1e-7), not because no
  /// step lowered the loss.
  public var tinyInputs = false

  /// A divergence at `iteration` (in `epoch` with an epoch budget) with loss `loss`, over
  /// `limit` when it was finite.
  public init(iteration: Int, epoch: Int? = nil, loss: Double, limit: Double? = nil) {
    self.iteration = iteration
    self.epoch = epoch
    self.loss = loss
    self.limit = limit
  }

  /// True when the loss was not finite before any update: the data or the initial parameters,
  /// not the learning rate, are at fault.
  public var atStart: Bool { iteration == 0 && !loss.isFinite && dataLoss == nil }

  /// The iteration and the loss value, with a hint to lower `learning_rate` (or, at the start,
  /// to scale the data).
  public var description: String {
    // A NaN's sign bit means nothing: `nan`, as metrics.csv writes it, never `-nan`.
    let shown = loss.isNaN ? "nan" : "\(loss)"
    if atStart {
      return "training cannot start: the loss of the initial parameters is \(shown) "
        + "(values too large for the loss: scale or standardize the features and targets)"
    }
    let at = StopReason.step(iteration, epoch)
    if let gradient, tinyInputs {
      return "\(DivergedStopReason.prefix) at \(at): the gradient of the features' weights "
        + "(largest component \(StopReason.short(gradient))) is within optimizer.tolerance only "
        + "because the features are tiny, so those weights never moved: the features are too "
        + "small to train on as they are"
    }
    if let gradient {
      return "\(DivergedStopReason.prefix) at \(at): the line search found no step that lowers "
        + "the loss (largest gradient component \(StopReason.short(gradient))): the features are "
        + "too large to train on as they are"
    }
    if let dataLoss {
      return "\(DivergedStopReason.prefix) at \(at): the objective train_cost became \(shown) "
        + "(the loss \(StopReason.short(dataLoss)) plus the weights' penalty: the weights grew "
        + "out of range; try a smaller learning_rate or scale the features)"
    }
    guard let limit, loss.isFinite else {
      return "\(DivergedStopReason.prefix) at \(at): the loss became \(shown) "
        + "(try a smaller learning_rate)"
    }
    return "\(DivergedStopReason.prefix) at \(at): the loss \(StopReason.short(loss)) "
      + "exceeded \(StopReason.short(limit)) (optimizer.divergence_factor times its starting "
      + "value; try a smaller learning_rate)"
  }
}
