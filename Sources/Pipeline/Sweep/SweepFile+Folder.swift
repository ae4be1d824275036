import Foundation
import Reports

extension SweepFile {
  /// Readies a sweep folder for `command` (`runner sweep` or `runner merge`): only a sweep
  /// folder (or a new or empty one) is accepted; it is created, a dead process's temporaries are
  /// removed, `plan.csv` and `sweep.csv` are written, then `more` (the method's own files).
  /// A merge of the shards in `mergedFrom` refuses a folder holding another sweep's plan
  /// before writing anything.
  static func startFolder(
    _ layout: SweepLayout, command: String, plan: String, settings: String?, hook: CrashHook,
    mergedFrom source: String? = nil, more: () throws -> Void = {}
  ) throws(SweepError) {
    let kind = ResultsFolderKind.of(layout.directory)
    guard [.missing, .empty, .sweep].contains(kind) else {
      throw .folder(.wrongKind(path: layout.directory.path, found: kind, command: command))
    }
    if let source, FileManager.default.fileExists(atPath: layout.plan.path),
      (try? AtomicFile.read(layout.plan)) != plan
    {
      throw .differentSweeps(layout.directory.path, source)
    }
    do { _ = try ResultsParent.prepare(for: layout.directory) } catch { throw .folder(error) }
    do {
      try FileManager.default.createDirectory(
        at: layout.directory, withIntermediateDirectories: true)
      StaleFiles.removeTemporaries(in: layout.directory)
      try SweepFile.write(plan, to: layout.plan, point: "plan", hook: hook)
      if let settings {
        try SweepFile.write(settings, to: layout.settings, point: "settings", hook: hook)
      }
      try more()
    } catch let error as ResultsFileError {
      throw .results(error)
    } catch let error as SweepError {
      throw error
    } catch {
      throw .results(
        .cannotCreateDirectory(path: layout.directory.path, reason: AtomicFile.reason(error)))
    }
  }
}
