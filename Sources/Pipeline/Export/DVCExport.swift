import Conventions
import Foundation
import Reports

/// Writes a run's final figures as `summary.json` in its folder, the metrics file a DVC stage
/// declares (`dvc metrics show/diff` read JSON, YAML or TOML, not CSV): one flat object of the
/// numeric figures of `summary.csv` in column order, numbers exact (`null` for NaN). DVC reads the spec itself
/// as params and `metrics.csv` as plots, so nothing else is needed (see docs/ecosystem.md).
public enum DVCExport {
  /// The file name.
  public static let fileName = "summary.json"

  /// The file's text for `run` (same run, same bytes).
  public static func metricsJSON(_ run: ExportedRun) -> String {
    JSONValue.object(run.finals.map { ($0.name, .number($0.value)) }).rendered + "\n"
  }

  /// Writes `summary.json` into the run's folder and returns its path; a `summary.json` there
  /// that this export did not write (the user's) is refused, untouched.
  public static func write(_ run: ExportedRun) throws(ExportError) -> String {
    try check(run)
    let file = run.folder.appendingPathComponent(fileName)
    do { try AtomicFile.write(metricsJSON(run), to: file) } catch {
      throw .writing(file, error)
    }
    return file.path
  }

  /// Refuses a `summary.json` in the run's folder that this export did not write (the user's).
  public static func check(_ run: ExportedRun) throws(ExportError) {
    let file = run.folder.appendingPathComponent(fileName)
    if FileManager.default.fileExists(atPath: file.path) && !isExported(in: run.folder) {
      throw .foreignFile(path: file.path)
    }
  }

  /// Whether the `summary.json` in run folder `folder` is one this export wrote: one flat JSON
  /// object whose keys are columns of the folder's `summary.csv`, each a number or null.
  static func isExported(in folder: URL) -> Bool {
    guard
      let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let summary = try? CSVTable(contentsOf: folder.appendingPathComponent(ResultsFile.summary))
    else { return false }
    let columns = Set(summary.header)
    return object.allSatisfy { key, value in
      columns.contains(key)
        && (value is NSNull || value is NSNumber || value is Double || value is Int)
    }
  }
}
