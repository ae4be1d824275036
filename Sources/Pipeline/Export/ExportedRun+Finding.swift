import Conventions
import Foundation
import Reports

extension ExportedRun {
  /// The runs under `paths`, in order, found as `runner ls` finds them (`ResultsIndex`): a run
  /// folder is one run (named by its folder), a sweep folder its finished trials
  /// (`sweep/trial`; a trial still running or cut off has no `status.csv` and is left out), any
  /// other folder (e.g. `results/`) the runs and sweeps inside it but the regression gate's
  /// baselines (a folder holding `gate.csv`, `results/baseline/`), which are exported only when
  /// named themselves. A sweep's trial folder named directly is that sweep's trial
  /// (`sweep/trial`, see `sweepTrial(_:)`), as when its sweep is named; so is a rung or
  /// bracket folder's trial of a successive-halving or Hyperband sweep, at the largest budget
  /// it reached (a rung folder named alone: its trials, each so). Links to folders inside
  /// are not followed and each real folder is exported once, so nothing outside the folders
  /// named is written; a folder in `/proc`, `/sys` or `/dev` is refused.
  public static func find(_ paths: [String]) throws(ExportError) -> [ExportedRun] {
    var leftOut: [String] = []
    return try find(paths, leftOut: &leftOut)
  }

  /// `find(_:)`, `leftOut` gathering the gate baseline folders it left out (each a path as
  /// given, e.g. `results/baseline`).
  public static func find(_ paths: [String], leftOut: inout [String]) throws(ExportError)
    -> [ExportedRun]
  {
    var runs: [ExportedRun] = []
    var seen = Set<String>()
    for path in paths {
      // A link to a folder (a `latest` link to a trial, a rung folder or the sweep itself) is
      // the folder it resolves to, as `runner ls` reads it: named by the link, a rung was
      // taken for a sweep, and the sweep got a second MLflow parent named after the link
      // (tester BM-14).
      let given = URL(fileURLWithPath: path).standardizedFileURL
      let url = PathEntry.realPath(given.path).map { URL(fileURLWithPath: $0) } ?? given
      do { try ResultsIndex.check(root: url) } catch { throw .folder(error) }
      if ResultsFolderKind.of(url) == .missing { throw .missing(path: path) }
      var found =
        ResultsFolderKind.of(url) == .run ? [sweepTrial(url)] : ResultsIndex.found(under: url)
      // A rung or bracket folder named alone: its trials as their sweep's, each at the largest
      // budget it reached (tester BL-10: exported at its own, the rung's trials replaced their
      // full-budget events, and MLflow got a parent named after the rung).
      if ResultsFolderKind.of(url) == .sweep
        && AdaptiveSweep.isRungOrBracketFolder(url.lastPathComponent)
      {
        found = found.map { $0.unreadable == nil ? outerTrial($0.folder) ?? $0 : $0 }
      }
      guard !found.isEmpty else { throw .noRuns(path: path) }
      var checked: [String: Bool] = [:]
      var baselines: [String] = []
      found.removeAll { run in
        guard let baseline = gateBaselines(holding: run.folder, below: url, checked: &checked)
        else { return false }
        let named = (path.hasSuffix("/") ? path : path + "/") + baseline
        if !baselines.contains(named) { baselines.append(named) }
        return true
      }
      leftOut += baselines.filter { !leftOut.contains($0) }
      guard !found.isEmpty else { throw .onlyBaselines(path: path, baselines: baselines) }
      for run in found where seen.insert(run.folder.resolvingSymlinksInPath().path).inserted {
        // Said as `runner ls` says it (a name that is not UTF-8: rename it), not as a file
        // missing in it.
        if let problem = run.unreadable { throw .unreadableFolder(problem: problem) }
        runs.append(try ExportedRun(folder: run.folder, name: run.name))
      }
    }
    return runs
  }

  /// The run folder `folder` as found: when it is a complete trial of a sweep (its parent, or
  /// for a successive-halving or Hyperband trial its rung's or bracket's parent, is a sweep
  /// folder listing it, at the largest budget it reached), that sweep's trial `sweep/trial`, so
  /// that an export of the trial alone is the one of its sweep; else the run named by its folder.
  static func sweepTrial(_ folder: URL) -> ResultsIndex.Found {
    outerTrial(folder)
      ?? ResultsIndex.Found(
        folder: folder, name: folder.lastPathComponent, kind: .run)
  }

  /// The trial in run folder `folder` as its outermost sweep lists it (`sweep/trial`), nil
  /// when no sweep above it does. A trial's folder in a lower rung of a successive-halving or
  /// Hyperband sweep (`sweep/rung-0/<trial>`, promoted since) is that trial at the largest
  /// budget it reached, in its highest rung folder.
  static func outerTrial(_ folder: URL) -> ResultsIndex.Found? {
    let real = folder.resolvingSymlinksInPath().path
    let id = folder.lastPathComponent
    let inRung = AdaptiveSweep.isRungOrBracketFolder(
      folder.deletingLastPathComponent().lastPathComponent)
    var ancestors: [URL] = []
    var parent = folder.deletingLastPathComponent()
    for _ in 0..<3 where parent.path != "/" {
      ancestors.append(parent)
      parent = parent.deletingLastPathComponent()
    }
    // The outermost sweep first: a rung folder is a sweep folder too.
    for sweep in ancestors.reversed() where ResultsFolderKind.of(sweep) == .sweep {
      let trials = ResultsIndex.trials(of: sweep, name: sweep.lastPathComponent)
      if let trial = trials.first(where: {
        $0.folder.resolvingSymlinksInPath().path == real
          || (inRung && $0.folder.lastPathComponent == id)
      }) {
        return trial
      }
    }
    return nil
  }
}
