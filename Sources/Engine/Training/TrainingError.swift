/// Why the engine refused or stopped a run. Descriptions are written for the user.
public enum TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The configuration does not fit the data (early stopping without a dev set, explicit
  /// initial values of another shape).
  case invalidConfiguration(String)
  /// The data does not fit the model (feature counts, label values, empty sets).
  case shapeMismatch(String)
  /// The data holds NaN or infinite values.
  case nonFiniteInput(String)
  /// The normal equations are singular (exact least squares without L2 on collinear features).
  case singular(String)

  /// The reason for the user, after the kind of problem (`data does not fit the model: …`).
  public var description: String {
    switch self {
    case .invalidConfiguration(let s): "invalid training configuration: \(s)"
    case .shapeMismatch(let s): "data does not fit the model: \(s)"
    case .nonFiniteInput(let s): "input contains non-finite values: \(s)"
    case .singular(let s): "cannot solve least squares: \(s)"
    }
  }
}

/// The loss became NaN or infinite: training stopped at `iteration` (the update that produced
/// it); the records before it are kept in the result.
public struct Divergence: Error, Sendable, Equatable, CustomStringConvertible {
  /// Optimizer step (1-based count of updates applied) at which the loss stopped being finite.
  public var iteration: Int
  /// The offending loss value (NaN or ±∞).
  public var loss: Double

  /// The iteration and the loss value, with a hint to lower `learning_rate`.
  public var description: String {
    "training diverged at iteration \(iteration): the loss became \(loss) (try a smaller learning_rate)"
  }
}
