import Foundation
import Reports

/// Where a sweep's files live (docs/sweeps.md):
///
///     results/<output>/              the sweep folder
///       plan.csv                     every trial of the sweep: `trial` and the swept values
///       sweep.csv                    the objective and the axes' forms
///       summary.csv                  one row per finished trial, best first by the objective
///       <trial ID>/                  one run's results (metrics.csv, summary.csv, …)
///         status.csv                 the completion marker, written last
///
/// A trial folder is complete exactly when its `status.csv` exists (an ok one's `summary.csv`
/// parsing too: `TrialStatus.read`).
public struct SweepLayout: Sendable, Equatable {
  /// The plan's file name.
  public static let planFile = "plan.csv"
  /// The sweep-level summary's file name.
  public static let summaryFile = "summary.csv"
  /// The completion marker's file name inside a trial folder.
  public static let markerFile = ResultsFile.status
  /// The files and folders the runner writes in a sweep's folder (or a rung's or bracket's)
  /// beside its trial, rung and bracket folders, whatever the method: what `DamagedPlan` and
  /// `UnstartedSubfolder` tell the sweep's own entries from a user's by.
  static let ownFiles: Set<String> = [
    planFile, summaryFile, ResultsFile.sweepSettings, ResultsFile.reportMarkdown,
    ResultsFile.reportHTML, ResultsFile.plots, ResultsFile.bayesBatches,
    AdaptiveSweep.bracketsFile, rungsFile,
  ]

  /// The sweep folder.
  public let directory: URL

  /// The layout of the sweep folder `directory`.
  public init(directory: URL) {
    self.directory = directory.standardizedFileURL
  }

  /// `plan.csv`.
  public var plan: URL { directory.appendingPathComponent(Self.planFile) }
  /// `brackets.csv` of a Hyperband sweep: its plan's brackets.
  var brackets: URL { directory.appendingPathComponent(AdaptiveSweep.bracketsFile) }

  /// `sweep.csv`: the objective and the axes' forms (`SweepSettings`).
  public var settings: URL { directory.appendingPathComponent(ResultsFile.sweepSettings) }
  /// `summary.csv`.
  public var summary: URL { directory.appendingPathComponent(Self.summaryFile) }

  /// The folder of trial `id`.
  public func trialDirectory(_ id: String) -> URL {
    directory.appendingPathComponent(id, isDirectory: true)
  }

  /// The completion marker of trial `id`.
  public func marker(_ id: String) -> URL {
    trialDirectory(id).appendingPathComponent(Self.markerFile)
  }
}
