import Specs

extension SweepPlanner {
  /// An axis whose key applies in none of the sweep's `combos` (`optimizer.momentum` over an adam
  /// spec) changes no trial: refused at the axis with the reason the key written directly gets
  /// (the trials' note at the axis, in `warnings`); an axis over `seed` applies in the trials
  /// that draw from it (`ExperimentSpec.seedReaders`). A bayes sweep's later batches are drawn by
  /// TPE from the same values, so with more than one axis its `combos` hold `bayesProbes` too;
  /// its count is then every trial it runs.
  static func idleAxes(
    _ sweep: SweepSpec, combos: [[SweepTrial.Assignment]], warnings: [Diagnostic]
  ) -> [Diagnostic] {
    guard !combos.isEmpty else { return [] }
    let trials = sweep.method == .bayes ? sweep.trials : combos.count
    return sweep.axes.enumerated().compactMap { i, axis -> Diagnostic? in
      guard combos.allSatisfy({ !$0[i].applies }) else { return nil }
      // A seed draws nothing in any trial (`seedReaders`): no trial warns at it.
      let unusedSeed = axis.path == "seed"
      let reason =
        unusedSeed
        ? ExperimentSpec.unusedSeedReason
        : warnings.first { $0.location == axis.location && $0.location != nil }?.message
      return Diagnostic(
        .error, at: axis.location,
        "the sweep axis \(axis.path) applies in none of the \(trials) trials, so it changes "
          + "nothing" + (reason.map { ": \($0)" } ?? ""),
        note: unusedSeed
          ? "remove the axis; \(ExperimentSpec.seedMatters)"
          : "remove the axis, or sweep what makes it apply as well")
    }
  }

  /// A key the base spec writes beside a kind an axis sets (`momentum: 0.9` with an axis
  /// `optimizer.type: [adam, adamw]`) that applies in none of the planned `trials` changes
  /// nothing: refused at the key with the reason the trials give, as an idle axis is. A bayes
  /// sweep is not judged: TPE draws its later trials.
  static func idleKindDecidedKeys(
    _ base: LoadedSpec, trials: [SweepTrial], warnings: [Diagnostic]
  ) -> [Diagnostic] {
    let keys = base.kindDecidedKeys
    guard !trials.isEmpty, !keys.isEmpty, base.spec.sweep?.method != .bayes else { return [] }
    // Each trial's canonical tree is built once for every key, until each key applies somewhere.
    var idle = Array(repeating: true, count: keys.count)
    for trial in trials where idle.contains(true) {
      let writes = SpecWriter.writes(keys.map(\.path), in: trial.spec)
      for i in keys.indices where writes[i] { idle[i] = false }
    }
    return zip(keys, idle).compactMap { key, idle -> Diagnostic? in
      guard idle else { return nil }
      let reason = warnings.first { $0.location == key.location }?.message
      return Diagnostic(
        .error, at: key.location,
        "\(key.path) applies in none of the \(trials.count) trials, so it changes nothing"
          + (reason.map { ": \($0)" } ?? ""),
        note: "remove it, or give the axis a value that takes it")
    }
  }

  /// The combinations a bayes sweep of several axes may still draw, beyond its startup draws
  /// `drawn`: every combination of the listed axes' values (the others at the first draw's),
  /// each axis marked as applying or not in its resolved spec (applying where it does not
  /// resolve: no refusal on a guess). Nil (the axes not checked) when more than 64 combinations.
  static func bayesProbes(
    _ sweep: SweepSpec, drawn: [[(SweepAxis, SpecValue)]], of plan: SweepPlan,
    options: SpecOptions
  ) -> [[SweepTrial.Assignment]]? {
    guard sweep.method == .bayes, sweep.axes.count > 1, let first = drawn.first else { return [] }
    var combos: [[(SweepAxis, SpecValue)]] = [[]]
    for (axis, value) in first {
      let values: [SpecValue] = if case .values(let v) = axis.domain { v } else { [value] }
      combos = combos.flatMap { prefix in values.map { prefix + [(axis, $0)] } }
      if combos.count > 64 { return nil }
    }
    guard let tree = plan.tree else { return nil }
    return combos.map { combo in
      var warnings: [Diagnostic] = []
      let resolved = try? SpecLoader.resolve(
        tree, combos: [combo], file: plan.base.file, options: options, warnings: &warnings)
      let spec = resolved?.first.flatMap { $0?.spec }
      let applies =
        spec.map { SpecWriter.writes(combo.map(\.0.path), in: $0) } ?? combo.map { _ in true }
      return zip(combo, applies).map {
        SweepTrial.Assignment(path: $0.0.path, value: $0.1, applies: $1)
      }
    }
  }
}
