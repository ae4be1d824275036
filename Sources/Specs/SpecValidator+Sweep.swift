import Conventions

/// The sweep's objective against what its trials record.
extension SpecValidator {
  /// Refuses an objective on a split or metric the run does not record; warns when the
  /// trials are ranked on the test set (no dev split) or the training set.
  mutating func checkObjective() {
    guard let objective = spec.sweep?.objective else { return }
    let (split, quantity) = Objective.parts(objective.metric)
    // Located at the metric as written, else at the nearest written section (`sweep:`).
    let path: SpecPath = "sweep.objective.metric"
    let (hasDev, hasTest) = (spec.dataset.hasDev, spec.dataset.hasTest)
    let chosen = objective.split(hasDev: hasDev, hasTest: hasTest)
    checkObjectiveGoal(objective, quantity: quantity)
    if quantity != "loss", let metric = Metric(rawValue: quantity), !spec.metrics.contains(metric) {
      error(
        path,
        "the objective '\(objective.metric)' is not recorded: '\(quantity)' is not in metrics",
        fixIt: metricsFixIt(adding: metric))
    } else if let split, ["train": true, "dev": hasDev, "test": hasTest][split] != true {
      error(
        path, "the objective '\(objective.metric)' is not recorded: the data has no \(split) split",
        note: "add dataset.split.\(split) (e.g. 0.2), or rank on another split")
    } else if chosen != "dev" {
      warning(
        path,
        "the trials are ranked on \(spec.objectiveColumn): the best trial is chosen on the \(chosen == "test" ? "test set" : "training set")",
        note: hasDev
          ? "rank on the dev split (objective: {metric: dev_\(quantity)}) and keep the test set "
            + "for the final figure"
          : addDevSplit()
            + (written("sweep.objective")
              ? " and rank on it (objective: {metric: dev_\(quantity)})" : "")
            + (chosen == "test"
              ? " to choose on a dev split and keep the test set for the final figure"
              : " to choose on held-out data"))
    }
  }

  /// Refuses a written goal against the metric's own direction (`Objective.direction`, from
  /// `Metric.higherIsBetter`): `goal: max` on a loss or `min` on accuracy ranks the worst trial
  /// best, and halving and Hyperband promote the worst. Every metric has a direction.
  private mutating func checkObjectiveGoal(_ objective: Objective, quantity: String) {
    let own = Objective.direction(of: objective.metric)
    guard written("sweep.objective.goal"), objective.goal != own else { return }
    let column = spec.objectiveColumn
    let (chosen, worse) = objective.goal == .max ? ("highest", "lower") : ("lowest", "higher")
    // A figure of the other direction the trials record, to rank on instead.
    let other =
      spec.metrics.first { $0.isScore && ($0.higherIsBetter == (objective.goal == .max)) }
      .map(\.rawValue) ?? (objective.goal == .min ? "loss" : nil)
    let split = Objective.parts(objective.metric).split.map { $0 + "_" } ?? ""
    error(
      "sweep.objective.goal",
      "goal \(objective.goal.rawValue) ranks the \(chosen) \(column) best, which is the worst "
        + "trial: \(quantity) is better when \(worse)",
      note: "remove goal (the metric's own direction, \(own.rawValue), is used)"
        + (other.map {
          ", or rank on a figure that is better when \(chosen == "highest" ? "higher" : "lower"): objective: {metric: \(split)\($0)}"
        } ?? ""),
      fixIt: "goal: \(own.rawValue)")
  }

  /// Refuses successive halving and hyperband when no trial trains in steps (`solver: exact`,
  /// with no axis over the solver or the model's type): the budget would change nothing. With such
  /// an axis the iterative trials are budgeted and the exact ones solved once per rung, and the
  /// missing `budget` the decoder leaves to this rule is refused.
  mutating func checkBudgetedMethod() {
    guard let sweep = spec.sweep, sweep.method.isAdaptive else { return }
    guard spec.model.solver == .exact,
      !sweep.axes.contains(where: {
        SpecPath("model.solver").isWithin($0.path) || $0.path == "model.type"
      })
    else {
      // Left to this rule by the decoder for the exact solver (its refusal first).
      guard sweep.budget == nil else { return }
      let (missing, fixIt) = SweepSpec.missingBudget(sweep.method)
      return error("sweep", missing, fixIt: fixIt)
    }
    error(
      "sweep.method",
      "\(sweep.method.rawValue) gives trials budgets of epochs or iterations, but the exact "
        + "solver takes no steps, so the budget changes nothing",
      note: "a grid, random or bayes sweep compares the trials; or sweep model.solver as well",
      fixIt: "method: grid")
  }

  /// Refuses a successive-halving or Hyperband budget range that gives one rung
  /// (`max < min · eta`): the first rung trains at `min` and each next one at `eta` times the
  /// budget, so there is no second rung below `max`; halving would train every trial to `max`
  /// (the full grid) and Hyperband would train one configuration, drawn, and call it the best.
  mutating func checkBudgetRungs() {
    guard let sweep = spec.sweep, sweep.method.isAdaptive, let budget = sweep.budget else {
      return
    }
    let (low, high, eta) = (budget.lowerBound, budget.upperBound, sweep.eta)
    guard high < low * eta else { return }
    let what =
      sweep.method == .hyperband
      ? "Hyperband would run one bracket of one trial, drawn from the grid, and call it the best"
      : "successive halving would train every trial to \(high) (the full grid) and halve nothing"
    // Only the remedies the bounds allow (min ≥ 1, eta ≥ 2); the fix-it is the first of them,
    // with the value the note gives.
    let (lowest, largestEta) = (high / eta, high / low)
    let remedies =
      [
        lowest >= 1 ? "lower min to at most \(lowest)" : nil,
        largestEta >= 2 ? "lower eta to at most \(largestEta)" : nil,
        "raise max to at least \(low * eta)", "or use method: grid",
      ].compactMap { $0 }
    let (path, fixIt): (SpecPath, String) =
      if lowest >= 1 {
        written("sweep.budget.min")
          ? ("sweep.budget.min", "min: \(lowest)")
          : ("sweep.budget", "budget: {min: \(lowest), max: \(high)}")
      } else if largestEta >= 2 {
        (written("sweep.eta") ? "sweep.eta" : "sweep.budget", "eta: \(largestEta)")
      } else {
        ("sweep.budget", "budget: {min: \(low), max: \(low * eta)}")
      }
    error(
      path,
      "sweep.budget min \(low) and max \(high) give one rung with eta \(eta) (the second rung "
        + "would train \(low * eta) > max): \(what)",
      note: "rungs train min, min·eta, min·eta², … and the last max; "
        + remedies.joined(separator: ", "),
      fixIt: fixIt)
  }

  /// Warns when a bayes sweep's written startup or trials make the random start take every
  /// trial: TPE never suggests one, so the sweep is a random search and `batch` changes nothing.
  /// The defaults alone (10 and 10, Optuna's `n_startup_trials` and a 10-trial study) are not
  /// warned about: a user who wrote neither gets what Optuna gives, and `validate` says it
  /// (`10 trials, 10 random (checked) then 0 by TPE`). Located at startup or trials.
  mutating func checkBayesStart() {
    guard let sweep = spec.sweep, sweep.method == .bayes, sweep.startup >= sweep.trials,
      let path = (["sweep.startup", "sweep.trials"] as [SpecPath]).first(where: written)
    else { return }
    warning(
      path,
      "bayes: startup (\(sweep.startup)) random trials take all \(sweep.trials) trials, so TPE never suggests one and the sweep is a random search",
      note: "give more trials than startup, e.g. `trials: \(sweep.startup + 2 * sweep.batch)`")
  }

  /// Warns at an axis whose values are all mappings (or types' names, `{type: …}` written short):
  /// each replaces the whole mapping (as
  /// `--set optimizer={…}` does), so the base spec's keys there that a value or later axis does
  /// not set are left out of its trials (a key only other variants than the values' declare aside); an
  /// axis below it written before it never takes effect, an error.
  mutating func checkReplacedMappings() {
    let axes = spec.sweep?.axes ?? []
    func located(_ path: SpecPath) -> SpecPath {
      SpecPath([.key("sweep"), .key("parameters"), .key(path.description)])
    }
    for (index, axis) in axes.enumerated() {
      guard case .values(let values) = axis.domain else { continue }
      let pairs = values.compactMap { Self.replacing($0, at: axis.path) }
      guard pairs.count == values.count else { continue }
      for earlier in axes[..<index]
      where earlier.path != axis.path && earlier.path.isWithin(axis.path) {
        error(
          located(earlier.path),
          "sweep axis '\(earlier.path)' is overwritten by the later axis '\(axis.path)', whose values replace the whole mapping",
          note: "write '\(earlier.path)' after '\(axis.path)' under sweep.parameters")
      }
      let keys = pairs.joined().map(\.key)
      let written = map.origins.compactMap { path, origin in origin.location.map { (path, $0) } }
        .filter { path, _ in !axes[(index + 1)...].contains { $0.path.isWithin(path) } }
      let dropped = Self.leftOut(written, under: axis.path, by: pairs)
      guard !dropped.isEmpty else { continue }
      warning(
        located(axis.path),
        Self.replaced("sweep axis '\(axis.path)'", "base spec", dropped)
          + " of every trial whose value does not set \(dropped.count == 1 ? "it" : "them")",
        note:
          "repeat them in each value, or sweep the keys one by one (axes such as \(axis.path.appending(keys.first ?? "type")))"
      )
    }
  }

  /// A value replacing the whole mapping at `path`, as its pairs: a mapping, or a type's name
  /// alone (`sgd` is `{type: sgd}`) where the mapping has a `type`; nil for any other value.
  static func replacing(_ value: SpecValue, at path: SpecPath) -> [SpecValue.Pair]? {
    switch value {
    case .mapping(let p): p
    case .string where Schema.children(of: path.schemaPattern).contains("type"):
      [SpecValue.Pair(key: "type", value: value)]
    default: nil
    }
  }

  /// The keys of `written` (each written key and where) directly under `path` that the values
  /// `pairs` replacing that mapping leave out, in the order written; a key only other variants
  /// than the values' types declare (`momentum` when every value is an adam), or that a value
  /// cannot hold (`OptimizerSpec.cannotHold`: `batch_size` beside `type: gd`, `epochs` beside
  /// `iterations`), is not missed by that value. One rule for a sweep axis and a `--set`.
  static func leftOut(
    _ written: [(SpecPath, SourceLocation)], under path: SpecPath, by pairs: [[SpecValue.Pair]]
  ) -> [String] {
    written.filter { key, _ in
      let name = key.lastKey ?? ""
      let owners =
        [
          OptimizerKind.owners(of: name), ScheduleKind.owners(of: name),
          InitializerKind.owners(of: name), NormalizationKind.owners(of: name),
          ActivationKind.owners(of: name), LossKind.owners(of: name),
        ].joined(separator: ", ").split(separator: ", ").map(String.init)
        + GeneratorSpec.Kind.allCases.filter { GeneratorSpec.keys(for: $0).contains(name) }
        .map(\.rawValue)
      // The values leaving it out, by their type (nil: the base's).
      let types = pairs.filter { p in
        !p.contains { $0.key == name }
          && !(path == "optimizer" && OptimizerSpec.cannotHold(name, p))
      }.map { p in
        p.first { $0.key == "type" }.map { "\($0.value)" }
      }
      return key.components.dropLast() == path.components[...] && !types.isEmpty
        && (owners.isEmpty || types.contains { $0.map(owners.contains) ?? true })
    }.sorted {
      ($0.1.line, $0.1.column, $0.0.description) < ($1.1.line, $1.1.column, $1.0.description)
    }.map(\.0.description)
  }

  /// `<subject> replaces the whole mapping: the <base>'s a, b and c are left out`.
  static func replaced(_ subject: String, _ base: String, _ dropped: [String]) -> String {
    return "\(subject) replaces the whole mapping: the \(base)'s \(dropped.listed()) "
      + "\(dropped.count == 1 ? "is" : "are") left out"
  }
}

/// Axes whose trials would not differ where the sweep compares them.
extension SpecValidator {
  /// The axis rules that need the spec: `checkSweptRecordEvery`, `checkCurveOverSweptKey`.
  mutating func checkSweptKeys() {
    checkSweptRecordEvery()
    checkCurveOverSweptKey()
  }

  /// Refuses an axis over `record_every` when no trial stops early: the key sets how often
  /// metrics are recorded, which changes training only through early stopping (its checks are
  /// at the records), so every trial would train the same model (as an axis over
  /// `description`, refused by the decoder).
  private mutating func checkSweptRecordEvery() {
    guard let axes = spec.sweep?.axes, spec.optimizer.earlyStopping == nil,
      axes.contains(where: { $0.path == "record_every" }),
      !axes.contains(where: { SpecPath("optimizer.early_stopping").isWithin($0.path) })
    else { return }
    error(
      "sweep.parameters.record_every",
      "'record_every' cannot be swept here: it sets how often metrics are recorded, and without "
        + "optimizer.early_stopping (which checks at each record) that changes no trial's "
        + "training, so every trial would train the same model",
      note: "remove this axis and set record_every once; sweep a key that changes training, "
        + "e.g. optimizer.learning_rate")
  }

  /// Warns when the validation curve varies a key a sweep axis sets: each point replaces the
  /// trial's value, so trials that differ only in it draw the same curve (the sweep's axis
  /// changes nothing in the curve, and the analysis is repeated once per value).
  private mutating func checkCurveOverSweptKey() {
    guard !inTrial, let curve = spec.report.validationCurve,
      let axis = spec.sweep?.axes.first(where: {
        curve.parameter.isWithin($0.path) || $0.path.isWithin(curve.parameter)
      })
    else { return }
    warning(
      "report.validation_curve.parameter",
      "the sweep sets \(axis.path) in every trial, and the validation curve replaces "
        + "\(curve.parameter) at each of its points: trials that differ only in it draw the "
        + "same curve",
      note: "vary another key in the curve, or remove the axis: the curve already compares "
        + "\(curve.parameter)'s values within one run")
  }
}
