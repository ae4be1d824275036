import Datasets
import Foundation
import Specs

extension ExperimentRunner {
  /// The process's memory budget (`RUNNER_MEMORY_LIMIT`, else the system's least limit).
  public static func memoryBudget(environment: [String: String]) throws(PipelineError)
    -> MemoryBudget
  {
    do { return try MemoryBudget.current(environment: environment) } catch {
      throw .environment(error.description)
    }
  }

  /// Why `budget`, below what the runner itself takes, fits no spec, and what to do. Under a
  /// `ulimit -v`, from the reading the budget was decided on: the ulimit, what the runner takes
  /// of it ("0 bytes" alone read as a misread limit), and the ulimit that fits.
  static func belowOverhead(_ budget: MemoryBudget) -> String {
    let own = MemoryBudget.format(MemoryBudget.processOverhead)
    let jobs = budget.source.contains("jobs") ? " or run fewer sweep jobs at once (--jobs)" : ""
    guard let space = budget.addressSpace else {
      return "the memory limit of \(MemoryBudget.format(budget.limit)) (\(budget.source)) is "
        + "below the \(own) the runner itself takes; raise it (e.g. \(MemoryBudget.variable)=1G)"
        + jobs
    }
    // Room for the runner's own share and as much again for a small run's data and model, and
    // slack for what the libraries map after the check (threads started around it), so that
    // the figure is the same under any limit: `used` counts OpenBLAS's buffers mapped or not
    // (tester BF F1: 200000 advised 512000, 300000 advised 614400, 512000 advised 819200).
    let needed = budget.whole(holding: 2 * MemoryBudget.processOverhead)
    let fitting = space.limit(fitting: needed + MemoryBudget.addressSpaceReserve)
    // What that ulimit leaves, as the budget reads it: the whole limit, before jobs share it.
    let leaves = MemoryBudget.format(max(0, Double(fitting) * 1024 - space.used))
    return "ulimit -v \(Int(space.cap / 1024)) allows \(MemoryBudget.format(space.cap)), of which "
      + "the runner's libraries, threads and OpenBLAS's buffer take "
      + "\(MemoryBudget.format(space.used)) before any data: the "
      + "\(MemoryBudget.format(budget.limit)) left (\(budget.source)) is below the \(own) the "
      + "runner itself takes; raise the ulimit -v (e.g. `ulimit -v \(fitting)`, in KB, which "
      + "leaves \(leaves): the runner's \(own) and room for a small run's data)" + jobs
  }

  /// Whether a `ulimit -v` limits this process's address space.
  public static var underAddressSpaceLimit: Bool { MemoryBudget.addressSpaceLeft() != nil }

  /// The refusal of a `ulimit -v` that leaves less address space than the runner itself takes,
  /// checked first thing: later, the concurrency runtime's threads or OpenBLAS's buffers would
  /// fail to map and retry forever (a hang that ignores SIGTERM). nil when it leaves enough.
  public static func addressSpaceRefusal() -> String? {
    guard let left = MemoryBudget.addressSpaceLeft(), left.limit < MemoryBudget.processOverhead
    else { return nil }
    return "error: " + belowOverhead(left)
  }

  /// Which sweep trial a refusal names: the one running, or one of several checked ahead.
  public enum TrialSubject: String, Sendable {
    /// The trial being run (its own `summary.csv` row).
    case this = "this trial"
    /// One of the trials checked before running (`runner validate`, a sweep's start).
    case some = "a trial"
  }

  /// The estimate of `loaded` (saving or resuming a checkpoint when `checkpoint`; a sweep's
  /// `trial`; for the `classes` its labels make, once read) checked against `budget`; the
  /// refusal is located at `culprit` (a sweep's axis whose value makes the trial too big), else
  /// at the labels' key when their classes make it too big, else at the estimate's.
  @discardableResult
  public static func checkMemory(
    _ loaded: LoadedSpec, context: ProjectContext, budget: MemoryBudget, gradientCheck: Bool,
    checkpoint: Bool = false, trial: TrialSubject? = nil, culprit: SpecPath? = nil,
    classes: Int? = nil
  ) throws(PipelineError) -> MemoryEstimate {
    try checkMemory(
      loaded, context: context, footprint: DataFootprint.of(loaded, context: context),
      budget: budget, gradientCheck: gradientCheck, checkpoint: checkpoint, trial: trial,
      culprit: culprit, classes: classes)
  }

  /// `checkMemory(_:context:…)` with the data's `footprint` already found.
  static func checkMemory(
    _ loaded: LoadedSpec, context: ProjectContext, footprint: DataFootprint,
    budget: MemoryBudget, gradientCheck: Bool, checkpoint: Bool = false,
    trial: TrialSubject? = nil, culprit: SpecPath? = nil, classes: Int? = nil
  ) throws(PipelineError) -> MemoryEstimate {
    let estimate = MemoryEstimate.of(
      loaded, context: context, footprint: footprint, gradientCheck: gradientCheck,
      checkpoint: checkpoint, classes: classes)
    // A file the loader refuses at its start is refused so (its format's located error), not
    // for the memory its bytes would take as some other format.
    guard estimate.needed > budget.limit, estimate.dataReadable else { return estimate }
    // Below the runner's own share no spec fits: the limit is at fault, not the spec.
    if budget.limit < MemoryBudget.processOverhead { throw .environment(belowOverhead(budget)) }
    let what = gradientCheck ? "the gradient check" : trial?.rawValue ?? "this run"
    // Admitted for the classes assumed before the labels were read: theirs are to blame.
    let assumed = classes.map { _ in
      MemoryEstimate.of(
        loaded, context: context, footprint: footprint, gradientCheck: gradientCheck,
        checkpoint: checkpoint)
    }
    let byClasses = assumed.map { $0.needed <= budget.limit } ?? false
    let culprit = culprit ?? (byClasses ? loaded.sourceMap.labelsPath : estimate.culprit)
    let forClasses = classes.map { " for the \($0) classes its labels make" } ?? ""
    let diagnostic = loaded.sourceMap.diagnostic(
      .error, at: culprit,
      "\(what) needs about \(MemoryBudget.format(estimate.needed)) of memory "
        + "(\(estimate.breakdown))\(forClasses), more than the "
        + "\(MemoryBudget.format(budget.limit)) limit (\(budget.source))",
      note: advice(
        for: culprit, budget: budget, needed: estimate.needed, classes: byClasses))
    throw .spec(.invalid([diagnostic]))
  }

  /// What to do, by the key blamed; the example limit is one `needed` bytes fit in (times the
  /// jobs sharing `budget`), rounded up to a readable size.
  /// `classes`: the labels' classes are to blame.
  static func advice(
    for culprit: SpecPath, budget: MemoryBudget, needed: Double, classes: Bool = false
  ) -> String {
    let shared = budget.jobs > 1
    // A validation-curve value is blamed by its index.
    let curveValue = culprit.description.hasPrefix("report.validation_curve.values[")
    let key = classes ? "classes" : curveValue ? "values" : culprit.lastKey ?? ""
    let change: String
    switch key {
    case "classes":
      change = "use fewer classes (merge rare ones; or is the target an ID or a real value?)"
    case "units": change = "use fewer units in this layer"
    case "batch_size": change = "use a smaller batch_size"
    case "sizes", "samples": change = "generate fewer samples"
    case "polynomial": change = "lower the polynomial degree"
    case "record_every": change = "record less often (a larger record_every)"
    case "values": change = "leave this validation-curve value out (its point trains the most)"
    default: change = "use a smaller dataset (or a subset of its samples)"
    }
    let raise = budget.raising(toHold: budget.whole(holding: needed))
    return change + (shared ? ", run fewer sweep jobs at once (--jobs)" : "") + ", or " + raise
  }
}
