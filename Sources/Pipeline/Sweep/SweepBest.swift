import Conventions
import Foundation
import Reports

/// The best trial of a sweep folder by its objective: the first row of its ranked
/// `summary.csv`, when that trial is ok and recorded a finite value.
public struct SweepBest: Sendable, Equatable {
  /// The trial ID.
  public var trial: String
  /// The objective's column, e.g. `dev_loss`.
  public var column: String
  /// The objective's value as `summary.csv` prints it.
  public var value: String
  /// `min` or `max`.
  public var goal: String
  /// The trial's swept values, `key=value` in the spec's order.
  public var setting: [String]
  /// The trial's folder.
  public var directory: String
  /// How many ok trials were ranked.
  public var ranked: Int
  /// In a successive-halving or Hyperband sweep, the budget the ranked trials reached, e.g.
  /// `180 epochs`: the trials stopped at a smaller one are not compared.
  public var budget: String?
  /// The other ok trials with the same objective value (ranked after it by their larger swept values).
  public var tied: [String] = []

  /// The best row of `summary` (ranked best first), nil when no ok trial recorded the
  /// objective; `unit` (`epochs`, `iterations`) names an adaptive sweep's budget.
  init?(
    summary: CSVTable, settings: SweepSettings, axes: [String], folder: URL, unit: String? = nil
  ) {
    guard let first = summary.rows.first, let valueIndex = summary.columnIndex(settings.objective),
      summary.columnIndex("status") != nil, settings.results(summary).first == first
    else { return nil }
    trial = first[0]
    column = settings.objective
    value = first[valueIndex]
    goal = settings.goal
    // A key that does not apply to the trial has an empty cell: it is left out, as Optuna
    // leaves out a parameter the trial did not suggest.
    setting = axes.compactMap { axis in
      summary.columnIndex(axis).flatMap { first[$0].isEmpty ? nil : "\(axis)=\(first[$0])" }
    }
    directory = folder.appendingPathComponent(trial).path
    let rivals = SweepSettings.rivals(in: summary)
    ranked = rivals.count
    budget = unit.flatMap { unit in summary.columnIndex("budget").map { "\(first[$0]) \(unit)" } }
    tied = rivals.dropFirst().filter { $0[valueIndex] == value }.map { $0[0] }
  }

  /// The line naming the best trial: ID, objective, swept values, folder; and, when the
  /// objective is not a dev figure, on which set the choice was made.
  public var line: String {
    let extreme = goal == "min" ? "lowest" : "highest"
    var text =
      "best trial: \(trial) (\(column) \(value), \(extreme) of \(ranked) ok trial\(ranked == 1 ? "" : "s")"
      + (budget.map { " at the full budget of \($0); smaller budgets are not compared)" } ?? ")")
    if !setting.isEmpty { text += " " + setting.joined(separator: ", ") }
    text += " → \(directory)"
    if !tied.isEmpty {
      let listed = tied.prefix(5).joined(separator: ", ") + (tied.count > 5 ? ", …" : "")
      text +=
        "\nnote: \(tied.count) other trial\(tied.count == 1 ? " ties" : "s tie") with it "
        + "(\(listed)); ties go to the smaller swept values, so compare them on another figure too"
    }
    if column.hasPrefix("test_") {
      text +=
        "\nwarning: chosen on the test set (no dev split): the test figures of this trial are optimistic"
    } else if column.hasPrefix("train_") {
      text += "\nwarning: chosen on the training set (no dev or test split)"
    }
    return text
  }

  /// `{"trial", "objective", "goal", "value", "directory"}` for `--json`.
  public var json: JSONValue {
    .object([
      ("trial", .string(trial)), ("objective", .string(column)), ("goal", .string(goal)),
      ("value", .field(value)), ("directory", .string(directory)),
    ])
  }
}
