import Specs

/// One trial of a sweep: the values it sets, its resolved spec and its stable ID.
public struct SweepTrial: Sendable {
  /// One swept key and the value this trial gives it.
  public struct Assignment: Sendable, Equatable {
    /// The swept key path.
    public var path: SpecPath
    /// The value this trial gives it, typed like a `--set` value.
    public var value: SpecValue
    /// False when the trial's other values make the key not apply (`optimizer.momentum` with
    /// `optimizer.type: sgd`): its spec leaves the value out.
    public var applies = true

    /// The value as `plan.csv` and the dry run record it: empty where the key does not apply.
    public var recorded: String { applies ? value.description : "" }
  }

  /// Position in the sweep's expansion order (grid: last axis fastest; random: draw order).
  public var index: Int
  /// Stable ID: a hash of the canonical resolved spec without machine-dependent fields
  /// (`output`, absolute data paths); the same trial has the same ID on every machine.
  public var id: String
  /// The value each axis gives this trial, in the axes' written order.
  public var assignments: [Assignment]
  /// The trial's resolved spec (no `sweep`; `seed` derived from the base seed and the ID
  /// unless `seed` is swept; `output` is `<base output>/<id>`).
  public var spec: ExperimentSpec
  /// Where each value of the trial's spec came from (the axis for swept values).
  public var sourceMap: SourceMap
  /// The ID of its training settings alone (`SweepPlanner.trainingID`: no name, description,
  /// metrics or report), from which its seed and Hyperband's draws come.
  public var trainingID = ""
}

/// A sweep expanded into trials, sorted by trial ID.
public struct SweepPlan: Sendable {
  /// The spec with its `sweep` section.
  public var base: LoadedSpec
  /// The trials, sorted by trial ID (at most `SweepSpec.maxTrials`).
  public var trials: [SweepTrial]
  /// The spec's tree without `sweep`, from which more trials are made (bayes batches).
  var tree: TrialTree? = nil
  /// Warnings that only some trials give (the base spec's own are in `base.warnings`), each
  /// noted with the first trial that gives it.
  public var trialWarnings: [Diagnostic] = []
}
