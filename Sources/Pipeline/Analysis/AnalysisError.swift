import Datasets
import Engine
import Reports

/// Why one of the analysis reports (saved parameters, bootstrap, curves, predictions) could not
/// be produced. Descriptions are written for the user and name the report concerned.
public enum AnalysisError: Error, Sendable, CustomStringConvertible {
  /// A model trained for a report was refused by the engine (`what` names the report and round;
  /// `featureNames`, the model's input columns, name a collinear one).
  case training(what: String, TrainingError, featureNames: [String]? = nil)
  /// A model trained for a report diverged.
  case diverged(what: String, Divergence)
  /// The preprocessing fitted on the training rows of a model trained for a report (a
  /// learning-curve point, a bootstrap round) could not be applied.
  case preprocessing(what: String, DataError)
  /// The bootstrap decomposition could not be computed.
  case decomposition(DecompositionError)
  /// The bootstrap needs something the spec does not provide (e.g. a test set).
  case bootstrap(String)
  /// A learning or validation curve cannot be computed as the spec asks.
  case curve(String)
  /// Saved parameters could not be read or do not fit the model.
  case parameters(String)
  /// A report table could not be built.
  case table(String)

  /// Whether a model trained for a report found its exact least-squares system singular (or
  /// had fewer rows than unknowns).
  public var isSingular: Bool {
    if case .training(_, let error, _) = self { error.isUnsolvable } else { false }
  }

  /// The message for the user, prefixed with the report concerned (e.g. `saved parameters:`).
  public var description: String {
    switch self {
    case .training(let what, let error, let names):
      "\(what): \(error.described(featureNames: names))"
    case .diverged(let what, let divergence): "\(what): \(divergence)"
    case .preprocessing(let what, let error):
      "\(what): the preprocessing fitted on its training rows: \(error)"
    case .decomposition(let error): "bias/variance decomposition: \(error)"
    case .bootstrap(let message): "bias/variance decomposition: \(message)"
    case .curve(let message): message
    case .parameters(let message): "saved parameters: \(message)"
    case .table(let message): message
    }
  }
}
