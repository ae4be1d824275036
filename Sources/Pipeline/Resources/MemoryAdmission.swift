import Datasets
import Specs

/// What a run was admitted on before its data was read: the budget and the check's settings.
/// A classifier's classes are assumed from the spec before then (10 for a file's labels), so
/// once the labels are read the estimate is made again for the classes they make: 1976 text
/// labels peaked at 223 MB against an estimate of 71 MB, and a 150 MB cgroup killed the run.
public struct MemoryAdmission: Sendable {
  /// The memory the run may take (a sweep trial's share).
  var budget: MemoryBudget
  /// A gradient check's estimate (float64, a sample of the rows).
  var gradientCheck = false
  /// A successive-halving trial saving or resuming a checkpoint.
  var checkpoint = false
  /// The sweep trial the refusal names.
  var trial: ExperimentRunner.TrialSubject? = nil
  /// The data's footprint the first check found (`admit`), so that the check for the classes
  /// read does not find it again (a CSV's first 32 MiB read once more, per trial in `validate`);
  /// nil while the data is not all found.
  var footprint: DataFootprint? = nil

  /// The check of a run (or a sweep's `trial`) against `budget`.
  public init(
    budget: MemoryBudget, gradientCheck: Bool = false, checkpoint: Bool = false,
    trial: ExperimentRunner.TrialSubject? = nil
  ) {
    (self.budget, self.gradientCheck, self.checkpoint, self.trial) = (
      budget, gradientCheck, checkpoint, trial
    )
  }

  /// The check before the data is read, for the classes the spec implies: the estimate, or the
  /// located refusal when it does not fit.
  @discardableResult
  public mutating func admit(_ loaded: LoadedSpec, context: ProjectContext)
    throws(PipelineError) -> MemoryEstimate
  {
    let footprint = DataFootprint.of(loaded, context: context)
    // Data not downloaded yet counts as empty here; the class check, after the download, finds
    // it then.
    self.footprint = footprint.found ? footprint : nil
    return try ExperimentRunner.checkMemory(
      loaded, context: context, footprint: footprint, budget: budget,
      gradientCheck: gradientCheck, checkpoint: checkpoint, trial: trial)
  }

  /// The estimate for the `classes` read (nil when the spec's own count is what was checked:
  /// the same figure); throws the located refusal when it does not fit.
  @discardableResult
  func check(_ loaded: LoadedSpec, context: ProjectContext, classes: Int?)
    throws(PipelineError) -> MemoryEstimate?
  {
    guard let classes, Double(classes) != MemoryEstimate.classes(loaded.spec) else { return nil }
    return try ExperimentRunner.checkMemory(
      loaded, context: context, footprint: footprint ?? DataFootprint.of(loaded, context: context),
      budget: budget, gradientCheck: gradientCheck, checkpoint: checkpoint, trial: trial,
      classes: classes)
  }
}
