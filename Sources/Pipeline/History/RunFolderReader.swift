import Conventions
import Foundation
import Reports
import Specs

/// Reads one run's folder into a `ListedRun`: parameters and description from
/// `spec.resolved.yaml`, final figures from `summary.csv`, the start time from
/// `environment.csv` (else `summary.csv`'s modification time).
enum RunFolderReader {
  /// Top-level spec keys that name or describe a run rather than parametrize it.
  static let nonParameters: Set<String> = ["name", "description", "output", "version"]

  /// The run in `folder`, named `name`; nil when `folder` has neither a resolved spec nor a
  /// summary.
  static func read(_ folder: URL, name: String) -> ListedRun? {
    let specURL = folder.appendingPathComponent(ResultsFile.resolvedSpec)
    let summaryURL = folder.appendingPathComponent(ResultsFile.summary)
    let spec = (try? String(contentsOf: specURL, encoding: .utf8)).flatMap {
      SpecValue(yamlText: $0)
    }
    let summary = try? CSVTable(contentsOf: summaryURL)
    guard spec != nil || summary != nil else { return nil }
    var run = ListedRun(name: name, kind: .run, path: folder.path)
    if case .mapping(let pairs) = spec {
      for pair in pairs where pair.key == "description" {
        if case .string(let text) = pair.value { run.description = text }
      }
      let kept = pairs.filter { !nonParameters.contains($0.key) }
      run.parameters = SpecParameters.flatten(.mapping(kept))
    }
    if let summary {
      run.metrics = RunSummary.figures(of: summary).map { ListedRun.NamedValue($0.name, $0.text) }
    }
    run.when = startTime(folder) ?? modificationTime(summaryURL) ?? ""
    return run
  }

  /// `started_at` of the folder's `environment.csv`.
  static func startTime(_ folder: URL) -> String? {
    let url = folder.appendingPathComponent(ResultsFile.environment)
    guard let table = try? CSVTable(contentsOf: url), table.header == ["key", "value"] else {
      return nil
    }
    return table.rows.first { $0[0] == "started_at" }?[1]
  }

  /// The file's modification time, UTC, ISO 8601 to the second.
  static func modificationTime(_ url: URL) -> String? {
    let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
    guard let date = attributes?[.modificationDate] as? Date else { return nil }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}
