import Conventions
import Foundation
import Reports
import Specs

/// `plan.csv`: every trial of the sweep (all shards), sorted by trial ID, with the value each
/// swept key takes (flow YAML, as `--set` would take it; empty where the trial's other values
/// make it not apply): columns `trial`, then the swept key paths in the spec's order. Every shard writes the same plan, which is how `runner merge`
/// knows the folders belong to one sweep and which trials are still missing.
enum SweepPlanFile {
  /// The plan table of `plan`.
  static func table(_ plan: SweepPlan) throws(SweepError) -> CSVTable {
    let axes = (plan.base.spec.sweep?.axes ?? []).map(\.path)
    do {
      var table = try CSVTable(header: ["trial"] + axes.map(\.description))
      for trial in plan.trials {
        let values = axes.map { path in
          trial.assignments.first { $0.path == path }?.recorded ?? ""
        }
        try table.append(text: [trial.id] + values)
      }
      return table
    } catch {
      throw .results(.cannotWrite(path: SweepLayout.planFile, reason: error.description))
    }
  }

  /// Reads the plan in `layout`'s folder.
  static func read(_ layout: SweepLayout) throws(SweepError) -> CSVTable {
    guard FileManager.default.fileExists(atPath: layout.plan.path) else {
      // A symbolic link loop or a pipe is named for what it is, not "no such folder".
      let entry = PathEntry.of(layout.directory.path)
      switch entry {
      case .missing: throw .noFolder(path: layout.directory.path)
      case .directory, .regular: throw .notASweep(path: layout.directory.path)
      default: throw .notAFolder(path: layout.directory.path, why: entry.notAFolder ?? "")
      }
    }
    let table: CSVTable
    do { table = try CSVTable(contentsOf: layout.plan) } catch { throw .results(error) }
    guard table.header.first == "trial" else { throw .notASweep(path: layout.directory.path) }
    try checkTrialIDs(table, file: layout.plan.path)
    return table
  }

  /// Refuses a plan whose trial IDs are not plain folder names inside the sweep (`../x`, `/x`,
  /// hidden names): a crafted `plan.csv` must never make a command read or write elsewhere.
  static func checkTrialIDs(_ table: CSVTable, file: String) throws(SweepError) {
    if let bad = table.rows.first(where: { !FolderError.isSafeTrialID($0[0]) }) {
      throw .folder(.unsafeTrial(file: file, id: bad[0]))
    }
  }

  /// Whether plan text `larger` has `smaller`'s header and every one of its rows.
  static func holds(_ larger: String, _ smaller: String) -> Bool {
    let (a, b) = (larger.split(separator: "\n"), smaller.split(separator: "\n"))
    return a.first == b.first && Set(b).isSubset(of: Set(a))
  }

  /// The plan on disk in `layout`'s folder when it holds `own` and more (another live sweep's
  /// larger plan, which `SweepFile.startFolder` kept), else `own`: the plan a sweep finishing
  /// last builds the folder's summary and report from, as a re-run would.
  static func whole(in layout: SweepLayout, holding own: CSVTable) -> CSVTable {
    guard let text = try? AtomicFile.read(layout.plan), text != own.rendered,
      holds(text, own.rendered), let table = try? CSVTable(parsing: text),
      table.rows.allSatisfy({ FolderError.isSafeTrialID($0[0]) })
    else { return own }
    return table
  }

  /// The trial IDs of a plan table, in its (trial-ID) order.
  static func trialIDs(_ table: CSVTable) -> [String] {
    table.rows.map { $0[0] }
  }

  /// The folder's `sweep.csv`, nil when absent (a folder written before it existed); one that
  /// is not a table of the settings is refused, naming it, so that a merge never ranks by
  /// another objective than the spec's.
  static func checkedSettings(_ layout: SweepLayout) throws(SweepError) -> SweepSettings? {
    guard FileManager.default.fileExists(atPath: layout.settings.path) else { return nil }
    let table: CSVTable
    do { table = try CSVTable(contentsOf: layout.settings) } catch { throw .results(error) }
    guard let settings = SweepSettings(table: table) else {
      throw .results(
        .cannotRead(
          path: layout.settings.path,
          reason:
            "not a sweep's settings (rows key,value with objective.metric and objective.goal min or max); rerun `\(ShardRecord.sweepCommand(for: layout.directory))` with the spec that wrote that folder, which rewrites it"
        ))
    }
    return settings
  }
}
