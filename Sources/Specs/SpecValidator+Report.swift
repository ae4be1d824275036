/// Rules on the reports: the bootstrap decomposition and the curves need held-out data.
extension SpecValidator {
  mutating func checkReport() {
    let report = spec.report
    let realValues =
      spec.model.kind == .linreg
      ? "linreg predicts real values" : "the loss \(spec.loss.kind.rawValue) gives real values"
    // A classifier's regression loss is refused at the loss (`checkModelAndLoss`), whose route
    // to mse names this key: the error here follows from it, after it (it came first, from
    // the file, ahead of the `--set loss=mse` that caused it: AR4).
    let root = spec.model.kind == .linreg ? nil : reportedError(at: lossPath)
    error(
      if: report.bootstrap?.loss == .zeroOne
        && (spec.model.kind == .linreg || !spec.loss.kind.isClassification),
      "report.bootstrap.loss", "zero_one loss needs class predictions; \(realValues)",
      note: root.map {
        "this follows from the loss's error (\($0)): a fix there that keeps "
          + "\(spec.loss.kind.rawValue) needs this one too"
      }, fixIt: "loss: mse", follows: root)
    warning(
      if: report.validationCurve != nil && !spec.dataset.hasDev && spec.dataset.hasTest,
      "report.validation_curve.parameter",
      "the validation curve is measured on the test set: the value it picks is chosen on it",
      note: addDevSplit() + " to choose on a dev split and keep the test set for the final figure")
    // A point trains without records unless it stops early (`CurveTraining`): every point
    // would train the same model.
    error(
      if: report.validationCurve?.parameter == "record_every"
        && spec.optimizer.earlyStopping == nil && spec.model.solver != .exact,
      "report.validation_curve.parameter",
      "a validation curve over record_every would be flat: without optimizer.early_stopping "
        + "(which checks at each record) it changes no point's training, so every point trains "
        + "the same model",
      note: "vary a key that changes training, e.g. parameter: regularization.l2")
    guard !spec.dataset.hasDev && !spec.dataset.hasTest else { return }
    error(
      if: report.bootstrap != nil, "report.bootstrap",
      "the bias/variance decomposition predicts a held-out set, but there is no test or dev split",
      note: "add dataset.split.test (e.g. 0.2) or a test file")
    error(
      if: report.validationCurve != nil, "report.validation_curve",
      "a validation curve needs a dev or test split to measure",
      note: "add dataset.split.dev or a test file")
    error(
      if: report.learningCurve != nil, "report.learning_curve",
      "a learning curve needs a dev or test split to measure",
      note: "add dataset.split.dev or a test file")
  }
}
