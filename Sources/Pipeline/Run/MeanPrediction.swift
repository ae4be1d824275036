import Engine

/// A regression's baseline: the training loss of predicting each target column's training
/// mean (scikit-learn's R² compares with it: for mse, a train R² below 0 is a loss above it).
enum MeanPrediction {
  /// The mean `loss` of predicting each column of `targets` by its mean, each row's loss as
  /// training computes it (`Loss.sampleLosses`); nil for a classification loss or no targets.
  static func loss<T: Scalar>(_ loss: Loss, targets: Matrix<T>) -> Double? {
    let rows = targets.rows
    let cols = targets.cols
    guard !loss.isClassification, rows > 0, cols > 0 else { return nil }
    var means = [Double](repeating: 0, count: cols)
    for i in 0..<rows {
      for j in 0..<cols { means[j] += targets[i, j].doubleValue }
    }
    let row = means.map { T($0 / Double(rows)) }
    let predictions = Matrix(
      rows: rows, cols: cols, storage: Array((0..<rows).map { _ in row }.joined()))
    guard let losses = loss.sampleLosses(outputs: predictions, targets: targets) else { return nil }
    return losses.reduce(0, +) / Double(rows)
  }
}
