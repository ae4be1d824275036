import Datasets
import Engine
import Specs

/// Regression targets whose square overflows the loss (mse on targets near 1e307): training
/// cannot start whatever the features or the learning rate, and the help names the target.
enum TargetScale {
  /// What a run that cannot start says of its targets when the largest |target| of `data`'s
  /// training set squares beyond its dtype: the column (`spec`'s target name) and the value;
  /// nil otherwise, or for classes.
  static func advice<T: Scalar>(_ spec: ExperimentSpec, _ data: PreparedData<T>) -> String? {
    let y = data.train.targets
    guard data.train.classIndices == nil,
      let i = y.storage.indices.max(by: { abs(y.storage[$0]) < abs(y.storage[$1]) }),
      y.storage[i].isFinite, !(y.storage[i] * y.storage[i]).isFinite
    else { return nil }
    let names: [String]
    switch spec.dataset.source {
    case .file(let file), .files(let file, _, _): names = file.targets
    case .named, .generator: names = []
    }
    let column = i % max(y.cols, 1)
    let name = column < names.count ? " '\(names[column])'" : ""
    return "the target\(name) reaches \(y.storage[i].doubleValue), whose square is beyond "
      + "\(T.dtype.rawValue) in the loss: rescale the target column (divide it by a power of ten)"
  }
}
