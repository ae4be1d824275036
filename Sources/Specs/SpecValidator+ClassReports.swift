/// Rules on the report keys that only make sense for some numbers of classes: checked from the
/// spec when it shows the classes (`DatasetSpec.classesShown`), else from the data's.
extension SpecValidator {
  /// `report.bias_variance.base_error` above (k−1)/k, and a bootstrap `mse` on 3 or more
  /// classes, refused for `classes` classes counted `found` (` in dataset.classes`, ` in the
  /// data (a, b, c)`).
  mutating func checkClassReports(_ classes: Int, _ found: String) {
    guard classes >= 2 else { return }
    checkBaseErrorBound(classes, found)
    // mse on class indices squares the distance between class numbers: predicting c for a
    // costs 4 and b for a costs 1, a figure renaming the classes changes (mlxtend's
    // `bias_variance_decomp(loss='mse')` on label-encoded classes computes the same number).
    // On two classes, 0/1, it is each prediction's 0-1 loss.
    error(
      if: spec.report.bootstrap?.loss == .mse && spec.loss.kind.isClassification
        && spec.model.kind != .linreg && classes > 2,
      "report.bootstrap.loss",
      "mse on \(classes) classes\(found) would square the distance between class numbers, "
        + "which renaming the classes changes",
      note: "zero_one decomposes the misclassified fraction; mse suits real values or two classes",
      fixIt: "loss: zero_one")
  }

  /// No classifier errs more than (k−1)/k on k classes: always answering the most common class
  /// does at least that well, so the Bayes error, which `base_error` estimates, is at most it.
  private mutating func checkBaseErrorBound(_ classes: Int, _ found: String) {
    let bound = Double(classes - 1) / Double(classes)
    guard spec.judgesClasses, let base = spec.report.biasVariance.baseError, base > bound,
      base <= 1
    else { return }
    // base > (k−1)/k ≥ 1/k, so the accuracy reading 1 − base is always within the bound.
    let complement = YAMLText.clean(((1 - base) * 1e12).rounded() / 1e12)
    error(
      "report.bias_variance.base_error",
      "base_error \(YAMLText.clean(base)) is above (k−1)/k = \(classes - 1)/\(classes), the most "
        + "a model errs on \(classes) classes\(found) (always answering the most common class "
        + "does at least that well)",
      note: "base_error is an error rate, not an accuracy: an accuracy of "
        + "\(YAMLText.clean(base)) is base_error \(complement)",
      fixIt: "base_error: \(complement)")
  }
}
