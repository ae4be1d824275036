extension ExperimentSpec {
  /// True when the run's outputs are judged as classes (`Metric.judgesClasses`): a
  /// classification loss, or a regression loss with classification metrics listed.
  public var judgesClasses: Bool {
    Metric.judgesClasses(classificationLoss: loss.kind.isClassification, recording: metrics)
  }
}
