import Datasets
import Specs

/// A sweep spec's rows: its trials' one division of the data, judged from the planned trials
/// themselves, not from the names of the swept keys.
extension SpecRows {
  /// What decides the rows a spec lists: its data configuration without the preprocessing (the
  /// listing is of the rows before it), and the learning curve's seed when its order is listed.
  struct Division: Equatable {
    /// The sources, the split with its seed, the train-dev carve, the targets and the classes.
    var data: DataConfiguration
    /// The seed of the learning curve's order (the run's own `seed`), when it is listed.
    var curveSeed: UInt64?
  }

  /// The division of `loaded`; `curveOrder`: the learning curve's order is listed too.
  static func division(_ loaded: LoadedSpec, curveOrder: Bool) throws(PipelineError) -> Division {
    var data = try DataConfiguration.of(loaded)
    (data.preprocessing, data.keepsUnfittedFeatures) = ([], false)
    let ordered = curveOrder && loaded.spec.report.learningCurve != nil
    return Division(data: data, curveSeed: ordered ? loaded.spec.seed : nil)
  }

  /// The spec whose rows `loaded` (read from `specPath`) lists: itself without a sweep; else
  /// its first trial when every planned trial divides the data alike (a seed axis of the spec's
  /// own seed, or section seeds written beside a seed axis, divide nothing otherwise). Trials
  /// that divide it otherwise are refused at the axis that makes them differ, exit 65. A bayes
  /// sweep is judged on its random start trials: TPE draws its later ones from the same values.
  static func oneDivision(
    _ loaded: LoadedSpec, specPath: String, options: RunOptions, curveOrder: Bool
  ) throws(PipelineError) -> LoadedSpec {
    guard loaded.spec.sweep != nil else { return loaded }
    let plan: SweepPlan
    do { plan = try SweepPlanner.plan(file: specPath, options: options.spec) } catch {
      throw .spec(error)
    }
    var divisions: [Division] = []
    var first: LoadedSpec?
    for trial in plan.trials {
      let spec = LoadedSpec(
        spec: trial.spec, sourceMap: trial.sourceMap, warnings: loaded.warnings,
        file: loaded.file)
      divisions.append(try division(spec, curveOrder: curveOrder))
      if first == nil { first = spec }
    }
    guard divisions.contains(where: { $0 != divisions[0] }) else { return first ?? loaded }
    throw .spec(.invalid([refusal(plan, divisions)]))
  }

  /// The refusal of `plan`'s trials, whose `divisions` differ: at the axis two trials differ
  /// in alone (else the first one the differing trials differ in), or at the learning curve
  /// when only the trials' derived seeds order its rows each their own way.
  static func refusal(_ plan: SweepPlan, _ divisions: [Division]) -> Diagnostic {
    let dataDiffers = divisions.contains { $0.data != divisions[0].data }
    let same: (Division, Division) -> Bool =
      dataDiffers ? { $0.data == $1.data } : { $0.curveSeed == $1.curveSeed }
    let axis = culprit(plan, divisions, same: same)
    let what =
      dataDiffers
      ? "divide the data each their own way"
      : "draw the learning curve's rows each in their own order"
    if let axis, dataDiffers || axis.path == "seed" {
      return Diagnostic(
        .error, at: axis.location, "the sweep varies \(axis.path), so its trials \(what)",
        fixIt: "list one trial's rows: `--set '~sweep' --set \(axis.path)=VALUE`, or give the "
          + "trial's spec.resolved.yaml")
    }
    let seed = plan.base.spec.seed
    return plan.base.sourceMap.diagnostic(
      .error, at: "report.learning_curve",
      "the sweep's trials \(what), from their own seeds (derived from the spec's seed "
        + "\(seed) and each trial's settings)",
      fixIt: "add `seed: [\(seed)]` to sweep.parameters so that every trial draws from one "
        + "seed, or give one trial's spec.resolved.yaml")
  }

  /// The axis whose value alone makes two of `plan`'s trials divide otherwise (`same` false);
  /// else the axis the first trial and the first trial unlike it differ in (one over the data
  /// or the seed first); nil when they differ in none.
  static func culprit(
    _ plan: SweepPlan, _ divisions: [Division], same: (Division, Division) -> Bool
  ) -> SweepAxis? {
    let axes = plan.base.spec.sweep?.axes ?? []
    for (index, axis) in axes.enumerated() {
      var seen: [[String]: Division] = [:]
      for (trial, division) in zip(plan.trials, divisions) {
        var others = trial.assignments.map(\.recorded)
        others.remove(at: index)
        if let earlier = seen[others] {
          if !same(earlier, division) { return axis }
        } else {
          seen[others] = division
        }
      }
    }
    guard let unlike = divisions.firstIndex(where: { !same($0, divisions[0]) }) else { return nil }
    let (a, b) = (plan.trials[0].assignments, plan.trials[unlike].assignments)
    let differing = zip(axes, zip(a, b)).filter { $1.0.recorded != $1.1.recorded }.map(\.0)
    return differing.first { $0.path.isWithin("dataset") || $0.path == "seed" } ?? differing.first
  }
}
