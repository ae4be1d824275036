import Foundation

extension ExportedRun {
  /// The runs under `paths`, in order, found as `runner ls` finds them (`ResultsIndex`): a run
  /// folder is one run (named by its folder), a sweep folder its finished trials
  /// (`sweep/trial`; a trial still running or cut off has no `status.csv` and is left out), any
  /// other folder (e.g. `results/`) the runs and sweeps inside it. Links to folders inside are
  /// not followed and each real folder is exported once, so nothing outside the folders named
  /// is written; a folder in `/proc`, `/sys` or `/dev` is refused.
  public static func find(_ paths: [String]) throws(ExportError) -> [ExportedRun] {
    var runs: [ExportedRun] = []
    var seen = Set<String>()
    for path in paths {
      let url = URL(fileURLWithPath: path).standardizedFileURL
      do { try ResultsIndex.check(root: url) } catch { throw .folder(error) }
      if ResultsFolderKind.of(url) == .missing { throw .missing(path: path) }
      let found = ResultsIndex.found(under: url)
      guard !found.isEmpty else { throw .noRuns(path: path) }
      for run in found where seen.insert(run.folder.resolvingSymlinksInPath().path).inserted {
        runs.append(try ExportedRun(folder: run.folder, name: run.name))
      }
    }
    return runs
  }
}
