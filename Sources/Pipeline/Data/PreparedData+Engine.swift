import Datasets
import Engine
import Reports

extension Partition {
  /// The partition as engine examples: class indices for classifiers, target values otherwise.
  var examples: Examples<T> {
    if let classIndices { return Examples(x: features, labels: classIndices) }
    return Examples(x: features, y: targets)
  }
}

extension PreparedData {
  /// The evaluation splits present, in column order.
  var splits: [Reports.Split] {
    var out: [Reports.Split] = [.train]
    if trainDev != nil { out.append(.trainDev) }
    if dev != nil { out.append(.dev) }
    if test != nil { out.append(.test) }
    return out
  }

  /// Number of classes for classification (nil for regression): the class names' count when
  /// known, else one more than the largest label seen in any split (at least 2).
  var classCount: Int? {
    guard train.classIndices != nil else { return nil }
    if let classNames { return classNames.count }
    let largest = partitions.compactMap { $0.classIndices?.max() }.max() ?? 1
    return max(2, largest + 1)
  }
}
