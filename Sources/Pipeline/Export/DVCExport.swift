import Conventions
import Foundation
import Reports

/// Writes a run's final figures as `summary.json` in its folder, the metrics file a DVC stage
/// declares (`dvc metrics show/diff` read JSON, YAML or TOML, not CSV): one flat object of the
/// numeric figures of `summary.csv` in column order, numbers exact (integers as integers,
/// `null` for NaN). DVC reads the spec itself as params and `metrics.csv` as plots, so nothing
/// else is needed (see docs/ecosystem.md).
public enum DVCExport {
  /// The file name.
  public static let fileName = "summary.json"

  /// The file's text for `run` (same run, same bytes): a figure `summary.csv` writes as an
  /// integer (`iterations`) stays one, as in DVC's own metrics files.
  public static func metricsJSON(_ run: ExportedRun) -> String {
    let values = run.finals.map { final in
      (final.name, run.integers[final.name].map(JSONValue.integer) ?? .number(final.value))
    }
    return JSONValue.object(values).rendered + "\n"
  }

  /// Writes `summary.json` into each run's folder, telling `wrote` each path. Every run is
  /// checked first, once: a `summary.json` that this export did not write (the user's) is
  /// refused before anything is written, and left untouched. Each folder is read (again if
  /// replaced since) and written under its lock (`ExportedRun.locked`), so a run replacing the
  /// folder never gets the previous run's figures; `waiting` is told when the export waits.
  public static func write(
    _ runs: [ExportedRun], waiting: @escaping ExportedRun.Waiting = { _ in },
    wrote: (String) -> Void = { _ in }
  ) throws(ExportError) {
    // A protected run folder or summary.json anywhere: refused before any is written (tester
    // BB F8: a sweep's other trials were written first).
    let files = runs.map { $0.folder.appendingPathComponent(fileName) }
    if let refusal = PlannedWrites(written: files).firstProtected() {
      throw .cannotWrite(path: refusal.planned.path, reason: refusal.reason)
    }
    for run in runs { try check(run) }
    for listed in runs {
      let file = try listed.locked(waiting: waiting) { run throws(ExportError) in
        try check(run)
        ExportedFiles.removeStaleTemporaries(in: run.folder)
        let file = run.folder.appendingPathComponent(fileName)
        do { try AtomicFile.write(metricsJSON(run), to: file) } catch {
          throw .writing(file, error)
        }
        return file
      }
      wrote(file.path)
    }
  }

  /// Refuses a `summary.json` in the run's folder that this export did not write (the user's,
  /// a link, even dangling), judged against the final figures the run was read with.
  static func check(_ run: ExportedRun) throws(ExportError) {
    let file = run.folder.appendingPathComponent(fileName)
    guard (try? FileManager.default.attributesOfItem(atPath: file.path)) != nil else { return }
    if !isExported(contents(of: file), figures: run.finals) {
      throw .foreignFile(path: file.path)
    }
  }

  /// Whether the `summary.json` in run folder `folder` is one this export wrote (see
  /// `isExported(_:figures:)`, against the folder's `summary.csv`).
  static func isExported(in folder: URL) -> Bool {
    guard
      let summary = try? CSVTable(contentsOf: folder.appendingPathComponent(ResultsFile.summary))
    else { return false }
    let figures = RunSummary.figures(of: summary).compactMap { column, text in
      CSVCell.number(from: text).map { (name: column, value: $0) }
    }
    return isExported(contents(of: folder.appendingPathComponent(fileName)), figures: figures)
  }

  /// The bytes of `file` when it is a regular file; nil for a link (never followed: the export
  /// writes none, and its rename would replace the link, not what it names), a folder, or an
  /// unreadable file.
  private static func contents(of file: URL) -> Data? {
    let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
    guard attributes?[.type] as? FileAttributeType == .typeRegular else { return nil }
    return FileManager.default.contents(atPath: file.path)
  }

  /// Whether `data` is the `summary.json` this export writes for the numeric final `figures` of
  /// its run's `summary.csv`: one flat JSON object with exactly their names, each with its value
  /// (`null` for one JSON cannot hold). A file of the user's that merely uses some of the names
  /// (`{"dev_loss": 0.5}`, an eval stage's own metrics) is not.
  static func isExported(_ data: Data?, figures: [ExportedRun.Value]) -> Bool {
    // JSONDecoder reads numbers exactly (JSONSerialization can round the last digit).
    guard let data, let object = try? JSONDecoder().decode([String: Double?].self, from: data),
      object.count == figures.count
    else { return false }
    return figures.allSatisfy { figure in
      guard let value = object[figure.name] else { return false }
      return value.map { $0 == figure.value } ?? !figure.value.isFinite
    }
  }
}
