import Foundation

/// What `RegressionGate.record` did with a baseline.
public enum GateRecording: Sendable, Equatable {
  /// The fresh run's compared files were the baseline's byte for byte: the baseline (its
  /// `environment.csv` included) was left untouched, so a re-record makes no git noise.
  case unchanged
  /// The baseline was replaced; `note` names the files of yours carried into it, if any.
  case recorded(note: String?)
}

extension RegressionGate {
  /// Whether `entry`'s baseline is a folder (not a link) whose compared files (every CSV but
  /// the timing and environment records, and the resolved specs) are `fresh`'s byte for byte,
  /// with an environment record wherever `fresh` has one: `record` then leaves it as it is.
  func isUnchanged(_ entry: GateEntry, fresh: URL) -> Bool {
    let target = baseline(entry)
    guard GateMark.type(of: target) == .typeDirectory,
      let kept = try? Self.environmentFiles(in: target),
      let made = try? Self.environmentFiles(in: fresh), kept == made
    else { return false }
    // Stops at the first file that differs: a changed baseline is re-recorded whatever else
    // differs, so no cell-by-cell account (`byteDifferences`) is made for it.
    return (try? Self.differingFiles(target, fresh, limit: 1))?.isEmpty == true
  }
}
