import Conventions
import Engine
import Foundation
import Reports
import Specs

/// What a trial of a successive-halving rung does with training checkpoints (docs/sweeps.md,
/// "Continue where the schedule allows"): save one with its results when a rung above may
/// promote it, and, above rung 0, go on from its checkpoint of the rung below when nothing in
/// the run depends on the total budget (else train again from the start, saying why).
struct TrialContinuation: Sendable {
  /// The trial's ID (its folder's name in each rung); set per trial.
  var trial = ""
  /// Whether trials save a `checkpoint/` with their results (every rung but the last).
  var saves: Bool
  /// The rung below: its sweep folder (trial folders hold the checkpoints) and budget.
  var below: (directory: URL, budget: Int)?

  /// The checkpoint folder of trial `id` in the rung below.
  func checkpoint(of id: String) -> URL? {
    below?.directory.appendingPathComponent(id).appendingPathComponent(CheckpointFiles.folder)
  }

  /// `optimizer.schedule.t_max`.
  static let tMaxPath = SpecPath([.key("optimizer"), .key("schedule"), .key("t_max")])

  /// Whether `spec`'s cosine period is the run's length (`t_max` not written in the spec), so
  /// it changes with the budget.
  static func tMaxFollowsBudget(_ spec: ExperimentSpec, _ sourceMap: SourceMap) -> Bool {
    spec.optimizer.schedule.kind == .cosine && sourceMap.origin(of: tMaxPath)?.location == nil
  }

  /// Why a promoted trial of `spec` cannot go on from the rung below and restarts (nil: it can):
  /// its optimizer or solver keeps state that is not saved, or its cosine schedule's `t_max`
  /// follows the budget (the default: the run's length).
  static func restartReason(_ spec: ExperimentSpec, _ sourceMap: SourceMap) -> String? {
    if let reason = TrainingCheckpoint.unsupported(TrainingConfiguration(spec, classes: nil)) {
      return reason
    }
    if tMaxFollowsBudget(spec, sourceMap) {
      return "the cosine schedule's t_max is the run's length, so its learning rates change "
        + "with the budget (set optimizer.schedule.t_max to continue)"
    }
    return nil
  }

  /// Why a promoted trial of `spec` can go on: nothing in its run depends on the total budget.
  static func continueReason(_ spec: ExperimentSpec) -> String {
    "\(spec.optimizer.kind.rawValue) with the \(spec.optimizer.schedule.kind.rawValue) "
      + "schedule: nothing in the run depends on the total budget"
  }
}

/// How a trial of a rung above 0 started, as its `start.csv` records it: `start` (`continued`
/// or `restarted`), `from` (the budget it went on from; 0 after a restart) and `reason`.
struct TrialStart: Sendable, Equatable {
  /// The file in the trial folder.
  static let file = "start.csv"
  /// How the reason of a restart after an unusable checkpoint begins.
  static let unusable = "its checkpoint cannot be used"
  /// How the reason of a restart after a checkpoint saved in another numeric environment begins.
  static let otherEnvironmentStart = "its checkpoint was saved in another numeric environment"

  /// The reason of a restart after a checkpoint saved in numeric environment `there`, by a run
  /// in `here`.
  static func otherEnvironment(_ there: String, _ here: String) -> String {
    "\(otherEnvironmentStart) ('\(there)', not this run's '\(here)')"
  }

  /// The budget the trial went on from (0: trained from the start).
  var from: Int
  /// Why it continued or restarted.
  var reason: String

  /// Whether it went on from the rung below.
  var continued: Bool { from > 0 }

  /// `start.csv`'s table.
  var table: CSVTable {
    var table = try! CSVTable(header: ["start", "from", "reason"])
    try! table.append(text: [continued ? "continued" : "restarted", String(from), reason])
    return table
  }

  /// The start recorded in the trial folder `directory`, if any.
  static func read(_ directory: URL) -> TrialStart? {
    guard let table = try? CSVTable(contentsOf: directory.appendingPathComponent(file)),
      let row = table.rows.first, row.count == 3, let from = Int(row[1])
    else { return nil }
    return TrialStart(from: from, reason: row[2])
  }
}
