import Conventions
import Foundation
import Specs

/// Expands `sweep:` into trials.
public enum SweepPlanner {
  /// Loads the spec and expands its sweep (a spec without `sweep` gives one trial).
  public static func plan(file: String, options: SpecOptions = .init()) throws(SpecError)
    -> SweepPlan
  {
    let text = try SpecLoader.readText(file)
    return try plan(text: text, file: file, options: options)
  }

  /// Expands the sweep of spec `text`, read from `file` (named in diagnostics).
  public static func plan(text: String, file: String, options: SpecOptions = .init())
    throws(SpecError) -> SweepPlan
  {
    var base = try SpecLoader.load(text: text, file: file, options: options)
    base.spec.sweep = base.spec.sweep.map { Self.asResolved($0, base.spec) }
    let tree = try SpecLoader.trialTree(text: text, file: file, options: options)
    let sweep = base.spec.sweep ?? SweepSpec()
    var plan = SweepPlan(base: base, trials: [], tree: tree)
    let combos = try assignments(sweep, base: base)
    var warnings: [Diagnostic] = []
    var dropped: [[SweepTrial.Assignment]] = []
    plan.trials = try trials(
      combos, of: plan, first: 0, options: options, warnings: &warnings, dropped: &dropped)
    plan.trialWarnings = warnings
    let idleKeys = idleKindDecidedKeys(base, trials: plan.trials, warnings: warnings)
    if !idleKeys.isEmpty { throw .invalid(idleKeys) }
    if let probes = bayesProbes(sweep, drawn: combos, of: plan, options: options) {
      let idle = idleAxes(
        sweep, combos: plan.trials.map(\.assignments) + dropped + probes, warnings: warnings)
      if !idle.isEmpty { throw .invalid(idle) }
    }
    if plan.trials.count < combos.count {
      let kind = sweep.method.isDrawn ? "draws" : "value combinations"
      plan.base.warnings.append(
        base.sourceMap.diagnostic(
          .note, at: "sweep",
          "\(plan.trials.count) distinct trials remain of the sweep's \(combos.count) \(kind): the other \(combos.count - plan.trials.count) repeat one (\(repeatCause(dropped, kept: plan.trials))) and are dropped"
        ))
    }
    if let note = replacedBudgetNote(sweep, base) { plan.base.warnings.append(note) }
    if plan.trials.count > 1, !sweep.axes.contains(where: { $0.path == "seed" }),
      plan.trials.contains(where: { !$0.spec.trainingSeedReaders.isEmpty })
    {
      let seed = base.spec.seed
      // Weights `init.from` gives are the same in every trial: the seed draws the rest.
      var fromSaved = false
      if case .from = base.spec.model.initialization { fromSaved = true }
      let drawn = fromSaved ? "batch orders and dropout masks" : "weights and batch orders"
      plan.base.warnings.append(
        base.sourceMap.diagnostic(
          .note, at: "sweep.parameters",
          "each trial starts from its own seed (derived from the spec's seed \(seed) and the trial's "
            + "training settings), so the trials draw different \(drawn); to compare them "
            + "from one start, add `seed: [\(seed)]` to sweep.parameters"))
    }
    return plan
  }

  /// The trials of `combos` (each a value per axis, in the axes' order) of `plan`'s spec,
  /// numbered from `first`, sorted by trial ID, each ID once: bayes adds its batches this way.
  public static func trials(
    _ combos: [[SpecValue]], of plan: SweepPlan, first: Int = 0, options: SpecOptions = .init()
  ) throws(SpecError) -> [SweepTrial] {
    let axes = plan.base.spec.sweep?.axes ?? []
    var warnings: [Diagnostic] = []
    var dropped: [[SweepTrial.Assignment]] = []
    return try trials(
      combos.map { Array(zip(axes, $0)) }, of: plan, first: first, options: options,
      warnings: &warnings, dropped: &dropped)
  }

  /// The trials of `combos`; `warnings` gathers the trials' own warnings (not the base spec's),
  /// `dropped` the combinations that repeat a trial.
  private static func trials(
    _ combos: [[(SweepAxis, SpecValue)]], of plan: SweepPlan, first: Int, options: SpecOptions,
    warnings trialWarnings: inout [Diagnostic], dropped: inout [[SweepTrial.Assignment]]
  ) throws(SpecError) -> [SweepTrial] {
    let base = plan.base
    guard let tree = plan.tree else { return [] }
    var warnings = base.warnings
    var resolved = try SpecLoader.resolve(
      tree, combos: combos, file: base.file, options: options, warnings: &warnings)
    trialWarnings += warnings.dropFirst(base.warnings.count)
    var trials: [SweepTrial] = []
    var seen = Set<String>()
    let directory = URL(fileURLWithPath: base.file).deletingLastPathComponent().path
    let seed = SpecPath("seed")
    let sweep = base.spec.sweep
    let fullBudget = sweep?.method.isAdaptive == true ? sweep?.budget?.upperBound : nil
    for (index, (combo, result)) in zip(combos, resolved).enumerated() {
      guard var (spec, map) = result else { continue }
      // Successive halving and Hyperband: the rungs replace the spec's budget, so the trial is
      // the one trained to the full budget (its ID, seed and draws): the spec's own
      // `optimizer.epochs` changes nothing, and the trial has the ID a grid at that budget gives.
      if let fullBudget { atFullBudget(&spec, &map, fullBudget) }
      // A swept seed applies where the trial draws from it (`seedReaders`); elsewhere the
      // trial is the one without the axis (the spec's seed, its ID, a seed derived from it), so
      // the seed's values there are one trial, as a key that does not apply gives.
      let sweptSeed = combo.contains { $0.0.path == seed }
      let seedApplies = sweptSeed && !spec.seedReaders(map).isEmpty
      if sweptSeed && !seedApplies { spec.seed = base.spec.seed }
      let (id, writes) = trialID(
        spec, specDirectory: directory, seedSwept: seedApplies, writing: combo.map(\.0.path))
      let assigned = zip(combo, writes).map {
        SweepTrial.Assignment(
          path: $0.0.path, value: $0.1, applies: $1 && ($0.0.path != seed || seedApplies))
      }
      // e.g. two values rounding to one integer, or a value of a key that does not apply
      guard seen.insert(id).inserted else {
        dropped.append(assigned)
        continue
      }
      // A cosine period not given is the run's length: the full budget's in the training ID.
      let training = trainingID(
        spec, specDirectory: directory, seedSwept: seedApplies,
        tMax: fullBudget.flatMap { TrialContinuation.tMaxFollowsBudget(spec, map) ? $0 : nil })
      if !seedApplies {
        spec.seed = StableHash.mix(spec.seed ^ StableHash.fnv1a("trial:" + training))
        map.set(
          "seed",
          .derived("from the spec's seed \(base.spec.seed) and trial \(id)'s training settings"))
      }
      spec.output = spec.output.hasSuffix("/") ? spec.output + id : spec.output + "/" + id
      map.set("output", .derived("sweep output/\(id)"))
      trials.append(
        SweepTrial(
          index: first + index, id: id, assignments: assigned, spec: spec, sourceMap: map,
          trainingID: training))
    }
    // Each resolved spec is in a trial now: not held twice while they are sorted.
    resolved.removeAll()
    sortByID(&trials)
    return trials
  }

  /// Sorts `trials` by ID in place: their IDs are sorted, then each trial moved once along the
  /// cycles of that order (a sorted copy of 100 000 trials, each a whole spec, held them twice).
  private static func sortByID(_ trials: inout [SweepTrial]) {
    // order[k]: where the trial that goes at k is now.
    var order = trials.indices.sorted { trials[$0].id < trials[$1].id }
    for start in order.indices {
      var at = start
      while order[at] != start {
        let from = order[at]
        trials.swapAt(at, from)
        (order[at], at) = (at, from)
      }
      order[at] = at
    }
  }

  /// Why the `dropped` combinations repeat a trial of `kept`: each swept key that did not
  /// apply in one, with the values of another swept key it never applies with
  /// (`optimizer.momentum does not apply to optimizer.type sgd, adam`); else the usual cause.
  static func repeatCause(_ dropped: [[SweepTrial.Assignment]], kept: [SweepTrial]) -> String {
    let all = kept.sorted { $0.index < $1.index }.map(\.assignments) + dropped
    var causes: [String] = []
    for key in dropped.flatMap({ $0.filter { !$0.applies }.map(\.path) }) {
      guard !causes.contains(where: { $0.hasPrefix("\(key) ") }) else { continue }
      let (off, on) = (
        all.filter { $0.contains { $0.path == key && !$0.applies } },
        all.filter { $0.contains { $0.path == key && $0.applies } }
      )
      // The key's own section's `type` is the cause when it is swept (`optimizer.momentum` and
      // `optimizer.type`); another axis only when the key applies with some of its values (else
      // every axis, `seed: [1]` among them, is disjoint from none).
      let siblingType =
        key.description.split(separator: ".").dropLast().joined(separator: ".")
        + ".type"
      let others = all[0].map(\.path).filter { $0 != key }
      let ordered =
        others.filter { $0.description == siblingType }
        + others.filter { $0.description != siblingType && !on.isEmpty }
      let with = ordered.lazy.compactMap { other in
        let values = { (combos: [[SweepTrial.Assignment]]) in
          combos.compactMap { $0.first { $0.path == other }?.value.description }
        }
        let offValues = values(off).reduce(into: [String]()) {
          if !$0.contains($1) { $0.append($1) }
        }
        return Set(offValues).isDisjoint(with: values(on))
          ? "\(other) \(offValues.joined(separator: ", "))" : nil
      }.first
      causes.append(
        "\(key) does not apply "
          + (with.map { "to " + $0 } ?? "in \(off.count) of \(all.count) combinations"))
    }
    if dropped.contains(where: { $0.allSatisfy(\.applies) }) || causes.isEmpty {
      causes.append("e.g. values rounded to one integer")
    }
    return causes.joined(separator: "; ")
  }

  /// `sweep` with each whole number listed for a real-valued key (`l2: [0, 0.005]`) as the
  /// resolved spec `base` writes that key (`0.0`; a key it leaves out, as the schema types it): the trials, plan.csv, summary.csv, the plots
  /// and a bayes sweep's choices then do not depend on how the list spells it (`[0.0, 0.005]`
  /// gave the same trials but other files).
  static func asResolved(_ sweep: SweepSpec, _ base: ExperimentSpec) -> SweepSpec {
    let lists = sweep.axes.contains {
      if case .values(let v) = $0.domain {
        v.contains { if case .integer = $0 { true } else { false } }
      } else {
        false
      }
    }
    guard lists, let tree = SpecValue(yamlText: SpecWriter.canonical(base)) else { return sweep }
    let written = Dictionary(
      SpecParameters.flatten(tree).map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a })
    var sweep = sweep
    for (i, axis) in sweep.axes.enumerated() {
      guard case .values(let values) = axis.domain else { continue }
      // A key the base leaves out (a layer's default `dropout: 0`, a key of another
      // optimizer): real when the schema says so.
      let real =
        written[axis.path.description].map {
          $0.contains(where: { $0 == "." || $0 == "e" }) && Double($0) != nil
        } ?? Schema.isRealKey(axis.path)
      guard real else { continue }
      sweep.axes[i].domain = .values(
        values.map { if case .integer(let n) = $0 { .number(Double(n)) } else { $0 } })
    }
    return sweep
  }

  /// A note at the spec's own budget when successive halving or Hyperband replaces it with
  /// another (`optimizer.epochs: 100` under `budget: {min: 4, max: 36}`): it changes nothing,
  /// not even a trial ID; nil when it is `sweep.budget.max` or not written.
  static func replacedBudgetNote(_ sweep: SweepSpec, _ base: LoadedSpec) -> Diagnostic? {
    guard sweep.method.isAdaptive, let budget = sweep.budget else { return nil }
    let (unit, value): (String, Int) =
      switch base.spec.optimizer.budget {
      case .epochs(let n): ("epochs", n)
      case .iterations(let n): ("iterations", n)
      }
    let path = SpecPath([.key("optimizer"), .key(unit)])
    guard value != budget.upperBound, base.sourceMap.origin(of: path)?.location != nil else {
      return nil
    }
    return base.sourceMap.diagnostic(
      .note, at: path,
      "optimizer.\(unit) \(value) changes nothing here: \(sweep.method.rawValue) trains each "
        + "rung to its own budget and the last to sweep.budget.max \(budget.upperBound), which "
        + "also names the trials")
  }

  /// Sets `spec`'s budget to `fullBudget` (`sweep.budget.max` of successive halving or
  /// Hyperband, whose rungs replace the spec's budget); `map` says where the value came from.
  static func atFullBudget(_ spec: inout ExperimentSpec, _ map: inout SourceMap, _ fullBudget: Int)
  {
    let unit: String
    switch spec.optimizer.budget {
    case .epochs: (spec.optimizer.budget, unit) = (.epochs(fullBudget), "epochs")
    case .iterations: (spec.optimizer.budget, unit) = (.iterations(fullBudget), "iterations")
    }
    map.set(
      SpecPath([.key("optimizer"), .key(unit)]),
      .derived("sweep.budget.max (the rungs train to their own budgets)"))
  }

  /// The ID of a trial's training settings alone, without what only names, records or reports
  /// the run (`name`, `description`, `metrics`, `report`): the trial's seed is the spec's seed
  /// mixed with it, and Hyperband's draws hash it. An edit of those gives the trials new IDs
  /// (their folders hold those files) but the same numbers and draws; a description typo fixed
  /// re-drew every trial's weights before.
  static func trainingID(
    _ spec: ExperimentSpec, specDirectory: String, seedSwept: Bool, tMax: Int? = nil
  ) -> String {
    var training = spec
    if let tMax { training.optimizer.schedule.settings.tMax = tMax }
    training.name = "trial"
    training.description = ""
    training.metrics = []
    training.report.biasVariance = .init()
    (training.report.bootstrap, training.report.learningCurve) = (nil, nil)
    (training.report.validationCurve, training.report.plots) = (nil, true)
    return trialID(training, specDirectory: specDirectory, seedSwept: seedSwept)
  }

  /// The stable ID of a resolved spec: 12 hex digits of a hash of its canonical text without
  /// `output`, with each absolute data path inside `specDirectory` (the spec file's folder, where
  /// relative data paths are looked up first) written relative to it, as if it were written so.
  /// Any other path counts as written: two files of one name in different folders are two trials.
  /// A trial whose seed is swept (`seedSwept`) runs with that seed, not one derived from it and
  /// its ID: it is another trial than the one of the same text whose seed is derived.
  public static func trialID(
    _ spec: ExperimentSpec, specDirectory: String? = nil, seedSwept: Bool = false
  ) -> String {
    trialID(spec, specDirectory: specDirectory, seedSwept: seedSwept, writing: []).id
  }

  /// `trialID` of `spec`, and whether its canonical text writes each of `paths`
  /// (`SpecWriter.writes`: the ID's text differs only in values, not in the keys written).
  static func trialID(
    _ spec: ExperimentSpec, specDirectory: String?, seedSwept: Bool, writing paths: [SpecPath]
  ) -> (id: String, writes: [Bool]) {
    var s = spec
    s.output = ""
    s.sweep = nil
    let folder = specDirectory.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
      .map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    func portable(_ path: String) -> String {
      guard let folder, path.hasPrefix("/") else { return path }
      let standard = URL(fileURLWithPath: path).standardizedFileURL.path
      return standard.hasPrefix(folder) ? String(standard.dropFirst(folder.count)) : path
    }
    func portable(_ f: DataFile) -> DataFile {
      var f = f
      f.file = portable(f.file)
      f.targetFile = f.targetFile.map(portable)
      return f
    }
    switch s.dataset.source {
    case .file(let f): s.dataset.source = .file(portable(f))
    case .files(let a, let b, let c):
      s.dataset.source = .files(train: portable(a), dev: b.map(portable), test: c.map(portable))
    default: break
    }
    let (id, writes) = SpecWriter.fingerprint(
      s, salt: seedSwept ? "# seed: swept\n" : "", writing: paths)
    return (id, writes)
  }
}
