extension SpecValidator {
  /// The warning, at the target, when the data has many classes for its training rows
  /// (`DataFacts.targetLooksContinuous`: more than 50 classes, fewer than 5 training rows each on
  /// average) and no rule refuses the spec: each class is learned from a handful of rows (an ID
  /// or a real value read as labels, most often), as scikit-learn warns that the least
  /// populated class has only a few members. The run's confusion matrix is then listed in
  /// `confusion_matrix.csv`, not drawn.
  mutating func warnManyClasses(_ facts: DataFacts) {
    guard facts.targetLooksContinuous, let classes = facts.classes,
      let train = facts.trainSamples, !diagnostics.contains(where: { $0.severity == .error })
    else { return }
    let tenths = (train * 10 + classes / 2) / classes
    warning(
      targetPath,
      "the labels make \(classes) classes for the \(train) rows of the training set "
        + "(\(tenths / 10).\(tenths % 10) rows per class on average): too few to learn each "
        + "class from",
      note: "is the target an ID or a real value read as class labels? for a real value, "
        + Self.regressionAdvice + "; to classify, give each class more rows (or merge rare "
        + "classes)")
  }
}
