import Engine

/// A regression's baseline: the training loss of predicting each target column's training
/// mean (scikit-learn's R² compares with it: for mse, a train R² below 0 is a loss above it).
enum MeanPrediction {
  /// The mean `loss` of predicting each column of `targets` (row-major, `cols` wide) by its
  /// mean; nil for a classification loss or no targets.
  static func loss<T: Scalar>(_ loss: Loss, targets: Matrix<T>) -> Double? {
    let rows = targets.rows
    let cols = targets.cols
    guard !loss.isClassification, rows > 0, cols > 0 else { return nil }
    var means = [Double](repeating: 0, count: cols)
    for i in 0..<rows {
      for j in 0..<cols { means[j] += targets[i, j].doubleValue }
    }
    for j in 0..<cols { means[j] /= Double(rows) }
    var total = 0.0
    for i in 0..<rows {
      for j in 0..<cols {
        let r = abs(targets[i, j].doubleValue - means[j])
        switch loss {
        case .mae: total += r
        case .huber(let delta): total += r < delta ? 0.5 * r * r : delta * (r - 0.5 * delta)
        default: total += r * r
        }
      }
    }
    return total / Double(rows * cols)
  }
}
