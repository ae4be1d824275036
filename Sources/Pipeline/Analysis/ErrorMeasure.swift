import Engine

/// The error the diagnosis and the curves compare, as `bias_variance.csv` measures it: the
/// misclassified fraction for runs judged as classes (`Metric.judgesClasses`: a classification
/// loss, or a regression loss whose metrics score classes, a perceptron's), computed from the
/// count, so 15 of 50 is exactly 0.3; the mean loss otherwise.
struct ErrorMeasure: Sendable {
  /// True for runs judged as classes.
  let classification: Bool

  /// The measure of a run of `configuration`, whose metrics hold the spec's (and the accuracy
  /// `RunConfiguration` adds to a run judged as classes).
  init(_ configuration: TrainingConfiguration) {
    classification = Metric.judgesClasses(
      classificationLoss: configuration.loss.isClassification, recording: configuration.metrics)
  }

  /// The metrics a training run must evaluate for this measure.
  var metrics: [Metric] { classification ? [.accuracy] : [] }

  /// The error of an evaluation of `count` samples (nil without an evaluation).
  func error(_ evaluation: Evaluation?, count: Int) -> Double? {
    guard let evaluation else { return nil }
    guard classification, let accuracy = evaluation.metrics[.accuracy] else {
      return evaluation.loss
    }
    guard count > 0 else { return 1 - accuracy }
    return (Double(count) * (1 - accuracy)).rounded() / Double(count)
  }
}
