/// What a search ranks its trials by (`sweep.objective`): one final figure of the trials'
/// `summary.csv` and whether the lowest or the highest value is best. Declared once for the
/// spec language, the sweep summary's order and the report's best trial.
///
/// `metric` is a results column (`dev_accuracy`, `test_loss`) or a bare quantity (`loss`,
/// `accuracy`) measured on the selection split: dev, else test (else train).
public struct Objective: Sendable, Equatable {
  /// Whether the best trial has the lowest or the highest value.
  public enum Goal: String, Sendable, CaseIterable {
    /// The lowest value is best (losses, errors).
    case min
    /// The highest value is best (accuracy, f1, r2).
    case max
  }

  /// The figure ranked: a results column or a bare quantity.
  public var metric: String
  /// The direction; by default the quantity's own (min for losses and errors, max for scores).
  public var goal: Goal

  /// An objective on `metric`; the goal defaults to the quantity's natural direction.
  public init(metric: String, goal: Goal? = nil) {
    self.metric = metric
    self.goal = goal ?? Self.direction(of: metric)
  }

  /// The goal `metric` itself declares: max for a score that grows as the model improves
  /// (`Metric.higherIsBetter`), min for the loss and the errors.
  public static func direction(of metric: String) -> Goal {
    Metric(rawValue: parts(metric).quantity)?.higherIsBetter == true ? .max : .min
  }

  /// The default: the dev loss (the test loss without a dev split), lowest first.
  public static let `default` = Objective(metric: "loss")

  /// The splits a run's summary reports figures on, as column prefixes.
  public static let splits = ["train", "dev", "test"]

  /// The quantities a trial records: the loss and every scored metric.
  public static var quantities: [String] {
    ["loss"] + Metric.allCases.filter(\.isScore).map(\.rawValue)
  }

  /// Every name `metric` accepts: the bare quantities, then each split's columns.
  public static var names: [String] {
    quantities + splits.flatMap { split in quantities.map { "\(split)_\($0)" } }
  }

  /// `dev_accuracy` → (`dev`, `accuracy`); `loss` → (nil, `loss`).
  public static func parts(_ metric: String) -> (split: String?, quantity: String) {
    for split in splits where metric.hasPrefix(split + "_") {
      let quantity = String(metric.dropFirst(split.count + 1))
      if quantities.contains(quantity) { return (split, quantity) }
    }
    return (nil, metric)
  }

  /// The split the figure is measured on, given the run's held-out splits: the named one, else
  /// dev, else test, else train.
  public func split(hasDev: Bool, hasTest: Bool) -> String {
    Self.parts(metric).split ?? (hasDev ? "dev" : hasTest ? "test" : "train")
  }

  /// The results column ranked, e.g. `dev_loss`.
  public func column(hasDev: Bool, hasTest: Bool) -> String {
    split(hasDev: hasDev, hasTest: hasTest) + "_" + Self.parts(metric).quantity
  }

  /// Whether value `a` ranks before `b` (strictly better under the goal).
  public func better(_ a: Double, than b: Double) -> Bool {
    goal == .min ? a < b : a > b
  }
}
