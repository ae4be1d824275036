import Engine
import Foundation
import Specs

/// The shapes a spec's model gives its parameters, checked against saved ones before they are
/// used, as `init: {from: DIR}` checks them (an 8-unit hidden layer never stands in for 4).
extension SavedParameters {
  /// The widths of every network of `configuration`'s model (`ModelKind.widths`).
  static func widths(
    _ configuration: TrainingConfiguration, features: Int, classes: Int?, targets: Int
  ) -> [Int] {
    configuration.model.widths(features: features, classes: classes, targets: targets)
  }

  /// Why `model` does not have `widths` (the first layer that differs), or nil when it does.
  static func shapeMismatch<T: Scalar>(_ model: TrainedModel<T>, widths: [Int]) -> String? {
    let networks: [(String, Network<T>)]
    switch model {
    case .network(let n): networks = [("", n)]
    case .oneVsRest(let ns): networks = ns.enumerated().map { ("class \($0.offset), ", $0.element) }
    case .oneVsOne(let pairs):
      networks = pairs.map { ("pair \($0.negative)-\($0.positive), ", $0.network) }
    }
    for (name, network) in networks {
      for (l, layer) in network.layers.enumerated() where l + 1 < widths.count {
        let (rows, cols) = (widths[l], widths[l + 1])
        if layer.weights.rows != rows || layer.weights.cols != cols || layer.bias.count != cols {
          return "\(name)layer \(l + 1): saved weights are \(layer.weights.rows)×"
            + "\(layer.weights.cols) with \(layer.bias.count) biases; the spec's model needs "
            + "\(rows)×\(cols) with \(cols)"
        }
      }
    }
    return nil
  }

  /// The error for saved parameters of another shape: located at the spec's `model.layers`
  /// (an MLP's) or `model`, exit 65.
  static func shapeError(_ message: String, directory: URL, loaded: LoadedSpec) -> PipelineError {
    var key = SpecPath("model")
    if loaded.spec.model.kind == .mlp { key = SpecPath("model.layers") }
    let error = TrainingError.invalidConfiguration(
      "saved parameters in \(directory.path) do not fit this spec's model: \(message) "
        + "(were they saved by a run of another spec?)")
    return .training(
      error, diagnostic: loaded.sourceMap.diagnostic(.error, at: key, "\(error)"))
  }
}
