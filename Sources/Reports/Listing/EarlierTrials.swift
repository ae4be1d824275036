import Conventions
import Foundation

/// The trial folders a sweep folder holds that its plan no longer lists: those of an earlier
/// version of the spec (a changed key that is not swept changes every trial ID). `runner sweep`
/// notes them, `runner ls` lists them as `earlier` and `runner diff` counts them without
/// comparing them.
public enum EarlierTrials {
  /// The subfolders of the sweep folder holding a trial's `status.csv` whose IDs `plan` (the
  /// sweep's own `plan.csv`) does not list, then those of its rungs (`rung-<r>/`,
  /// `bracket-<s>/rung-<r>/`: folders with a `plan.csv` or named so), as sorted paths relative to
  /// `folder` (`1c13812e39c5`, `rung-0/a07d3b8e41f2`). A rung's trials are the sweep's, so they
  /// are judged by the sweep's plan: a rung's own plan may be an earlier version's until the rung
  /// runs again. Links are not followed.
  public static func find(in folder: URL, plan: CSVTable) -> [String] {
    find(in: folder, planned: Set(plan.rows.map { $0[0] }), prefix: "")
  }

  /// The `plan.csv` in `folder`, when it is a sweep's (`trial` first).
  public static func plan(_ folder: URL) -> CSVTable? {
    let table = try? CSVTable(contentsOf: folder.appendingPathComponent(ResultsFile.plan))
    return table?.header.first == "trial" ? table : nil
  }

  private static func find(in folder: URL, planned: Set<String>, prefix: String) -> [String] {
    let fm = FileManager.default
    let names = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().filter { !$0.hasPrefix(".") }.flatMap { name -> [String] in
      let subfolder = folder.appendingPathComponent(name)
      guard PathEntry.isPlainDirectory(subfolder.path) else { return [] }
      let rung =
        AdaptiveSweep.isRungOrBracketFolder(name)
        || fm.fileExists(atPath: subfolder.appendingPathComponent(ResultsFile.plan).path)
      if rung { return find(in: subfolder, planned: planned, prefix: prefix + name + "/") }
      let marker = subfolder.appendingPathComponent(ResultsFile.status).path
      return !planned.contains(name) && fm.fileExists(atPath: marker) ? [prefix + name] : []
    }
  }
}
