/// Rules on the reports: the bootstrap decomposition and the curves need held-out data.
extension SpecValidator {
  mutating func checkReport() {
    if let b = spec.report.bootstrap, b.loss == .zeroOne, spec.model.kind == .linreg {
      error(
        "report.bootstrap.loss",
        "zero_one loss needs class predictions; linreg predicts real values", fixIt: "loss: mse")
    } else if let b = spec.report.bootstrap, b.loss == .zeroOne, !spec.loss.kind.isClassification {
      error(
        "report.bootstrap.loss",
        "zero_one loss needs class predictions; the loss \(spec.loss.kind.rawValue) gives real values",
        fixIt: "loss: mse")
    }
    if spec.report.bootstrap != nil && !hasDev && !hasTest {
      error(
        "report.bootstrap",
        "the bias/variance decomposition predicts a held-out set, but there is no test or dev split",
        note: "add dataset.split.test (e.g. 0.2) or a test file")
    }
    if spec.report.validationCurve != nil && !hasDev && !hasTest {
      error(
        "report.validation_curve", "a validation curve needs a dev or test split to measure",
        note: "add dataset.split.dev or a test file")
    }
    if spec.report.learningCurve != nil && !hasDev && !hasTest {
      error(
        "report.learning_curve", "a learning curve needs a dev or test split to measure",
        note: "add dataset.split.dev or a test file")
    }
  }
}
