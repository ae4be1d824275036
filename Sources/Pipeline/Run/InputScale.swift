import Datasets
import Engine
import Foundation
import Specs

/// Inputs far from −1…1 after preprocessing (raw pixels 0–255, sizes in square metres, or a
/// `scale` step that enlarges them): what makes gradient descent diverge or stall at a learning
/// rate that suits scaled inputs.
enum InputScale {
  /// The largest |input| of `data`'s training set, after preprocessing, when it is above 10 and
  /// `spec`'s preprocessing has no standardize or min_max step (a `scale` step does not count:
  /// it may enlarge them); nil otherwise (read only then).
  static func unscaled<T: Scalar>(_ spec: ExperimentSpec, _ data: PreparedData<T>) -> Double? {
    let fitted = spec.dataset.preprocessing.contains {
      switch $0 {
      case .standardize, .minMax: true
      case .flatten, .polynomial, .scale: false
      }
    }
    guard !fitted else { return nil }
    let value = data.train.examples.x.storage.reduce(0) { max($0, abs($1.doubleValue)) }
    return value > 10 ? value : nil
  }

  /// What a diverged run's help says of its inputs when they are `unscaled`; nil otherwise.
  static func advice<T: Scalar>(_ spec: ExperimentSpec, _ data: PreparedData<T>) -> String? {
    guard let value = unscaled(spec, data) else { return nil }
    let reach = "the inputs reach \(String(format: "%g", value))"
    let scales = spec.dataset.preprocessing.compactMap {
      if case .scale(let f) = $0 { f } else { nil }
    }
    guard let factor = scales.last else {
      return reach + " and no step of dataset.preprocessing scales them: add `- standardize` "
        + "(or `- scale: 1/255` for pixels)"
    }
    return reach + " after dataset.preprocessing's `scale: \(String(format: "%g", factor))`: "
      + "add `- standardize`, or scale them to about ±1"
  }
}
