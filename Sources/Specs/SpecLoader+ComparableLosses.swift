/// A sweep ranked on its loss whose trials minimize losses on different scales (a swept `loss`,
/// a huber `delta`, or a swept `model.type` whose families have other default losses): mse and
/// cross-entropy are not on one scale, so such a ranking picks a loss, not a trial.
extension SpecLoader {
  /// The warning (an error under `--strict`, as the sweep's other doubts about its ranking) at
  /// the first swept value whose trial's loss is on another scale than the first trial's, when
  /// the sweep ranks on the loss (`trials`: each swept value's loss and place); nil otherwise.
  static func incomparableLosses(
    _ spec: ExperimentSpec, trials: [(loss: LossSpec, at: SourceLocation?)]
  ) -> Diagnostic? {
    guard let sweep = spec.sweep, Objective.parts(sweep.objective.metric).quantity == "loss",
      let first = trials.first,
      let other = trials.first(where: { scale($0.loss) != scale(first.loss) })
    else { return nil }
    var names: [String] = []
    for loss in trials.map(\.loss) where !names.contains(words(loss)) { names.append(words(loss)) }
    let split = Objective.parts(sweep.objective.metric).split.map { $0 + "_" } ?? ""
    // A metric of the spec's when the trials are all classifiers or all regressions (else no
    // one metric is sure to be recorded by every trial).
    let kinds = Set(trials.map(\.loss.kind.isClassification))
    let score = kinds.count == 1 ? spec.metrics.first(where: \.isScore) : nil
    return Diagnostic(
      .warning, at: other.at,
      "the trials minimize losses on different scales (\(names.joined(separator: ", "))), so "
        + "ranking them on \(spec.objectiveColumn) compares figures that do not measure the same",
      note: "rank them on a metric every trial records"
        + (kinds.count == 1
          ? (spec.metrics.contains(where: \.isScore)
            ? "" : " (add one to metrics, e.g. accuracy or r2)")
          : " (a classifier and a regression record none in common)")
        + ", or give every trial the same loss",
      fixIt: score.map { "objective: {metric: \(split)\($0.rawValue)}" })
  }

  /// The scale a loss's figures are on: binary_cross_entropy and cross_entropy are both the
  /// mean negative log-likelihood of the labels; every other loss (huber with its delta) its own.
  private static func scale(_ loss: LossSpec) -> String {
    loss.kind.isClassification ? "log-likelihood" : words(loss)
  }

  /// `mse`, `huber (delta 2.0)`.
  private static func words(_ loss: LossSpec) -> String {
    loss.kind == .huber ? "huber (delta \(loss.settings.delta))" : loss.kind.rawValue
  }
}
