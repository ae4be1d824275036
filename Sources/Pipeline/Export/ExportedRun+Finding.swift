import Foundation

extension ExportedRun {
  /// The runs under `paths`, in order, found as `runner ls` finds them (`ResultsIndex`): a run
  /// folder is one run (named by its folder), a sweep folder its finished trials
  /// (`sweep/trial`; a trial still running or cut off has no `status.csv` and is left out), any
  /// other folder (e.g. `results/`) the runs and sweeps inside it.
  public static func find(_ paths: [String]) throws(ExportError) -> [ExportedRun] {
    var runs: [ExportedRun] = []
    for path in paths {
      let url = URL(fileURLWithPath: path).standardizedFileURL
      if ResultsFolderKind.of(url) == .missing { throw .missing(path: path) }
      let found = ResultsIndex.found(under: url)
      guard !found.isEmpty else { throw .noRuns(path: path) }
      for run in found { runs.append(try ExportedRun(folder: run.folder, name: run.name)) }
    }
    return runs
  }
}
