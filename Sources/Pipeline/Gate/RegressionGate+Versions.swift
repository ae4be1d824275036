import Foundation

extension RegressionGate {
  /// The line a differing entry ends with when its baseline was recorded by another runner
  /// version than this one: the fact that tells a regression from a new version's results
  /// (tester BO-6: after an upgrade every sweep baseline differed in `sweep.csv`, and only
  /// `runner diff` named the versions). Nil when the baseline records this version, or none.
  static func versionLine(
    _ baseline: URL, entry: String, current: String = RunnerVersion.current
  ) -> String? {
    let versions = RunEnvironment.recorded(RunEnvironment.versionKey, below: baseline)
    guard !versions.isEmpty, versions != [current] else { return nil }
    let made =
      versions.count == 1 ? "runner \(versions[0])" : "runners \(versions.joined(separator: ", "))"
    return "the baseline was recorded by \(made), this is runner \(current), whose results can "
      + "differ: if the differences above are the new version's, re-record it ("
      + "`\(recordCommand(entry, root: nil))`)"
  }
}
