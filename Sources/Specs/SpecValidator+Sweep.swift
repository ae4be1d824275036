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
          : chosen == "test"
            ? "add dataset.split.dev (e.g. 0.2) to choose on a dev split and keep the test set for the final figure"
            : "add dataset.split.dev (e.g. 0.2) to choose on held-out data")
    }
  }

  /// Refuses successive halving and hyperband when no trial trains in steps (`solver: exact`,
  /// with no axis over the solver or the model's type): the budget would change nothing. With such
  /// an axis the iterative trials are budgeted and the exact ones solved once per rung.
  mutating func checkBudgetedMethod() {
    guard let sweep = spec.sweep, sweep.method.isAdaptive, spec.model.solver == .exact,
      !sweep.axes.contains(where: {
        SpecPath("model.solver").isWithin($0.path) || $0.path == "model.type"
      })
    else { return }
    error(
      "sweep.method",
      "\(sweep.method.rawValue) gives trials budgets of epochs or iterations, but the exact "
        + "solver takes no steps, so the budget changes nothing",
      note: "a grid, random or bayes sweep compares the trials; or sweep model.solver as well",
      fixIt: "method: grid")
  }

  /// Warns when a bayes sweep's random start takes every trial: TPE never suggests one, so the
  /// sweep is a random search and `batch` changes nothing (the defaults, 10 and 10, do this).
  /// Located at startup or trials when written, else at `method: bayes` (or its `--set`).
  mutating func checkBayesStart() {
    guard let sweep = spec.sweep, sweep.method == .bayes, sweep.startup >= sweep.trials
    else { return }
    warning(
      ["sweep.startup", "sweep.trials"].first { written($0) } ?? "sweep.method",
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
      // A type's name alone (`optimizer: [sgd, adam]`) is the mapping `{type: sgd}`.
      let pairs = values.compactMap { value -> [SpecValue.Pair]? in
        switch value {
        case .mapping(let p): p
        case .string where Schema.children(of: axis.path.schemaPattern).contains("type"):
          [SpecValue.Pair(key: "type", value: value)]
        default: nil
        }
      }
      guard pairs.count == values.count else { continue }
      for earlier in axes[..<index]
      where earlier.path != axis.path && earlier.path.isWithin(axis.path) {
        error(
          located(earlier.path),
          "sweep axis '\(earlier.path)' is overwritten by the later axis '\(axis.path)', whose values replace the whole mapping",
          note: "write '\(earlier.path)' after '\(axis.path)' under sweep.parameters")
      }
      let keys = pairs.joined().map(\.key)
      let dropped = map.origins.compactMap { path, origin in origin.location.map { (path, $0) } }
        .filter { path, _ in
          let key = path.lastKey ?? ""
          let owners = [
            OptimizerKind.owners(of: key), ScheduleKind.owners(of: key),
            InitializerKind.owners(of: key), NormalizationKind.owners(of: key),
            ActivationKind.owners(of: key), LossKind.owners(of: key),
          ].joined(separator: ", ").split(separator: ", ").map(String.init)
          // The values leaving it out, by their type (nil: the base's).
          let types = pairs.filter { !$0.contains { $0.key == key } }.map { p in
            p.first { $0.key == "type" }.map { "\($0.value)" }
          }
          return path.components.dropLast() == axis.path.components[...] && !types.isEmpty
            && !axes[(index + 1)...].contains { $0.path.isWithin(path) }
            && (owners.isEmpty || types.contains { $0.map(owners.contains) ?? true })
        }.sorted {
          ($0.1.line, $0.1.column, $0.0.description) < ($1.1.line, $1.1.column, $1.0.description)
        }.map(\.0.description)
      guard let last = dropped.last else { continue }
      let listed =
        dropped.count == 1 ? last : dropped.dropLast().joined(separator: ", ") + " and " + last
      warning(
        located(axis.path),
        "sweep axis '\(axis.path)' replaces the whole mapping: the base spec's \(listed) \(dropped.count == 1 ? "is" : "are") left out of every trial whose value does not set \(dropped.count == 1 ? "it" : "them")",
        note:
          "repeat them in each value, or sweep the keys one by one (axes such as \(axis.path.appending(keys.first ?? "type")))"
      )
    }
  }
}
