import Conventions
import Foundation
import Reports

extension RegressionGate {
  /// Relative paths of the files the gate compares: every CSV but the timing and environment
  /// records, and the resolved specs; hidden files skipped. Sorted.
  static func comparedFiles(in folder: URL) throws -> [String] {
    try files(in: folder) { name in
      (name.hasSuffix(".csv") && !ResultsFile.timingFiles.contains(name))
        || name == ResultsFile.resolvedSpec
    }
  }

  /// Relative paths of the `environment.csv` files below `folder`.
  public static func environmentFiles(in folder: URL) throws -> [String] {
    try files(in: folder) { $0 == ResultsFile.environment }
  }

  private static func files(in folder: URL, where keep: (String) -> Bool) throws -> [String] {
    guard let files = ResultsFile.visibleFiles(below: folder) else {
      throw GateError.unreadable(path: folder.path, reason: "cannot list the folder")
    }
    return files.filter { keep(($0 as NSString).lastPathComponent) }
  }
}
