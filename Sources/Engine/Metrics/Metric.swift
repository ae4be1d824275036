import Conventions

/// A figure reported beside the loss. Names are the spec's.
///
/// Classification metrics compare predicted labels (threshold 0.5 for one sigmoid output,
/// argmax otherwise) with the true labels; `precision`, `recall` and `f1` are for the positive
/// class 1 with two classes and macro averages with more. Regression metrics compare outputs
/// with targets over every element.
public enum Metric: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
  case accuracy
  case precision
  case recall
  case f1
  case precisionMacro = "precision_macro"
  case recallMacro = "recall_macro"
  case f1Macro = "f1_macro"
  /// Mean negative log-likelihood of the true class (equals the loss for bce / cross-entropy;
  /// for one-vs-rest / one-vs-one: the mean binary cross-entropy of the component models).
  case logLoss = "log_loss"
  case mse
  case rmse
  case mae
  case r2

  public var description: String { rawValue }

  /// True for scores that grow as the model improves (accuracy, f1, r2, …); false for losses
  /// and errors (log_loss, mse, rmse, mae).
  public var higherIsBetter: Bool {
    switch self {
    case .logLoss, .mse, .rmse, .mae: false
    default: true
    }
  }

  /// True for metrics of labels rather than of real-valued outputs.
  public var isClassification: Bool {
    switch self {
    case .mse, .rmse, .mae, .r2: false
    default: true
    }
  }

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

  /// The metric from real-valued predictions and targets (same count).
  public static func regression(_ metric: Metric, predictions: [Double], targets: [Double]) -> Double {
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

  /// `R² = 1 − Σ(y − p)² / Σ(y − ȳ)²` (scikit-learn's `r2_score`; 0 residual and constant
  /// targets give 1, otherwise constant targets give 0).
  public static func r2(_ p: [Double], _ y: [Double]) -> Double {
    guard !p.isEmpty else { return .nan }
    let mean = y.reduce(0, +) / Double(y.count)
    var ssRes = 0.0
    var ssTot = 0.0
    for i in p.indices {
      ssRes += (y[i] - p[i]) * (y[i] - p[i])
      ssTot += (y[i] - mean) * (y[i] - mean)
    }
    if ssTot == 0 { return ssRes == 0 ? 1 : 0 }
    return 1 - ssRes / ssTot
  }
}
