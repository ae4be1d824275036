import Conventions

/// A sweep's trials as its analysis plots read them: the swept values and the objective of
/// each trial, in the ranked order of the sweep's `summary.csv` (best first, failed last).
public struct SweepTrials: Sendable, Equatable {
  /// One trial.
  public struct TrialValues: Sendable, Equatable {
    /// The trial ID.
    public var id: String
    /// True when the trial failed.
    public var failed: Bool
    /// The swept values, one per axis, as `summary.csv` prints them.
    public var values: [String]
    /// The objective's value as printed (empty when not recorded).
    public var objectiveText: String

    /// The objective's value, when finite.
    public var objective: Double? {
      CSVCell.number(from: objectiveText).flatMap { $0.isFinite ? $0 : nil }
    }
  }

  /// The swept key paths.
  public var axes: [String]
  /// The objective's column, e.g. `dev_loss`.
  public var objective: String
  /// True when the lowest value is best.
  public var lowerIsBetter: Bool
  /// Key paths declared log-uniform.
  public var logUniform: Set<String>
  /// Every trial, best first.
  public var trials: [TrialValues]

  /// The trials of a ranked sweep summary; nil without a `trial` column or an axis column.
  public init?(summary: CSVTable, axes: [String], settings: SweepSettings) {
    guard let trialIndex = summary.columnIndex("trial") else { return nil }
    let axisIndices = axes.compactMap { summary.columnIndex($0) }
    guard axisIndices.count == axes.count, !axes.isEmpty else { return nil }
    let statusIndex = summary.columnIndex("status")
    let objectiveIndex = summary.columnIndex(settings.objective)
    self.axes = axes
    objective = settings.objective
    lowerIsBetter = settings.lowerIsBetter
    logUniform = Set(axes.filter(settings.isLogUniform))
    trials = summary.rows.map { row in
      TrialValues(
        id: row[trialIndex], failed: statusIndex.map { row[$0] == "failed" } ?? false,
        values: axisIndices.map { row[$0] }, objectiveText: objectiveIndex.map { row[$0] } ?? "")
    }
  }

  /// Trials that are ok and recorded a finite objective, best first.
  public var ranked: [TrialValues] { trials.filter { !$0.failed && $0.objective != nil } }

  /// The best and worst objective values among the ranked trials.
  var bestAndWorst: (best: Double, worst: Double)? {
    let values = ranked.compactMap(\.objective)
    guard let low = values.min(), let high = values.max() else { return nil }
    return lowerIsBetter ? (low, high) : (high, low)
  }

  /// The scale of axis `index` over every trial's value.
  func scale(_ index: Int) -> ParameterScale {
    ParameterScale(
      name: axes[index], values: trials.map { $0.values[index] },
      logUniform: logUniform.contains(axes[index]))
  }

  /// `lower is better` or `higher is better`.
  var direction: String { lowerIsBetter ? "lower is better" : "higher is better" }

  /// A trial's tooltip: ID, swept values and objective (exact, as printed).
  func tooltip(_ trial: TrialValues) -> String {
    let values = zip(axes, trial.values).map { "\($0)=\($1)" }.joined(separator: ", ")
    let outcome =
      trial.failed
      ? "failed" : "\(objective)=\(trial.objectiveText.isEmpty ? "none" : trial.objectiveText)"
    return "trial \(trial.id): \(values); \(outcome)"
  }
}
