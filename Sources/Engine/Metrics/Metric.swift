import Conventions

extension Metric {
  /// The metric from classification results.
  public static func classification(
    _ metric: Metric, confusion: ConfusionMatrix, logLoss: Double
  ) -> Double {
    let binary = confusion.classes == 2
    switch metric {
    case .accuracy: return confusion.accuracy
    case .precision: return binary ? confusion.precision(of: 1) : confusion.macroPrecision
    case .recall: return binary ? confusion.recall(of: 1) : confusion.macroRecall
    case .f1: return binary ? confusion.f1(of: 1) : confusion.macroF1
    case .precisionMacro: return confusion.macroPrecision
    case .recallMacro: return confusion.macroRecall
    case .f1Macro: return confusion.macroF1
    case .logLoss: return logLoss
    default: return .nan
    }
  }

  /// A ranking metric (`roc_auc`, `average_precision`) of class scores (one row per example)
  /// against the true class indices; NaN for other metrics.
  public static func ranking(_ metric: Metric, scores: Matrix<Double>, labels: [Int], classes: Int)
    -> Double
  {
    switch metric {
    case .rocAUC:
      return RankingMetrics.score(
        RankingMetrics.rocAUC, scores: scores, labels: labels, classes: classes)
    case .averagePrecision:
      return RankingMetrics.score(
        RankingMetrics.averagePrecision, scores: scores, labels: labels, classes: classes)
    default: return .nan
    }
  }

  /// `−mean log p[i, yᵢ]` of class probabilities (one row per example; one column: the
  /// positive class's) clipped to `[ε, 1 − ε]` (scikit-learn's `log_loss`).
  public static func logLoss(probabilities p: Matrix<Double>, labels: [Int]) -> Double {
    guard p.rows == labels.count, p.rows > 0 else { return .nan }
    var sum = 0.0
    for (i, y) in labels.enumerated() {
      let q = p.cols == 1 ? (y == 1 ? p[i, 0] : 1 - p[i, 0]) : p[i, y]
      sum -= Double.log(min(max(q, Double.ulpOfOne), 1 - Double.ulpOfOne))
    }
    return sum / Double(p.rows)
  }

  /// The metric from real-valued predictions and targets (same count, row-major with `columns`
  /// target columns): `rmse` and `r2` are taken per column and averaged, as scikit-learn's
  /// `multioutput="uniform_average"` (mse and mae are the same either way).
  public static func regression(
    _ metric: Metric, predictions: [Double], targets: [Double], columns: Int = 1
  ) -> Double {
    if columns > 1, metric == .rmse || metric == .r2 {
      let column = { (v: [Double], j: Int) in
        stride(from: j, to: v.count, by: columns).map { v[$0] }
      }
      let each = (0..<columns).map { j in
        regression(metric, predictions: column(predictions, j), targets: column(targets, j))
      }
      return each.reduce(0, +) / Double(columns)
    }
    switch metric {
    case .mse: return RegressionMetrics.meanSquaredError(predictions, targets)
    case .rmse: return RegressionMetrics.meanSquaredError(predictions, targets).squareRoot()
    case .mae: return RegressionMetrics.meanAbsoluteError(predictions, targets)
    case .r2: return RegressionMetrics.r2(predictions, targets)
    default: return .nan
    }
  }
}

/// Regression figures.
public enum RegressionMetrics {
  /// `mean((p − y)²)`.
  public static func meanSquaredError(_ p: [Double], _ y: [Double]) -> Double {
    guard !p.isEmpty else { return .nan }
    var s = 0.0
    for i in p.indices { s += (p[i] - y[i]) * (p[i] - y[i]) }
    return s / Double(p.count)
  }

  /// `mean(|p − y|)`.
  public static func meanAbsoluteError(_ p: [Double], _ y: [Double]) -> Double {
    guard !p.isEmpty else { return .nan }
    var s = 0.0
    for i in p.indices { s += abs(p[i] - y[i]) }
    return s / Double(p.count)
  }

  /// `R² = 1 − Σ(y − p)² / Σ(y − ȳ)²` (scikit-learn's `r2_score`; constant targets give 1 for
  /// an exact fit, otherwise 0). Constant means all targets equal, not `Σ(y − ȳ)² = 0`: the
  /// mean of equal values can be off by an ulp (ten 0.1s), which gave `R²` near −10³⁴;
  /// scikit-learn tests the sum, so it gives such values where numpy's mean is not exact.
  /// R² is scale-free: predictions and targets are first scaled by the power of two that brings
  /// the largest finite |target| into [1, 2), so that the squares of targets near 1e-160 (or
  /// 1e160) do not underflow into a perfect 1 (or overflow); exact, the same to the bit in range.
  public static func r2(_ p: [Double], _ y: [Double]) -> Double {
    guard !p.isEmpty else { return .nan }
    let largest = y.reduce(0.0) { $1.isFinite ? Swift.max($0, abs($1)) : $0 }
    let unit =
      largest > 0
      ? Double(sign: .plus, exponent: Swift.min(-largest.exponent, 1023), significand: 1) : 1
    let mean = y.reduce(0) { $0 + $1 * unit } / Double(y.count)
    var ssRes = 0.0
    var ssTot = 0.0
    for i in p.indices {
      let (yi, pi) = (y[i] * unit, p[i] * unit)
      ssRes += (yi - pi) * (yi - pi)
      ssTot += (yi - mean) * (yi - mean)
    }
    if ssTot == 0 || y.allSatisfy({ $0 == y[0] }) { return ssRes == 0 ? 1 : 0 }
    return 1 - ssRes / ssTot
  }
}
