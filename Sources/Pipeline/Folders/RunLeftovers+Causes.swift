import Foundation
import Reports

extension RunLeftovers {
  /// Why files of an earlier run folder `old` differ from those the run now in `current`
  /// wrote, as far as the two folders' `data_files.csv` and `environment.csv` tell: other data,
  /// another runner version, another numeric environment, or, when none of these, an edit.
  static func differenceCause(_ differing: [String], old: URL, current: URL) -> String {
    // Other inputs are said as the cause they are when data_files.csv records them.
    if differing.contains(ResultsFile.dataFiles) {
      return "its \(ResultsFile.dataFiles) records other data or starting parameters"
    }
    guard let was = RunEnvironment.read(from: old), let now = RunEnvironment.read(from: current)
    else {
      return "edited, or made from other data, by another runner version or in another numeric "
        + "environment"
    }
    var causes: [String] = []
    let version = RunEnvironment.versionKey
    if was[version] != now[version] {
      causes.append(
        "made by another runner version (\(was[version] ?? "not recorded"), not this run's "
          + "\(now[version] ?? ""))")
    }
    let key = RunEnvironment.numericKey
    if was[key] != now[key] {
      let (a, b) = (was[key] ?? "not recorded", now[key] ?? "")
      causes.append(
        "made in another numeric environment ('\(a)', not this run's '\(b)', "
          + "\(NumericEnvironmentPart.which([a, b])))")
    }
    guard causes.isEmpty else { return causes.joined(separator: " and ") }
    return "edited (it was made by this runner version, in this numeric environment, from the "
      + "same data)"
  }
}
