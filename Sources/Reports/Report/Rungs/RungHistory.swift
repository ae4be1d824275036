import Conventions
import Foundation

/// A successive-halving folder's rungs as its report draws them, read from `rungs.csv`, each
/// complete rung's ranked `rung-<r>/summary.csv` and its trials' `metrics.csv` (the
/// objective's column, the learning curve up to the rung's budget).
public struct RungHistory: Sendable, Equatable {
  /// One trial of one rung.
  public struct TrialResult: Sendable, Equatable {
    /// The trial ID.
    public var id: String
    /// Whether it finished ok.
    public var ok: Bool
    /// The objective's value as recorded (empty when missing).
    public var text: String
    /// The objective's value when finite.
    public var value: Double?
    /// Whether it trained again in the next rung.
    public var wentOn: Bool
    /// The objective per step (`metrics.csv`'s first column) up to the rung's budget.
    public var curve: [LineChart.Point]
  }

  /// One rung: its budget, planned trials and the complete ones, best first.
  public struct RungResult: Sendable, Equatable {
    /// The rung's index, 0 first.
    public var index: Int
    /// The epochs (or iterations) each of its trials trains.
    public var budget: Int
    /// The trials the plan gives it.
    public var planned: Int
    /// The epochs (or iterations) its complete trials trained (`rungs.csv`; less than
    /// trials × budget when promoted trials went on from the rung below).
    public var trained: Int
    /// How many of its trials went on from their checkpoint of the rung below (nil when
    /// `rungs.csv` does not say).
    public var continued: Int? = nil
    /// Its complete trials, ranked by the objective (empty until it runs).
    public var trials: [TrialResult]
  }

  /// The rungs, first to last.
  public var rungs: [RungResult]
  /// `epochs` or `iterations` (the compute column of `rungs.csv`).
  public var unit: String
  /// The first column of the trials' `metrics.csv` (e.g. `epoch`): the curves' x axis.
  public var step: String

  /// Epochs (or iterations) trained by the complete trials of every rung.
  public var used: Int { rungs.map(\.trained).reduce(0, +) }

  /// Whether every rung's planned trials are complete.
  public var isComplete: Bool { rungs.allSatisfy { $0.trials.count == $0.planned } }

  /// The best trial of the last rung once every rung is complete.
  public var best: TrialResult? {
    guard isComplete, let last = rungs.last else { return nil }
    return last.trials.first { $0.ok && $0.value != nil }
  }

  /// `9×1, 3×3, 1×9`: the planned trials × budget per rung.
  public var shape: String { rungs.map { "\($0.planned)×\($0.budget)" }.joined(separator: ", ") }

  /// A history of `rungs` already in memory.
  init(rungs: [RungResult], unit: String, step: String) {
    self.rungs = rungs
    self.unit = unit
    self.step = step
  }

  /// Reads the successive-halving folder `directory`; nil without a readable `rungs.csv`.
  public init?(directory: URL, objective: String) {
    guard let table = try? CSVTable(contentsOf: directory.appendingPathComponent("rungs.csv")),
      table.header.count >= 6, let budgets = table.column("budget"),
      let planned = table.column("trials"), let wentOn = table.column("went_on")
    else { return nil }
    unit = table.header[4]
    step = unit == "iterations" ? "iteration" : "epoch"
    rungs = []
    for index in budgets.indices {
      guard let budget = Int(budgets[index]), let count = Int(planned[index]) else { return nil }
      let folder = directory.appendingPathComponent(AdaptiveSweep.rungFolder(index))
      let summary = try? CSVTable(contentsOf: folder.appendingPathComponent("summary.csv"))
      let next = Set(wentOn[index].split(separator: " ").map(String.init))
      var trials: [TrialResult] = []
      if let summary, let status = summary.columnIndex("status") {
        let column = summary.columnIndex(objective)
        for row in summary.rows where ResultsFile.isPlainFolderName(row[0]) {
          let text = column.map { row[$0] } ?? ""
          let value = CSVCell.number(from: text).flatMap { $0.isFinite ? $0 : nil }
          let (curve, step) = Self.curve(folder.appendingPathComponent(row[0]), objective)
          if let step { self.step = step }
          trials.append(
            TrialResult(
              id: row[0], ok: row[status] == "ok", text: text, value: value,
              wentOn: next.contains(row[0]), curve: curve))
        }
      }
      let trained = Int(table.rows[index][4]) ?? budget * trials.count
      rungs.append(
        RungResult(
          index: index, budget: budget, planned: count, trained: trained,
          continued: table.column("continued").flatMap { Int($0[index]) }, trials: trials))
    }
  }

  /// The objective's column of a trial's `metrics.csv` against its first column.
  static func curve(_ trial: URL, _ objective: String) -> ([LineChart.Point], String?) {
    guard let metrics = try? CSVTable(contentsOf: trial.appendingPathComponent("metrics.csv")),
      let index = metrics.columnIndex(objective)
    else { return ([], nil) }
    let points = metrics.rows.compactMap { row -> LineChart.Point? in
      guard let x = CSVCell.number(from: row[0]), let y = CSVCell.number(from: row[index]),
        x.isFinite, y.isFinite
      else { return nil }
      return LineChart.Point(x: x, y: y)
    }
    return (points, metrics.header.first)
  }
}
