import Datasets
import Engine
import Specs

/// Inputs far from −1…1 with no preprocessing step that scales them (raw pixels 0–255, sizes in
/// square metres): what makes gradient descent diverge or stall at a learning rate that suits
/// scaled inputs.
enum InputScale {
  /// The largest |input| of `data`'s training set when `spec`'s preprocessing has no
  /// standardize, min_max or scale step and it is above 10; nil otherwise (read only then).
  static func unscaled<T: Scalar>(_ spec: ExperimentSpec, _ data: PreparedData<T>) -> Double? {
    let scaled = spec.dataset.preprocessing.contains {
      switch $0 {
      case .standardize, .minMax, .scale: true
      case .flatten, .polynomial: false
      }
    }
    guard !scaled else { return nil }
    let value = data.train.examples.x.storage.reduce(0) { max($0, abs($1.doubleValue)) }
    return value > 10 ? value : nil
  }
}
