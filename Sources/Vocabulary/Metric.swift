/// A figure reported beside the loss. Names are the spec's.
///
/// Declared once for the spec language and the engine. Classification metrics compare
/// predicted labels (1 above 0.5 for one sigmoid output, argmax otherwise) with the true
/// labels; `precision`, `recall` and `f1` are for the positive class 1 with two classes and
/// macro averages with more. Regression metrics compare outputs with targets over every element.
public enum Metric: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
  case accuracy, precision, recall, f1
  case precisionMacro = "precision_macro"
  case recallMacro = "recall_macro"
  case f1Macro = "f1_macro"
  /// Mean negative log-likelihood of the true class (equals the loss for bce / cross-entropy;
  /// for one-vs-rest / one-vs-one: the mean binary cross-entropy of the component models).
  case logLoss = "log_loss"
  /// Area under the ROC curve of the positive class's score (scikit-learn's `roc_auc_score`;
  /// with more classes the macro mean of each class against the rest).
  case rocAUC = "roc_auc"
  /// Precision averaged over recall steps, `Σ (Rₙ − Rₙ₋₁) Pₙ` (scikit-learn's
  /// `average_precision_score`; with more classes the macro mean of each class against the rest).
  case averagePrecision = "average_precision"
  /// Not a score: listing it writes the classifier's `confusion_matrix.csv`.
  case confusionMatrix = "confusion_matrix"
  case mse, rmse, mae, r2

  /// The metric's spec and results-file name, e.g. `log_loss`.
  public var description: String { rawValue }

  /// False for `confusion_matrix`, a table rather than a number per record.
  public var isScore: Bool { self != .confusionMatrix }

  /// True for scores that grow as the model improves (accuracy, f1, r2, …); false for losses
  /// and errors (log_loss, mse, rmse, mae).
  public var higherIsBetter: Bool { ![.logLoss, .mse, .rmse, .mae].contains(self) }

  /// True for metrics of the scores' ranking (`roc_auc`, `average_precision`), not of labels.
  public var isRanking: Bool { self == .rocAUC || self == .averagePrecision }

  /// True for metrics of labels rather than of real-valued outputs.
  public var isClassification: Bool { ![.mse, .rmse, .mae, .r2].contains(self) }
}
