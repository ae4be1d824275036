/// The loss of each sample, for the spread of a mean loss (its sampling error).
extension Loss {
  /// Each row's regression loss (the mean over its outputs, as the mean loss averages them),
  /// computed as training computes it; nil for a classification loss or shapes that differ.
  public func sampleLosses<T: Scalar>(outputs: Matrix<T>, targets: Matrix<T>) -> [Double]? {
    guard !isClassification, outputs.rows == targets.rows, outputs.cols == targets.cols,
      outputs.rows > 0, outputs.cols > 0
    else { return nil }
    let kind: Int
    var delta: T = 0
    switch self {
    case .mae: kind = 1
    case .huber(let d):
      kind = 2
      delta = T(d)
    default: kind = 0
    }
    let cols = outputs.cols
    return outputs.storage.withUnsafeBufferPointer { a in
      targets.storage.withUnsafeBufferPointer { y in
        (0..<outputs.rows).map { row in
          LossKernels.regression(
            kind: kind, delta: delta, a: a.baseAddress! + row * cols,
            y: y.baseAddress! + row * cols, count: cols, da: nil, scale: 0) / Double(cols)
        }
      }
    }
  }
}
