import Datasets
import Engine
import Foundation
import Reports
import Specs

/// Inputs far from −1…1 after preprocessing (raw pixels 0–255, sizes in square metres, or a
/// `scale` step that enlarges them): what makes gradient descent diverge or stall at a learning
/// rate that suits scaled inputs.
enum InputScale {
  /// Whether `spec`'s preprocessing has a standardize or min_max step (a `scale` or `normalize`
  /// step does not count: it may enlarge the inputs).
  static func fitsScale(_ spec: ExperimentSpec) -> Bool {
    spec.dataset.preprocessing.contains {
      switch $0 {
      case .standardize, .minMax: true
      case .flatten, .polynomial, .scale, .normalize: false
      }
    }
  }

  /// The largest |input| of `data`'s training set, after preprocessing, when it is above 10 and
  /// `spec`'s preprocessing has no standardize or min_max step (a `scale` step does not count:
  /// it may enlarge them); nil otherwise (read only then).
  static func unscaled<T: Scalar>(_ spec: ExperimentSpec, _ data: PreparedData<T>) -> Double? {
    let fitted = fitsScale(spec)
    guard !fitted else { return nil }
    let value = data.train.examples.x.storage.reduce(0) { max($0, abs($1.doubleValue)) }
    return value > 10 ? value : nil
  }

  /// The inputs' spread (`DiagnosisContext.InputSpread`) when `spec`'s preprocessing has no
  /// standardize or min_max step and a training input's standard deviation is below 0.1 or
  /// above 10, or the largest is over ten times the smallest; constant inputs are left out.
  static func spread<T: Scalar>(_ spec: ExperimentSpec, _ data: PreparedData<T>)
    -> DiagnosisContext.InputSpread?
  {
    let fitted = fitsScale(spec)
    let x = data.train.examples.x
    guard !fitted, x.rows > 0 else { return nil }
    let names = data.modelFeatureNames
    // The standardize step's own statistics: a column constant up to rounding has std 0.
    let (_, std) = ColumnStatistics.meanAndStd(x)
    let deviations = std.enumerated().compactMap { j, deviation in
      deviation > 0
        ? (name: names.flatMap { $0.count == x.cols ? $0[j] : nil }, deviation: deviation) : nil
    }
    guard let smallest = deviations.min(by: { $0.deviation < $1.deviation }),
      let largest = deviations.max(by: { $0.deviation < $1.deviation }),
      smallest.deviation < 0.1 || largest.deviation > 10
        || largest.deviation > 10 * smallest.deviation
    else { return nil }
    return DiagnosisContext.InputSpread(smallest: smallest, largest: largest)
  }

  /// What a diverged run's help says of its inputs when they are `unscaled`, or, when `tiny`
  /// (L-BFGS met its tolerance before any step because of them), of tiny inputs that no
  /// standardize or min_max step scales; nil otherwise.
  static func advice<T: Scalar>(_ spec: ExperimentSpec, _ data: PreparedData<T>, tiny: Bool = false)
    -> String?
  {
    if tiny {
      let fitted = fitsScale(spec)
      let value = data.train.examples.x.storage.reduce(0) { max($0, abs($1.doubleValue)) }
      guard !fitted, value > 0 else { return nil }
      return "the inputs reach only \(String(format: "%g", value)) and no step of "
        + "dataset.preprocessing scales them: add `- standardize`"
    }
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
