import Datasets
import Foundation

/// Where the benchmarks find the shared datasets.
enum BenchData {
  /// `given` if set, else the first of `RUNNER_DATA_PATH`'s folders, `../shared/datasets` and
  /// `shared/datasets` that holds `probe` (a path relative to the folder).
  static func directory(_ given: String?, holding probe: String) -> String {
    if let given { return given }
    let candidates =
      DataLocator.environmentPath(ProcessInfo.processInfo.environment) + [
        "../shared/datasets", "shared/datasets",
      ]
    return candidates.first { FileManager.default.fileExists(atPath: $0 + "/" + probe) }
      ?? "../shared/datasets"
  }
}
