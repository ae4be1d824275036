/// A sweep ranked on its loss whose trials minimize different losses (a swept `loss`, or a
/// swept `model.type` whose families have other default losses): mse and cross-entropy are not
/// on one scale, so such a ranking picks a loss, not a trial.
extension SpecLoader {
  /// The warning (an error under `--strict`, as the sweep's other doubts about its ranking) at
  /// the first swept value whose trial minimizes another loss than the spec's, when the sweep
  /// ranks on the loss (`trials`: each swept value's loss and place); nil otherwise.
  static func incomparableLosses(
    _ spec: ExperimentSpec, trials: [(loss: LossSpec, at: SourceLocation?)]
  ) -> Diagnostic? {
    guard let sweep = spec.sweep, Objective.parts(sweep.objective.metric).quantity == "loss",
      let other = trials.first(where: { $0.loss != spec.loss })
    else { return nil }
    var names: [String] = []
    for loss in [spec.loss] + trials.map(\.loss) where !names.contains(words(loss)) {
      names.append(words(loss))
    }
    let split = Objective.parts(sweep.objective.metric).split.map { $0 + "_" } ?? ""
    // A metric of the spec's when the trials are all classifiers or all regressions (else no
    // one metric is sure to be recorded by every trial).
    let kinds = Set(([spec.loss] + trials.map(\.loss)).map(\.kind.isClassification))
    let score = kinds.count == 1 ? spec.metrics.first(where: \.isScore) : nil
    return Diagnostic(
      .warning, at: other.at,
      "the trials minimize different losses (\(names.joined(separator: ", "))), so ranking "
        + "them on \(sweep.objective.metric) compares figures on different scales",
      note: "rank them on a metric every trial records"
        + (spec.metrics.contains(where: \.isScore)
          ? "" : " (add one to metrics, e.g. accuracy or r2)")
        + ", or sweep one loss",
      fixIt: score.map { "objective: {metric: \(split)\($0.rawValue)}" })
  }

  /// `mse`, `huber (delta 2.0)`.
  private static func words(_ loss: LossSpec) -> String {
    loss.kind == .huber ? "huber (delta \(loss.settings.delta))" : loss.kind.rawValue
  }
}
