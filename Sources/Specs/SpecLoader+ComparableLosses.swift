import Conventions

/// A sweep ranked on its loss whose trials minimize losses on different scales (a swept `loss`,
/// a huber `delta`, or a swept `model.type` whose families have other default losses): mse and
/// cross-entropy are not on one scale, so such a ranking picks a loss, not a trial.
extension SpecLoader {
  /// The warning (an error under `--strict`, as the sweep's other doubts about its ranking) at
  /// the first swept value whose trial's loss is on another scale than the first trial's, when
  /// the sweep ranks on the loss (`trials`: each swept value's loss and place); nil otherwise.
  static func incomparableLosses(
    _ spec: ExperimentSpec, trials: [(spec: ExperimentSpec, at: SourceLocation?)]
  ) -> Diagnostic? {
    guard let sweep = spec.sweep, Objective.parts(sweep.objective.metric).quantity == "loss",
      let first = trials.first,
      let other = trials.first(where: { scale($0.spec) != scale(first.spec) })
    else { return nil }
    // Only a strategy tells the scales apart, on classes only the data tells: so on more than
    // two (on two, every strategy trains one binary model).
    let ifMany = trials.allSatisfy {
      $0.spec.dataset.classesShown == 0
        && scale($0.spec, strategies: false) == scale(first.spec, strategies: false)
    }
    let onMany = ifMany ? "if the data has more than two classes, " : ""
    let onTwo =
      ifMany ? "; on two classes every strategy trains one binary model: the losses compare" : ""
    var names: [String] = []
    for trial in trials.map(\.spec) where !names.contains(words(trial)) {
      names.append(words(trial))
    }
    let figure = rankingFigure(spec, trials: trials)
    let hint =
      if figure != nil { "" } else if let example = commonScores(trials).first {
        " (add one to metrics, e.g. \(example.rawValue))"
      } else {
        " (no metric suits every trial's model)"
      }
    // The fix-it goes where the objective is written: under `sweep:` in the file, or as a
    // --set when the axis is one.
    let fixIt = figure.map { metric in
      if case .override? = other.at?.source {
        return "--set " + "sweep.objective.metric=\(metric)".singleQuoted
      }
      return "objective: {metric: \(metric)}"
    }
    let placed =
      fixIt?.hasPrefix("objective:") == true ? " (the fix-it's objective goes under sweep:)" : ""
    return Diagnostic(
      .warning, at: other.at,
      "\(onMany)the trials minimize losses on different scales (\(names.joined(separator: ", "))), "
        + "so ranking them on \(spec.objectiveColumn) compares figures that do not measure the "
        + "same",
      note: "rank them on a metric every trial records\(hint)\(placed), or give every trial the "
        + "same loss\(onTwo)",
      fixIt: fixIt)
  }

  /// The scores every trial's model can record (by the rule that refuses a metric).
  private static func commonScores(_ trials: [(spec: ExperimentSpec, at: SourceLocation?)])
    -> [Metric]
  {
    Metric.allCases.filter { metric in
      metric.isScore && trials.allSatisfy { $0.spec.refusals(of: metric).isEmpty }
    }
  }

  /// The figure to rank trials of losses on different scales on: the first score of the
  /// spec's metrics that every trial records, on the objective's split, or on the dev split
  /// when the objective's is one `SpecValidator.checkObjective` warns of (train, or test beside
  /// a dev split), so that one edit meets both rules (tester AV F6); nil when there is none.
  static func rankingFigure(
    _ spec: ExperimentSpec, trials: [(spec: ExperimentSpec, at: SourceLocation?)]
  ) -> String? {
    guard let sweep = spec.sweep else { return nil }
    let common = commonScores(trials)
    guard
      let score = spec.metrics.first(where: { metric in
        common.contains(metric) && trials.allSatisfy { $0.spec.metrics.contains(metric) }
      })
    else { return nil }
    let written = Objective.parts(sweep.objective.metric).split
    let warned = (written == "train" || written == "test") && spec.dataset.hasDev
    let split = warned ? "dev_" : written.map { $0 + "_" } ?? ""
    return split + score.rawValue
  }

  /// `d`, the objective rule's warning that the trials are ranked on the training or test set,
  /// advising the dev figure of `figure` rather than the dev loss when the trials' losses are
  /// on different scales: the dev loss would be refused by `incomparableLosses`.
  static func rankedOnDev(_ d: Diagnostic, figure: String) -> Diagnostic {
    guard figure.hasPrefix("dev_"), d.message.hasPrefix("the trials are ranked on "),
      let note = d.note, note.contains("{metric: dev_loss}")
    else { return d }
    var revised = d
    revised.note = note.replacingOccurrences(
      of: "{metric: dev_loss}",
      with: "{metric: \(figure)}, as the trials' losses are on "
        + "different scales")
    return revised
  }

  /// The scale a trial's loss figures are on: binary_cross_entropy and cross_entropy are both
  /// the mean negative log-likelihood of the labels, except one-vs-rest's and one-vs-one's, the
  /// mean of their binary models' losses, each over its own binary problem (one class against
  /// the rest on every row, or one pair on that pair's rows); every other loss (huber with its
  /// delta) its own; `strategies: false` reads every strategy as one binary model (two classes).
  private static func scale(_ trial: ExperimentSpec, strategies: Bool = true) -> String {
    guard trial.loss.kind.isClassification else { return words(trial) }
    let strategy = strategies ? strategy(trial) : nil
    return "log-likelihood" + (strategy.map { " (\($0))" } ?? "")
  }

  /// `ovr` or `ovo` for a logreg that trains binary models; nil otherwise, and on the two
  /// classes the spec shows (any strategy is then one binary model, as `binary` says).
  private static func strategy(_ trial: ExperimentSpec) -> String? {
    let multiclass = trial.model.multiclass
    guard multiclass == .oneVsRest || multiclass == .oneVsOne,
      !(1...2).contains(trial.dataset.classesShown)
    else { return nil }
    return multiclass.rawValue
  }

  /// `mse`, `huber (delta 2.0)`, `binary_cross_entropy (ovo)`.
  private static func words(_ trial: ExperimentSpec) -> String {
    let loss = trial.loss
    if loss.kind == .huber { return "huber (delta \(loss.settings.delta))" }
    return loss.kind.rawValue + (strategy(trial).map { " (\($0))" } ?? "")
  }
}
