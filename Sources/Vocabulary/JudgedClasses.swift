/// Whether a run's outputs are judged as classes: its bias/variance diagnosis, its curves'
/// errors and `report.bias_variance.base_error` are then fractions misclassified (1 − accuracy),
/// else losses in the loss's units.
extension Metric {
  /// True under a classification loss, or under a regression loss whose run records a
  /// classification metric: a perceptron's step output or a sigmoid output trained with mse
  /// (the spec allows such metrics on one column of 0/1 targets only, an output above 0.5
  /// counting as class 1), whose classes are what the spec asks to be scored.
  public static func judgesClasses(
    classificationLoss: Bool, recording metrics: some Sequence<Metric>
  ) -> Bool {
    classificationLoss || metrics.contains(where: \.isClassification)
  }
}
