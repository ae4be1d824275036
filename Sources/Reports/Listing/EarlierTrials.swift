import Conventions
import Foundation

/// The trial folders a sweep folder holds that its plan no longer lists: those of an earlier
/// version of the spec (a changed key that is not swept changes every trial ID). `runner sweep`
/// notes them, `runner ls` lists them as `earlier` and `runner diff` counts them without
/// comparing them.
public enum EarlierTrials {
  /// The subfolders of the sweep folder holding a trial's `status.csv` that `plan` does not
  /// list, then those of its rungs (`rung-<r>/`, `bracket-<s>/rung-<r>/`: folders with their own
  /// `plan.csv`), as sorted paths relative to `folder` (`1c13812e39c5`, `rung-0/a07d3b8e41f2`).
  public static func find(in folder: URL, plan: CSVTable) -> [String] {
    find(in: folder, plan: plan, prefix: "")
  }

  /// The `plan.csv` in `folder`, when it is a sweep's (`trial` first).
  public static func plan(_ folder: URL) -> CSVTable? {
    let table = try? CSVTable(contentsOf: folder.appendingPathComponent(ResultsFile.plan))
    return table?.header.first == "trial" ? table : nil
  }

  private static func find(in folder: URL, plan: CSVTable, prefix: String) -> [String] {
    let planned = Set(plan.rows.map { $0[0] })
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().filter { !$0.hasPrefix(".") }.flatMap { name -> [String] in
      let subfolder = folder.appendingPathComponent(name)
      if let rung = Self.plan(subfolder) {
        return find(in: subfolder, plan: rung, prefix: prefix + name + "/")
      }
      let marker = subfolder.appendingPathComponent(ResultsFile.status).path
      return !planned.contains(name) && FileManager.default.fileExists(atPath: marker)
        ? [prefix + name] : []
    }
  }
}
