import Conventions

/// Rules on starting from saved parameters (`model.init.from`).
extension SpecValidator {
  /// The analyses that train models of their own (learning-curve points, bootstrap rounds,
  /// validation-curve points) start them where the run starts, from the saved, already trained
  /// weights: they measure fine-tuning from them, where scikit-learn's `learning_curve` and
  /// mlxtend's decomposition refit from scratch. Warned at `model.init.from`.
  mutating func checkWarmStart() {
    guard case .from = spec.model.initialization else { return }
    let report = spec.report
    let analyses = [
      report.learningCurve == nil ? nil : "learning-curve point",
      report.bootstrap == nil ? nil : "bootstrap round",
      report.validationCurve == nil ? nil : "validation-curve point",
    ].compactMap { $0 }
    guard !analyses.isEmpty else { return }
    let listed = analyses.listed()
    warning(
      "model.init.from",
      "every \(listed) starts from the saved, already trained weights, so "
        + (analyses.count == 1 ? "it measures" : "they measure")
        + " fine-tuning from them, not training from scratch",
      note: "remove model.init.from to measure training from scratch (scikit-learn's "
        + "learning_curve refits each point from scratch), or keep it to study fine-tuning")
  }
}
