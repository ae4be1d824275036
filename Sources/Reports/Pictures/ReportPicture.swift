/// The pictures a run draws from its model and data (not from the CSVs): written into `plots/`
/// by the run, kept and embedded by `runner report`, which cannot redraw them.
public enum ReportPicture: String, Sendable, CaseIterable {
  /// Predicted class regions over two input features, with the training points.
  case decisionBoundary = "decision_boundary"
  /// Misclassified held-out images with predicted and actual labels.
  case misclassified
  /// Each first-layer unit's weights shown as an image.
  case firstLayerWeights = "first_layer_weights"
  /// ROC curve of a binary classifier.
  case rocCurve = "roc_curve"
  /// Precision-recall curve of a binary classifier.
  case precisionRecallCurve = "precision_recall_curve"
  /// Predicted against actual values (regression).
  case predictedVsActual = "predicted_vs_actual"
  /// Residuals against predicted values (regression).
  case residuals

  /// The file name inside `plots/`.
  public var fileName: String { rawValue + ".svg" }

  /// The caption of the picture in the report.
  public var title: String {
    switch self {
    case .decisionBoundary: "Decision boundary"
    case .misclassified: "Misclassified examples"
    case .firstLayerWeights: "First-layer weights"
    case .rocCurve: "ROC curve"
    case .precisionRecallCurve: "Precision-recall curve"
    case .predictedVsActual: "Predicted against actual"
    case .residuals: "Residuals"
    }
  }

  /// The picture as a report plot of the given SVG text.
  public func plot(svg: String) -> ReportPlot {
    ReportPlot(section: .picture, fileName: fileName, title: title, svg: svg)
  }
}
