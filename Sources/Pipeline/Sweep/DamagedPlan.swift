import Conventions
import Foundation
import Reports
import Specs

/// A sweep's own folder (or a rung's or bracket's) whose `plan.csv` is damaged — binary, emptied,
/// cut before its `trial` header, or deleted — beside the sweep's files and complete trial
/// folders. Without a plan it reads as a folder of other runs' results; it is the sweep's, and
/// the refusal says so: which file is damaged, whether the runner rebuilds it, and what to do.
/// The folder is left untouched.
enum DamagedPlan {
  /// What is wrong with the `plan.csv` of `directory` (`is empty`, `is not UTF-8 text`, `has no
  /// trial column`, `is missing`) when the folder holds the sweep's `sweep.csv` or a damaged
  /// `plan.csv` beside complete trial folders (or rung or bracket folders); nil when its plan is whole or it is not a sweep's.
  static func damage(in directory: URL) -> String? {
    guard ResultsFolderKind.of(directory) == .foreign else { return nil }
    let fm = FileManager.default
    let names = ((try? fm.contentsOfDirectory(atPath: directory.path)) ?? [])
      .filter { !$0.hasPrefix(".") }
    let entries = Set(names)
    // Complete trial folders, or a Hyperband sweep's brackets (a successive-halving's rungs).
    let hasTrial = names.contains {
      AdaptiveSweep.isRungOrBracketFolder($0)
        && PathEntry.isPlainDirectory(directory.appendingPathComponent($0).path)
        || TrialStatus.marker(
          directory.appendingPathComponent($0).appendingPathComponent(ResultsFile.status)) != nil
    }
    guard hasTrial,
      entries.contains(ResultsFile.plan) || entries.contains(ResultsFile.sweepSettings)
    else { return nil }
    let plan = directory.appendingPathComponent(ResultsFile.plan)
    guard entries.contains(ResultsFile.plan) else { return "is missing" }
    guard let bytes = fm.contents(atPath: plan.path) else { return "cannot be read" }
    if bytes.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) { return "is empty" }
    guard String(data: bytes, encoding: .utf8) != nil else { return "is not UTF-8 text" }
    return "does not begin with the `trial` column of a plan"
  }

  /// Refuses the folder of `prepared` (a sweep of its own, not a rung's or bracket's) when its
  /// plan is damaged (`damage(in:)`), saying what to do for its method.
  static func refuse(_ prepared: PreparedSweep) throws(SweepError) {
    let path = prepared.layout.directory.path
    guard !prepared.isPlannedSubfolder, let damage = damage(in: prepared.layout.directory)
    else { return }
    let method = prepared.plan.base.spec.sweep?.method ?? .grid
    throw .folder(
      .damagedPlan(path: path, damage: damage, remedy: remedy(method: method, path: path)))
  }

  /// What to do about a damaged plan in a folder of a sweep of `method` (nil for a rung's or
  /// bracket's folder), the folder `path` left untouched.
  static func remedy(method: SweepSpec.Method?, path: String) -> String {
    switch method {
    case nil:
      return "a rung's or bracket's plan is not written again: move \(path) away (the same "
        + "`runner sweep` command runs it again from the rung before) or restore its plan.csv"
    case .bayes:
      return "a bayes sweep's plan lists the trials its sampler chose batch by batch, so it "
        + "cannot be rebuilt from the spec: restore plan.csv (e.g. from a backup), or move the "
        + "folder away to sweep anew"
    case .hyperband, .successiveHalving:
      return "a \(method == .hyperband ? "Hyperband" : "successive-halving") sweep's plan is "
        + "not rebuilt from the spec: restore plan.csv (e.g. from a backup), or move the folder "
        + "away to sweep anew"
    case .grid, .random:
      return
        "a \(method!.rawValue) sweep's plan is written again only when the folder holds nothing but "
        + "the sweep's own files and complete trial folders of its plan (a trial folder not "
        + "complete, a rung's, or a file of yours is there): move those away, restore plan.csv, "
        + "or move the folder away to sweep anew"
    }
  }
}
