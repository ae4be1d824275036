import Conventions
import Engine
import Foundation
import Reports
import Specs

/// Reads one run's folder into a `ListedRun`: parameters and description from
/// `spec.resolved.yaml`, final figures from `summary.csv`, the start time from
/// `environment.csv` (else `summary.csv`'s modification time). A file that is there but cannot
/// be read or is malformed is named in the run's `problems`, never silently left blank.
enum RunFolderReader {
  /// Top-level spec keys that name or describe a run rather than parametrize it.
  static let nonParameters: Set<String> = ["name", "description", "output", "version"]

  /// The run in `folder`, named `name`; nil when `folder` has neither a resolved spec nor a
  /// summary. Its unwritten defaults are read when one of `keys` (every key when nil) is none
  /// of its values: they take a second, full load of the spec.
  static func read(_ folder: URL, name: String, defaultsFor keys: Set<String>? = nil)
    -> ListedRun?
  {
    let specURL = folder.appendingPathComponent(ResultsFile.resolvedSpec)
    let summaryURL = folder.appendingPathComponent(ResultsFile.summary)
    let fm = FileManager.default
    guard fm.fileExists(atPath: specURL.path) || fm.fileExists(atPath: summaryURL.path) else {
      return nil
    }
    var run = ListedRun(name: name, kind: .run, path: folder.path)
    let text = readSpecText(specURL, problems: &run.problems)
    let spec = text.flatMap { parseSpec($0, specURL, problems: &run.problems) }
    let summary = readSummary(summaryURL, problems: &run.problems)
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
    // A diverged run has no final figures: its status says why its losses are blank.
    if run.metric("stop_reason").map(DivergedStopReason.matches) == true { run.status = "diverged" }
    run.when = startTime(folder) ?? modificationTime(summaryURL) ?? ""
    // A default the resolved spec leaves unwritten (a layer's `dropout: 0`) answers as its
    // value: `--where 'model.layers[0].dropout=0'` finds the runs without dropout.
    if let text, spec != nil, keys.map({ $0.contains { run.value($0) == nil } }) ?? true {
      run.defaults = SpecParameters.unwrittenDefaults(ofResolved: text, file: specURL.path)
    }
    return run
  }

  /// The resolved spec at `url`: nil when absent, or (with a problem) unreadable, not YAML or
  /// not a mapping of keys.
  static func readSpec(_ url: URL, problems: inout [String]) -> SpecValue? {
    readSpecText(url, problems: &problems).flatMap { parseSpec($0, url, problems: &problems) }
  }

  /// The text of the resolved spec at `url`: nil when absent, or (with a problem) unreadable.
  static func readSpecText(_ url: URL, problems: inout [String]) -> String? {
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    do { return try AtomicFile.read(url) } catch {
      problems.append(error.description)
      return nil
    }
  }

  /// The resolved spec `text` read from `url`: nil (with a problem) when not YAML or not a
  /// mapping of keys.
  static func parseSpec(_ text: String, _ url: URL, problems: inout [String]) -> SpecValue? {
    guard let spec = SpecValue(yamlText: text), case .mapping = spec else {
      problems.append("\(url.path): not a spec (a YAML mapping of keys)")
      return nil
    }
    return spec
  }

  /// The summary at `url`: nil when absent, or (with a problem) unreadable, malformed or
  /// without a row.
  static func readSummary(_ url: URL, problems: inout [String]) -> CSVTable? {
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    let table: CSVTable
    do { table = try CSVTable(contentsOf: url) } catch {
      problems.append(error.description)
      return nil
    }
    guard !table.rows.isEmpty else {
      problems.append("\(url.path): no row of final figures")
      return nil
    }
    return table
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
