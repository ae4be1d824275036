import Engine
import Foundation

/// A model's baseline: for a regression the training loss of predicting each target column's
/// training mean (scikit-learn's R² compares with it: for mse, a train R² below 0 is a loss
/// above it); for a classifier the training error of predicting its most common class
/// (scikit-learn's `DummyClassifier(strategy="most_frequent")`).
enum MeanPrediction {
  /// The error of always predicting the most common label of `targets` (one label column, or
  /// the 0/1 targets of a regression judged as classes); nil for no targets.
  static func majorityError<T: Scalar>(targets: Matrix<T>) -> Double? {
    guard targets.rows > 0, targets.cols == 1 else { return nil }
    var counts: [Int: Int] = [:]
    for value in targets.storage { counts[Int(value.doubleValue), default: 0] += 1 }
    return Double(targets.rows - (counts.values.max() ?? 0)) / Double(targets.rows)
  }

  /// The mean `loss` of predicting every row's training class frequencies (the prior), each as
  /// training computes it: for binary cross-entropy the mean over the target columns of
  /// −p ln p − (1 − p) ln(1 − p), p the column's share of 1s; for cross-entropy −Σ pₖ ln pₖ over
  /// the classes' shares of the class-index column; for a regression loss on 0/1 targets judged
  /// as classes, predicting each column's share is predicting its mean (`loss`); nil for no
  /// targets.
  static func priorLoss<T: Scalar>(_ loss: Loss, targets: Matrix<T>) -> Double? {
    let (rows, cols) = (targets.rows, targets.cols)
    guard rows > 0, cols > 0 else { return nil }
    /// −Σ pₖ ln pₖ of `counts` out of `rows`.
    func entropy(_ counts: some Sequence<Int>) -> Double {
      counts.reduce(0) { sum, count in
        let p = Double(count) / Double(rows)
        return p > 0 ? sum - p * log(p) : sum
      }
    }
    switch loss {
    case .binaryCrossEntropy:
      var total = 0.0
      for j in 0..<cols {
        let ones = (0..<rows).count { targets[$0, j].doubleValue == 1 }
        total += entropy([ones, rows - ones])
      }
      return total / Double(cols)
    case .crossEntropy:
      guard cols == 1 else { return nil }
      var counts: [Int: Int] = [:]
      for value in targets.storage { counts[Int(value.doubleValue), default: 0] += 1 }
      // In class order: a dictionary's order changes between processes, and so would the sum's
      // last bit.
      return entropy(counts.sorted { $0.key < $1.key }.map(\.value))
    default:
      return Self.loss(loss, targets: targets)
    }
  }

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
