import Foundation
import Reports

/// One run's results folder as the exports see it: what every viewer gets, read back from the
/// files the run wrote (`spec.resolved.yaml`, `metrics.csv`, `summary.csv`, `environment.csv`,
/// a sweep trial's `status.csv`). Exports never retrain.
public struct ExportedRun: Sendable {
  /// A named number: a metric column and its value.
  public typealias Value = (name: String, value: Double)

  /// The run's name in the viewers: its folder relative to what was asked for (`cat`,
  /// `moons-grid/1c2dfcba9587` for a sweep trial).
  public var name: String
  /// The run's results folder.
  public var folder: URL
  /// The spec's `name` (a sweep trial's is the sweep's): the MLflow experiment by default.
  public var specName: String
  /// The spec's `description` (may be empty).
  public var specDescription: String
  /// The resolved spec's scalar leaves by key path (`optimizer.learning_rate` → `0.005`),
  /// without `version`, `name`, `description` and `output`.
  public var parameters: [(name: String, text: String)]
  /// `metrics.csv`'s step column: `iteration` or `epoch`.
  public var stepColumn: String
  /// Every row of `metrics.csv`: the step and its non-empty numeric values, in column order.
  public var history: [(step: Int, values: [Value])]
  /// The step the final figures belong to: after the last update (see `finalStep(…)`).
  public var finalStep: Int
  /// The numeric final figures of `summary.csv` (`train_loss`, …, `iterations`).
  public var finals: [Value]
  /// The final figures `summary.csv` writes as integers (`iterations`), exactly: not found
  /// from `finals` (a whole float written `1.0` stays a float; an integer above 2⁵³ is not exact
  /// as a `Double`).
  public var integers: [String: Int]
  /// The text final figures of `summary.csv` (`stop_reason`).
  public var outcomes: [(name: String, text: String)]
  /// When the run started (`environment.csv`'s `started_at`), in seconds since 1970.
  public var startedAt: Double?
  /// How long the run took (`timings.csv`'s `total`), in seconds; nil when not recorded.
  public var duration: Double?
  /// False for a sweep trial that `status.csv` marks failed.
  public var succeeded: Bool

  /// The device and inode of the folder the run was read from, taken before reading it (nil:
  /// not read from a folder): a run replacing the folder since gives it others
  /// (`locked(waiting:_:)`).
  public var folderFile: [UInt64]? = nil

  /// The sweep a trial belongs to (`moons-grid` for `moons-grid/1c2dfcba9587`); nil for a run
  /// that is no sweep's trial, even in a nested folder (`baseline/cat`).
  public var sweep: String?

  /// The files of the folder worth keeping beside the numbers, relative to it, sorted: every
  /// visible regular file, recursively (event files and exports included), but the resume
  /// state of a trial still training (`checkpoint/`: optimizer moments, batch order, RNG state,
  /// no result); a pipe or device, which reading could block on, is left out.
  public func files() -> [String] {
    (ResultsFile.visibleFiles(below: folder) ?? []).filter {
      $0.prefix { $0 != "/" } != CheckpointFiles.folder
        && ResultsFile.irregularity(atPath: folder.appendingPathComponent($0).path) == nil
    }
  }

  /// Every step with its values: `history`, then the final figures at `finalStep` (merged
  /// into the last row when it was recorded at that step, the final figures winning).
  public var timeline: [(step: Int, values: [Value])] {
    var rows = history
    guard !finals.isEmpty else { return rows }
    if let last = rows.last, last.step == finalStep {
      let names = Set(finals.map(\.name))
      rows[rows.count - 1].values = last.values.filter { !names.contains($0.name) } + finals
    } else {
      rows.append((finalStep, finals))
    }
    return rows
  }

  /// The step of the final figures: the iteration count for an `iteration` log (values are
  /// recorded before each step's update, so after `n` updates the model is at step `n`), the
  /// epoch budget for a completed `epoch` log, else the step after the last recorded one;
  /// never before the last recorded step.
  static func finalStep(
    stepColumn: String, lastStep: Int?, iterations: Int?, epochs: Int?, completed: Bool
  ) -> Int {
    let budget = stepColumn == "epoch" ? (completed ? epochs : nil) : iterations
    return max(lastStep ?? 0, budget ?? (lastStep ?? -1) + 1)
  }
}
