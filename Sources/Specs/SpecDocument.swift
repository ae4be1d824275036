/// Which of the runner's YAML files a message is about: the experiment spec, or the project's
/// `runner.yaml`, which is no spec (its errors must not send the user to a spec that is fine).
public enum SpecDocument: Sendable, Equatable {
  /// An experiment spec.
  case spec
  /// The project configuration, `runner.yaml`.
  case projectConfiguration

  /// The document as an object in a message: `cannot read spec '…'`.
  var object: String {
    switch self {
    case .spec: "spec"
    case .projectConfiguration: "the project configuration"
    }
  }

  /// The document as a subject in a message: `the spec is not valid UTF-8`.
  var subject: String { self == .spec ? "the spec" : object }
}
