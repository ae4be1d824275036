import Conventions
import Foundation
import Reports

/// How a trial ended, as its completion marker (`status.csv`) records it:
/// columns `trial`, `status` (`ok` or `failed`), `reason` (empty when ok).
public struct TrialStatus: Sendable, Equatable {
  /// The trial's outcome.
  public enum Outcome: Sendable, Equatable {
    /// Training finished and every results file was written.
    case ok
    /// The trial failed (diverged, bad data, …); `reason` is one line for the summary.
    case failed(reason: String)
  }

  /// The trial ID.
  public var trial: String
  /// How it ended.
  public var outcome: Outcome

  /// A trial's status.
  public init(trial: String, outcome: Outcome) {
    self.trial = trial
    self.outcome = outcome
  }

  /// `ok` or `failed`.
  public var statusText: String {
    if case .ok = outcome { return "ok" }
    return "failed"
  }

  /// The failure reason, empty when ok.
  public var reason: String {
    if case .failed(let reason) = outcome { return reason }
    return ""
  }

  /// True when the trial failed.
  public var failed: Bool { outcome != .ok }

  /// The marker's table (one row).
  var table: CSVTable {
    // The header is fixed and the row has its width.
    try! CSVTable(header: ["trial", "status", "reason"], rows: [[trial, statusText, reason]])
  }

  /// Reads the marker at `url`; nil when there is none (the trial is not complete), it is not
  /// a marker this version wrote, or it says ok but the trial is not whole (`damage(beside:)`:
  /// its `summary.csv` cannot be ranked, `readRanked`, or another file it wrote is missing or
  /// damaged, `TrialFiles`): then the trial is run again.
  static func read(_ url: URL) -> TrialStatus? {
    guard let status = readRanked(url),
      status.failed || TrialFiles.damage(in: url.deletingLastPathComponent()) == nil
    else { return nil }
    return status
  }

  /// The marker at `url` as `read` takes it, judging only the trial's own `summary.csv`
  /// (`summaryDamage`), which is what listing and export rank it by: its other files are read
  /// where the sweep decides to run it again, not for every trial `runner ls` lists.
  static func readRanked(_ url: URL) -> TrialStatus? {
    guard let status = marker(url),
      status.failed || summaryDamage(in: url.deletingLastPathComponent()) == nil
    else { return nil }
    return status
  }

  /// The marker at `url` as written, whatever the trial's other files hold.
  static func marker(_ url: URL) -> TrialStatus? {
    guard FileManager.default.fileExists(atPath: url.path),
      let table = try? CSVTable(contentsOf: url),
      table.header == ["trial", "status", "reason"], table.rows.count == 1,
      FolderError.isSafeTrialID(table.rows[0][0])
    else { return nil }
    let row = table.rows[0]
    switch row[1] {
    case "ok": return TrialStatus(trial: row[0], outcome: .ok)
    case "failed": return TrialStatus(trial: row[0], outcome: .failed(reason: row[2]))
    default: return nil
    }
  }
}
